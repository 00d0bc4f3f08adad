import { getActiveSpan } from '@sextant/sdk';
import OpenAI from 'openai';

/** The official OpenAI client pointed at Sextant's gateway: every model call is traced and costed there. */
export function createGatewayClient(sextantUrl: string, apiKey: string): OpenAI {
  return new OpenAI({ baseURL: `${sextantUrl.replace(/\/$/, '')}/v1`, apiKey, maxRetries: 1 });
}

/** A W3C traceparent for the active span, so the gateway's model span nests under the step that called it. */
export function traceparentHeader(): Record<string, string> {
  const context = getActiveSpan()?.spanContext();
  if (!context) return {};
  return { traceparent: `00-${context.traceId}-${context.spanId}-0${context.traceFlags & 1}` };
}

/** Sentence embeddings through the gateway (the built-in offline encoder by default). */
export function gatewayEmbedder(client: OpenAI, model = 'sextant/use-lite-en') {
  return async (texts: string[]): Promise<number[][]> => {
    const response = await client.embeddings.create(
      { model, input: texts },
      { headers: traceparentHeader() },
    );
    return response.data.map((item) => item.embedding);
  };
}
