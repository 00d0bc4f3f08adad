import { TruncatedText } from './truncated-text';

export type ParsedJson = { valid: true; pretty: string } | { valid: false; raw: string };

/** Pretty-prints `text` when it is JSON; otherwise returns it raw, flagged, so nothing is hidden or fatal. */
export function parseJsonText(text: string): ParsedJson {
  const trimmed = text.trim();
  if (!/^[[{"]/.test(trimmed)) return { valid: false, raw: text };
  try {
    return { valid: true, pretty: JSON.stringify(JSON.parse(trimmed), null, 2) };
  } catch {
    return { valid: false, raw: text };
  }
}

/** Any value as readable text: strings as they are, everything else as indented JSON. */
export function stringifyValue(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * A string that should hold JSON (tool arguments, JSON attributes): indented when it parses, shown raw with
 * a note when it does not.
 */
export function JsonText({ text, expectJson = true }: { text: string; expectJson?: boolean }) {
  const parsed = parseJsonText(text);
  if (parsed.valid)
    return (
      <TruncatedText text={parsed.pretty} className="font-mono text-xs [&_pre]:font-mono [&_pre]:text-xs" />
    );
  return (
    <div>
      {expectJson && (
        <span className="mb-1 inline-block rounded bg-amber-50 px-1 text-[11px] text-amber-800">
          not valid JSON; shown raw
        </span>
      )}
      <TruncatedText text={parsed.raw} className="font-mono [&_pre]:font-mono [&_pre]:text-xs" />
    </div>
  );
}
