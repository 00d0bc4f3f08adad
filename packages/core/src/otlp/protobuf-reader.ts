/** Thrown by {@link ProtobufReader} on truncated or malformed input; decoders turn it into a failed Result. */
export class ProtobufError extends Error {
  override readonly name = 'ProtobufError';
}

/** Protobuf wire types. Groups (3, 4) are deprecated and never used by OTLP; they are rejected as malformed. */
export const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

const HEX_BYTE: string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const utf8 = new TextDecoder('utf-8');
// Core stays runnable outside Node (browsers, workers): Buffer is used only where it exists.
const NodeBuffer: typeof Buffer | undefined = (globalThis as { Buffer?: typeof Buffer }).Buffer;
type NodeBufferWithSlice = Buffer & { utf8Slice?: (start: number, end: number) => string };
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// Attribute keys and many short values (model names, operation names) repeat across the spans of a batch
// and across batches. Decoding each through a native call costs more than hashing its bytes and finding the
// string already made, which is then also already internalised when used as a property key.
const MAX_CACHED_LENGTH = 64;
const CACHE_SLOTS = 2048;
const stringCache: Array<string | undefined> = new Array(CACHE_SLOTS);

/** The ASCII string of bytes[start, end) from the cache (made and cached on a miss); undefined if not ASCII. */
function cachedAscii(bytes: Uint8Array, start: number, end: number): string | undefined {
  let hash = 0x811c9dc5;
  for (let index = start; index < end; index++) {
    const byte = bytes[index]!;
    if (byte >= 0x80) return undefined;
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  const slot = (hash >>> 0) & (CACHE_SLOTS - 1);
  const cached = stringCache[slot];
  if (cached !== undefined && cached.length === end - start) {
    let index = 0;
    while (index < cached.length && cached.charCodeAt(index) === bytes[start + index]) index++;
    if (index === cached.length) return cached;
  }
  const text = String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  stringCache[slot] = text;
  return text;
}

/**
 * A forward-only reader of the protobuf wire format over one buffer. Nested messages are read in place:
 * `enter()` reads a length prefix and narrows `limit` to that message, `leave()` restores it. Every read
 * is checked against `limit` and throws {@link ProtobufError} rather than crossing it.
 */
export class ProtobufReader {
  pos = 0;
  /** End of the message being read (exclusive). */
  limit: number;
  private readonly bytes: Uint8Array;
  /** The same memory as a Node Buffer, whose UTF-8 decoding is several times faster than TextDecoder's. */
  private readonly nodeBuffer: NodeBufferWithSlice | undefined;
  private view: DataView | undefined;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.limit = bytes.length;
    this.nodeBuffer = NodeBuffer?.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** True while the current message has unread bytes. */
  get more(): boolean {
    return this.pos < this.limit;
  }

  /** Starts reading a length-delimited message; returns the enclosing limit to pass to {@link leave}. */
  enter(): number {
    const end = this.lengthEnd();
    const outer = this.limit;
    this.limit = end;
    return outer;
  }

  /** Finishes the current message (which must have been consumed exactly) and restores the enclosing limit. */
  leave(outer: number): void {
    if (this.pos !== this.limit) this.fail('a field overruns the message that contains it');
    this.limit = outer;
  }

  /** Reads a field tag: `fieldNumber * 8 + wireType`. */
  tag(): number {
    const tag = this.varint();
    if (tag < 8 || tag > 0xffffffff) this.fail(`invalid field tag ${tag}`);
    return tag;
  }

  /** An unsigned varint; exact below 2^53 (enough for tags, lengths, enums and counts). */
  varint(): number {
    const bytes = this.bytes;
    let value = 0;
    let multiplier = 1;
    for (let index = 0; index < 10; index++) {
      if (this.pos >= this.limit) this.fail('truncated varint');
      const byte = bytes[this.pos++]!;
      value += (byte & 0x7f) * multiplier;
      if (byte < 0x80) return value;
      multiplier *= 128;
    }
    return this.fail('varint longer than 10 bytes');
  }

  /** A two's-complement int64: a number within ±2^53, else its exact decimal string. */
  int64(): number | string {
    const start = this.pos;
    const fast = this.varint();
    if (this.pos - start <= 7) return fast;
    let value = 0n;
    for (let index = start; index < this.pos; index++) {
      value |= BigInt(this.bytes[index]! & 0x7f) << BigInt(7 * (index - start));
    }
    const signed = BigInt.asIntN(64, value);
    return signed >= MIN_SAFE && signed <= MAX_SAFE ? Number(signed) : signed.toString();
  }

  /**
   * A fixed64 count of nanoseconds → integer microseconds, exactly (hi/lo arithmetic, no float division of
   * the 64-bit value); NaN when the result is beyond 2^53 µs (year 2255).
   */
  fixed64NanosToMicros(): number {
    const lo = this.uint32At(this.advance(8));
    const hi = this.uint32At(this.pos - 4);
    // ns = hi * 2^32 + lo and 2^32 = 4294967 * 1000 + 296, so µs = hi * 4294967 + floor((hi * 296 + lo) / 1000).
    const rest = hi * 296 + lo;
    const micros = hi * 4294967 + (rest - (rest % 1000)) / 1000;
    return Number.isSafeInteger(micros) ? micros : Number.NaN;
  }

  double(): number {
    const start = this.advance(8);
    this.view ??= new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    return this.view.getFloat64(start, true);
  }

  /** Reads a length prefix and returns the offset where that field's bytes end. */
  private lengthEnd(): number {
    const length = this.varint();
    if (length > this.limit - this.pos) {
      this.fail(
        `length ${length} runs past the end of ${this.limit === this.bytes.length ? 'the body' : 'its message'}`,
      );
    }
    return this.pos + length;
  }

  string(): string {
    const end = this.lengthEnd();
    const start = this.pos;
    this.pos = end;
    if (end - start <= MAX_CACHED_LENGTH) {
      const cached = cachedAscii(this.bytes, start, end);
      if (cached !== undefined) return cached;
    }
    return this.decodeUtf8(start, end);
  }

  private decodeUtf8(start: number, end: number): string {
    const nodeBuffer = this.nodeBuffer;
    if (nodeBuffer !== undefined) {
      // utf8Slice is what toString('utf8') calls after validating its arguments (protobufjs reads it the same way).
      return nodeBuffer.utf8Slice
        ? nodeBuffer.utf8Slice(start, end)
        : nodeBuffer.toString('utf8', start, end);
    }
    return utf8.decode(this.bytes.subarray(start, end));
  }

  /** A bytes field as lowercase hex (trace and span ids). */
  hex(): string {
    const end = this.lengthEnd();
    let text = '';
    for (let index = this.pos; index < end; index++) text += HEX_BYTE[this.bytes[index]!];
    this.pos = end;
    return text;
  }

  /** A bytes field as standard padded base64, the way OTLP/JSON spells `bytesValue`. */
  base64(): string {
    const end = this.lengthEnd();
    const bytes = this.bytes;
    let text = '';
    let index = this.pos;
    for (; index + 2 < end; index += 3) {
      const triple = (bytes[index]! << 16) | (bytes[index + 1]! << 8) | bytes[index + 2]!;
      text +=
        BASE64[triple >> 18]! +
        BASE64[(triple >> 12) & 63]! +
        BASE64[(triple >> 6) & 63]! +
        BASE64[triple & 63]!;
    }
    if (end - index === 1) {
      const byte = bytes[index]!;
      text += `${BASE64[byte >> 2]}${BASE64[(byte & 3) << 4]}==`;
    } else if (end - index === 2) {
      const pair = (bytes[index]! << 8) | bytes[index + 1]!;
      text += `${BASE64[pair >> 10]}${BASE64[(pair >> 4) & 63]}${BASE64[(pair & 15) << 2]}=`;
    }
    this.pos = end;
    return text;
  }

  /** Skips the value of a field this decoder does not read, by its wire type. */
  skip(wireType: number): void {
    if (wireType === WireType.varint) this.varint();
    else if (wireType === WireType.fixed64) this.advance(8);
    else if (wireType === WireType.lengthDelimited) this.pos = this.lengthEnd();
    else if (wireType === WireType.fixed32) this.advance(4);
    else this.fail(`unsupported wire type ${wireType}`);
  }

  fail(message: string): never {
    throw new ProtobufError(`${message} (at byte ${this.pos})`);
  }

  /** Moves past `count` bytes and returns where they start. */
  private advance(count: number): number {
    const start = this.pos;
    if (count > this.limit - start) this.fail('truncated fixed-width field');
    this.pos = start + count;
    return start;
  }

  private uint32At(offset: number): number {
    const bytes = this.bytes;
    return (
      (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16)) +
      bytes[offset + 3]! * 0x1000000
    );
  }
}
