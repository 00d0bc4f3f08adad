import { type CanonicalSpan, type DecodedExport, normalizeSpan } from '@sextant/core';
import type { Store } from '@sextant/store';

export interface IngestResult {
  accepted: number;
  /** Newly stored; the rest of `accepted` were already stored (a re-sent batch). */
  inserted: number;
  rejected: number;
  errorMessage: string;
}

/** Turns decoded OTLP spans into canonical spans and stores them. */
export class IngestService {
  constructor(private readonly store: Store) {}

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
    const { inserted } = spans.length > 0 ? await this.store.insertSpans(projectId, spans) : { inserted: 0 };
    return { accepted: spans.length, inserted, rejected, errorMessage: summarize(reasons, rejected) };
  }
}

function summarize(reasons: string[], rejected: number): string {
  if (rejected === 0) return '';
  const shown = reasons.slice(0, 5).join('; ');
  return reasons.length > 5 ? `${shown}; and ${reasons.length - 5} more` : shown;
}
