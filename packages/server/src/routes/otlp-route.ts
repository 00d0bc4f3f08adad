import { SextantError, toErrorEnvelope } from '@sextant/core';
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { readBody } from '../http/read-body.js';
import type { OtlpFormat } from '../ingest/decode-body.js';
import type { Ingestor } from '../ingest/ingest-service.js';
import {
  encodePartialSuccess,
  encodeRpcStatus,
  partialSuccessJson,
  rpcCodeForHttpStatus,
} from '../otlp/otlp-response.js';

export interface OtlpRouteDependencies {
  ingest: Ingestor;
  maxBodyBytes: number;
  logError: (error: unknown) => void;
}

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
      const format = requestFormat(context);
      const body = await readBody(context, dependencies.maxBodyBytes);
      const result = await dependencies.ingest.ingestBody(context.var.projectId, format, body);
      if (isProtobuf)
        return protobufResponse(context, 200, encodePartialSuccess(result.rejected, result.errorMessage));
      return context.json(partialSuccessJson(result.rejected, result.errorMessage));
    } catch (error) {
      if (!isProtobuf) throw error; // the app's error handler answers JSON clients
      const { status, body } = toErrorEnvelope(error);
      if (status === 503) context.header('retry-after', '1');
      else if (status >= 500) dependencies.logError(error);
      return protobufResponse(
        context,
        status,
        encodeRpcStatus(rpcCodeForHttpStatus(status), body.error.message),
      );
    }
  });
}

function requestFormat(context: Context<AppEnv>): OtlpFormat {
  const contentType = (context.req.header('content-type') ?? '').toLowerCase();
  if (contentType.startsWith('application/json')) return 'json';
  if (contentType.startsWith('application/x-protobuf')) return 'protobuf';
  throw new SextantError(
    'unsupported_media_type',
    `content-type '${contentType || '(none)'}' is not supported; send application/json or application/x-protobuf`,
  );
}

function protobufResponse(context: Context, status: number, body: Uint8Array) {
  return context.body(body as Uint8Array<ArrayBuffer>, status as 200, {
    'content-type': 'application/x-protobuf',
  });
}
