import { type CanonicalSpan, type DecodedExport, normalizeSpan } from '@sextant/core';
import type { Store } from '@sextant/store';
import { ModelPriceBook } from '../services/model-price-book.js';
import { costSpans } from '../services/model-span-costing.js';
import { decodeBody, type OtlpFormat } from './decode-body.js';

export interface IngestResult {
  accepted: number;
  /** Newly stored; the rest of `accepted` were already stored (a re-sent batch). */
  inserted: number;
  rejected: number;
  errorMessage: string;
}

/** Something that takes OTLP bodies for a project: in this thread, or in a pool of worker threads. */
export interface Ingestor {
  ingestBody(projectId: string, format: OtlpFormat, body: Uint8Array): Promise<IngestResult>;
  close(): Promise<void>;
}

/** Runs a store write exclusively among threads sharing one store (see IngestWorkerPool). */
export type WriteSerializer = <T>(write: () => Promise<T>) => Promise<T>;

const unserialized: WriteSerializer = (write) => write();

/** Turns OTLP export requests into canonical spans and stores them, in the calling thread. */
export class IngestService implements Ingestor {
  constructor(
    private readonly store: Store,
    private readonly serializeWrites: WriteSerializer = unserialized,
    /** Catalog prices for costing llm and embedding spans; read from `store`. */
    private readonly prices: ModelPriceBook = new ModelPriceBook(store),
  ) {}

  async ingestBody(projectId: string, format: OtlpFormat, body: Uint8Array): Promise<IngestResult> {
    return this.ingest(projectId, decodeBody(format, body));
  }

  async ingest(projectId: string, decoded: DecodedExport): Promise<IngestResult> {
    const spans: CanonicalSpan[] = [];
    const reasons = [...decoded.rejectionReasons];
    let rejected = decoded.rejectedSpans;
    for (const span of decoded.spans) {
      try {
        spans.push(normalizeSpan(span));
      } catch (error) {
        // A normaliser bug must cost one span, never the batch.
        rejected += 1;
        reasons.push(`span ${span.spanId}: could not be normalised (${(error as Error).message})`);
      }
    }
    await costSpans(projectId, spans, this.prices);
    const { inserted } =
      spans.length > 0
        ? await this.serializeWrites(() => this.store.insertSpans(projectId, spans))
        : { inserted: 0 };
    return { accepted: spans.length, inserted, rejected, errorMessage: summarize(reasons, rejected) };
  }

  async close(): Promise<void> {}
}

function summarize(reasons: string[], rejected: number): string {
  if (rejected === 0) return '';
  const shown = reasons.slice(0, 5).join('; ');
  return reasons.length > 5 ? `${shown}; and ${reasons.length - 5} more` : shown;
}
