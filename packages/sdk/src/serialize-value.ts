/** Default cut-off for captured inputs, outputs and document contents: 64 KiB of UTF-16 code units. */
export const DEFAULT_MAX_ATTRIBUTE_LENGTH = 64 * 1024;

const TRUNCATION_MARKER = '…[truncated]';
const MAX_DEPTH = 32;

/** Thrown inside the writer when the output budget is spent; never escapes `serializeValue`. */
class BudgetSpent {}

/**
 * JSON text of any value, for span attributes. Never throws: circular references become
 * `"[Circular]"`, BigInts their decimal string, errors `{ name, message }`, binary data a short
 * description, and anything that throws while being read `"[Unserializable]"`. Work and output are
 * bounded by `maxLength`: text longer than that is cut and ends with `…[truncated]` (so it is no
 * longer valid JSON). Returns undefined for values JSON cannot represent (undefined, functions).
 */
export function serializeValue(value: unknown, maxLength = DEFAULT_MAX_ATTRIBUTE_LENGTH): string | undefined {
  const writer = new JsonWriter(maxLength + 1);
  try {
    if (!writer.write(value, [])) return undefined;
  } catch (error) {
    if (!(error instanceof BudgetSpent)) return '"[Unserializable]"';
  }
  return truncateText(writer.text(), maxLength);
}

/** Cuts `text` to at most `maxLength` code units, marking the cut and never splitting a surrogate pair. */
export function truncateText(text: string, maxLength = DEFAULT_MAX_ATTRIBUTE_LENGTH): string {
  if (text.length <= maxLength) return text;
  let end = Math.max(0, maxLength - TRUNCATION_MARKER.length);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + TRUNCATION_MARKER;
}

class JsonWriter {
  readonly #parts: string[] = [];
  #length = 0;

  constructor(readonly budget: number) {}

  text(): string {
    return this.#parts.join('');
  }

  /** Appends `value`; returns false (and appends nothing) when JSON has no representation for it. */
  write(value: unknown, ancestors: object[]): boolean {
    switch (typeof value) {
      case 'string':
        // Long strings are cut before escaping so one huge string cannot cost more than the budget.
        this.#append(JSON.stringify(value.length > this.budget ? value.slice(0, this.budget) : value));
        return true;
      case 'number':
        this.#append(Number.isFinite(value) ? String(value) : 'null');
        return true;
      case 'boolean':
        this.#append(String(value));
        return true;
      case 'bigint':
        this.#append(`"${value.toString()}"`);
        return true;
      case 'object':
        if (value === null) {
          this.#append('null');
          return true;
        }
        this.#writeObject(value, ancestors);
        return true;
      default:
        return false; // undefined, function, symbol
    }
  }

  #writeObject(value: object, ancestors: object[]): void {
    if (ancestors.includes(value)) this.#append('"[Circular]"');
    else if (ancestors.length >= MAX_DEPTH) this.#append('"[Too deep]"');
    else if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
      this.#append(`"[${value.constructor.name} ${value.byteLength} bytes]"`);
    } else if (Array.isArray(value) || value instanceof Set) this.#writeItems(value, [...ancestors, value]);
    else if (value instanceof Error) {
      this.#writeEntries(
        [
          ['name', value.name],
          ['message', value.message],
        ],
        [...ancestors, value],
      );
    } else if (value instanceof Map) {
      this.#writeEntries(
        [...value.entries()].map(([key, item]) => [String(key), item]),
        [...ancestors, value],
      );
    } else if ('toJSON' in value && typeof value.toJSON === 'function') {
      if (!this.write(value.toJSON(), [...ancestors, value])) this.#append('null');
    } else {
      this.#writeEntries(
        Object.keys(value).map((key) => [key, readProperty(value, key)]),
        [...ancestors, value],
      );
    }
  }

  #writeItems(items: Iterable<unknown>, ancestors: object[]): void {
    this.#append('[');
    let index = 0;
    for (const item of items) {
      if (index++ > 0) this.#append(',');
      if (!this.#writeSafely(item, ancestors)) this.#append('null');
    }
    this.#append(']');
  }

  #writeEntries(entries: Array<[string, unknown]>, ancestors: object[]): void {
    this.#append('{');
    let written = 0;
    for (const [key, item] of entries) {
      const mark = this.#mark();
      this.#append(`${written > 0 ? ',' : ''}${JSON.stringify(key)}:`);
      if (this.#writeSafely(item, ancestors)) written++;
      else this.#reset(mark);
    }
    this.#append('}');
  }

  /** Writes one member; a member whose getter, proxy trap or toJSON throws becomes "[Unserializable]". */
  #writeSafely(value: unknown, ancestors: object[]): boolean {
    const mark = this.#mark();
    try {
      return this.write(value, ancestors);
    } catch (error) {
      if (error instanceof BudgetSpent) throw error;
      this.#reset(mark);
      this.#append('"[Unserializable]"');
      return true;
    }
  }

  #append(text: string): void {
    this.#parts.push(text);
    this.#length += text.length;
    if (this.#length > this.budget) throw new BudgetSpent();
  }

  #mark(): { parts: number; length: number } {
    return { parts: this.#parts.length, length: this.#length };
  }

  #reset(mark: { parts: number; length: number }): void {
    this.#parts.length = mark.parts;
    this.#length = mark.length;
  }
}

const UNREADABLE = { toJSON: () => '[Unserializable]' };

function readProperty(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return UNREADABLE;
  }
}
