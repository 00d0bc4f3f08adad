import { type CanonicalSpan, type DecodedExport, normalizeSpan } from '@sextant/core';
import type { PreparedSpans, Store } from '@sextant/store';
import { ModelPriceBook } from '../services/model-price-book.js';
import { costSpans } from '../services/model-span-costing.js';
import { decodeBody, type OtlpFormat } from './decode-body.js';
import { ProjectRedaction } from './project-redaction.js';

export interface IngestResult {
  /** Stored, or already stored before (a re-sent span is acknowledged, never duplicated). */
  accepted: number;
  rejected: number;
  errorMessage: string;
}

/** Something that takes OTLP bodies for a project: in this thread, or in a pool of worker threads. */
export interface Ingestor {
  ingestBody(projectId: string, format: OtlpFormat, body: Uint8Array): Promise<IngestResult>;
  /** The project's redaction settings changed: apply them from the next batch on. */
  redactionChanged(projectId: string): void;
  close(): Promise<void>;
}

/** One OTLP request body, as received for a project. */
export interface IngestBody {
  projectId: string;
  format: OtlpFormat;
  body: Uint8Array;
}

/** Runs a store write exclusively among threads sharing one store (see ingest-worker.ts). */
export type WriteSerializer = <T>(write: () => Promise<T>) => Promise<T>;

/** A decoded request's spans, ready to store, and what was rejected on the way. */
interface PreparedBody {
  projectId: string;
  spans: CanonicalSpan[];
  rejected: number;
  reasons: string[];
  failure?: unknown;
}

/** One project's bodies, encoded for the store as one batch. */
interface PreparedBatch {
  bodies: PreparedBody[];
  spans: PreparedSpans;
}

/** Bodies made ready by `IngestService.prepareBodies`, in the order they were given. */
export interface PreparedBodies {
  readonly bodies: readonly PreparedBody[];
  readonly batches: readonly PreparedBatch[];
}

/** Turns OTLP export requests into canonical spans and stores them, in the calling thread. */
export class IngestService implements Ingestor {
  constructor(
    private readonly store: Store,
    /** Catalog prices for costing llm and embedding spans; read from `store`. */
    private readonly prices: ModelPriceBook = new ModelPriceBook(store),
    /** PII redaction with the project's settings, before anything is stored. */
    private readonly redaction: ProjectRedaction = new ProjectRedaction(store),
  ) {}

  redactionChanged(projectId: string): void {
    this.redaction.forget(projectId);
  }

  async ingestBody(projectId: string, format: OtlpFormat, body: Uint8Array): Promise<IngestResult> {
    const [result] = await this.ingestBodies([{ projectId, format, body }]);
    if (result instanceof Error || result === undefined) throw result;
    return result;
  }

  async ingest(projectId: string, decoded: DecodedExport): Promise<IngestResult> {
    const prepared = this.encode([await this.prepare(projectId, decoded)]);
    const [results] = await this.storePrepared([prepared]);
    const result = results?.[0];
    if (result instanceof Error || result === undefined) throw result;
    return result;
  }

  /**
   * Group commit: decodes every body, then stores them all together (in one transaction on SQLite, where
   * per-batch commit overhead and page writes dominate the cost). A body that fails to decode or store
   * fails alone; the result at index i (an IngestResult or the Error) answers bodies[i].
   */
  async ingestBodies(bodies: readonly IngestBody[]): Promise<Array<IngestResult | Error>> {
    const prepared = await this.prepareBodies(bodies);
    const [results] = await this.storePrepared([prepared]);
    return results ?? [];
  }

  /**
   * Everything of a write but the write: decoding, normalising, redaction, costing and row encoding,
   * which run in parallel with other threads. Store the result with `storePrepared`.
   */
  async prepareBodies(bodies: readonly IngestBody[]): Promise<PreparedBodies> {
    const prepared = await Promise.all(
      bodies.map(async ({ projectId, format, body }) => {
        try {
          return await this.prepare(projectId, decodeBody(format, body));
        } catch (error) {
          return { projectId, spans: [], rejected: 0, reasons: [], failure: error };
        }
      }),
    );
    return this.encode(prepared);
  }

  /** Encodes each project's spans as one store batch; a batch that cannot be encoded fails its bodies. */
  private encode(prepared: PreparedBody[]): PreparedBodies {
    const byProject = new Map<string, PreparedBody[]>();
    for (const body of prepared) {
      if (body.failure !== undefined || body.spans.length === 0) continue;
      const bodies = byProject.get(body.projectId);
      if (bodies) bodies.push(body);
      else byProject.set(body.projectId, [body]);
    }
    const batches: PreparedBatch[] = [];
    for (const [projectId, bodies] of byProject) {
      try {
        batches.push({
          bodies,
          spans: this.store.prepareSpans(
            projectId,
            bodies.flatMap((body) => body.spans),
          ),
        });
      } catch (error) {
        for (const body of bodies) body.failure = error;
      }
    }
    return { bodies: prepared, batches };
  }

  /**
   * Stores prepared bodies (in one transaction on SQLite; PostgreSQL commits batch by batch); a caller
   * that shares the SQLite file with other threads holds the write turn (see ingest-worker.ts). If that fails, each batch is tried alone, so a bad batch fails only its own
   * bodies (batches stored already are harmless to store again: spans are idempotent).
   * Returns, for each prepared group, the result of each of its bodies.
   */
  async storePrepared(groups: readonly PreparedBodies[]): Promise<Array<Array<IngestResult | Error>>> {
    const batches = groups.flatMap((group) => group.batches);
    if (batches.length > 0) {
      try {
        await this.store.insertPreparedSpans(batches.map((batch) => batch.spans));
      } catch {
        for (const batch of batches) {
          try {
            await this.store.insertPreparedSpans([batch.spans]);
          } catch (error) {
            for (const body of batch.bodies) body.failure = error;
          }
        }
      }
    }
    return groups.map((group) =>
      group.bodies.map((body) =>
        body.failure !== undefined
          ? asError(body.failure)
          : {
              accepted: body.spans.length,
              rejected: body.rejected,
              errorMessage: summarize(body.reasons, body.rejected),
            },
      ),
    );
  }

  async close(): Promise<void> {}

  private async prepare(projectId: string, decoded: DecodedExport): Promise<PreparedBody> {
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
    const redacted = await this.redaction.redact(projectId, spans);
    await costSpans(projectId, redacted, this.prices);
    return { projectId, spans: redacted, rejected, reasons };
  }
}

const asError = (failure: unknown) => (failure instanceof Error ? failure : new Error(String(failure)));

function summarize(reasons: string[], rejected: number): string {
  if (rejected === 0) return '';
  const shown = reasons.slice(0, 5).join('; ');
  return reasons.length > 5 ? `${shown}; and ${reasons.length - 5} more` : shown;
}
