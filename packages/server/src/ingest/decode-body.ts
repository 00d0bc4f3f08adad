import {
  type DecodedExport,
  decodeOtlpJson,
  decodeOtlpProtobuf,
  type Result,
  SextantError,
} from '@sextant/core';

/** The two OTLP/HTTP encodings. */
export type OtlpFormat = 'json' | 'protobuf';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes an OTLP/HTTP request body, throwing a 400 SextantError that says what was wrong. */
export function decodeBody(format: OtlpFormat, body: Uint8Array): DecodedExport {
  const result = format === 'json' ? decodeJson(body) : decodeOtlpProtobuf(body);
  if (!result.success) throw new SextantError('bad_request', `invalid OTLP export request: ${result.error}`);
  return result.value;
}

function decodeJson(body: Uint8Array): Result<DecodedExport, string> {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { success: false, error: 'request body is not valid UTF-8' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { success: false, error: `request body is not valid JSON: ${(error as Error).message}` };
  }
  return decodeOtlpJson(parsed);
}
