import {
  type DecodedExport,
  decodeOtlpJson,
  decodeOtlpProtobuf,
  type Result,
  SextantError,
  toErrorEnvelope,
} from '@sextant/core';
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { readBody } from '../http/read-body.js';
import {
  encodePartialSuccess,
  encodeRpcStatus,
  partialSuccessJson,
  rpcCodeForHttpStatus,
} from '../otlp/otlp-response.js';
import type { IngestService } from '../services/ingest-service.js';

export interface OtlpRouteDependencies {
  ingest: IngestService;
  maxBodyBytes: number;
  logError: (error: unknown) => void;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * OTLP/HTTP trace ingestion (JSON or protobuf, optionally gzip), answering in the request's encoding.
 * Not a zod-openapi route: OTLP defines its own schema, and this path decodes it directly for speed.
 */
export function mountOtlpRoute(app: Hono<AppEnv>, dependencies: OtlpRouteDependencies) {
  app.post('/v1/traces', async (context) => {
    const isProtobuf = (context.req.header('content-type') ?? '')
      .toLowerCase()
      .startsWith('application/x-protobuf');
    try {
      const decoded = await decodeRequest(context, dependencies.maxBodyBytes);
      const result = await dependencies.ingest.ingest(context.var.projectId, decoded);
      if (isProtobuf)
        return protobufResponse(context, 200, encodePartialSuccess(result.rejected, result.errorMessage));
      return context.json(partialSuccessJson(result.rejected, result.errorMessage));
    } catch (error) {
      if (!isProtobuf) throw error; // the app's error handler answers JSON clients
      const { status, body } = toErrorEnvelope(error);
      if (status >= 500) dependencies.logError(error);
      return protobufResponse(
        context,
        status,
        encodeRpcStatus(rpcCodeForHttpStatus(status), body.error.message),
      );
    }
  });
}

async function decodeRequest(context: Context<AppEnv>, maxBodyBytes: number): Promise<DecodedExport> {
  const contentType = (context.req.header('content-type') ?? '').toLowerCase();
  const isJson = contentType.startsWith('application/json');
  if (!isJson && !contentType.startsWith('application/x-protobuf')) {
    throw new SextantError(
      'unsupported_media_type',
      `content-type '${contentType || '(none)'}' is not supported; send application/json or application/x-protobuf`,
    );
  }
  const body = await readBody(context, maxBodyBytes);
  return unwrap(isJson ? decodeJsonBody(body) : decodeOtlpProtobuf(body));
}

function decodeJsonBody(body: Buffer): Result<DecodedExport, string> {
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

function unwrap(result: Result<DecodedExport, string>): DecodedExport {
  if (!result.success) throw new SextantError('bad_request', `invalid OTLP export request: ${result.error}`);
  return result.value;
}

function protobufResponse(context: Context, status: number, body: Uint8Array) {
  return context.body(body as Uint8Array<ArrayBuffer>, status as 200, {
    'content-type': 'application/x-protobuf',
  });
}
