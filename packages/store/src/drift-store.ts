import type { SpanContent } from '@sextant/core';
import type { DriftMonitor } from '@sextant/core/drift';

/** A span as drift checks read it: its text content and the fields compared as columns. */
export interface DriftSpan {
  traceId: string;
  spanId: string;
  startTimeUs: number;
  durationMs: number;
  model: string | null;
  toolName: string | null;
  tags: string[];
  inputTokens: number | null;
  outputTokens: number | null;
  cost: number | null;
  releaseId: string | null;
  input: SpanContent | null;
  output: SpanContent | null;
}

export interface DriftSpanQuery {
  start: Date;
  end: Date;
  /** 'root': spans without a parent (whole requests); 'llm': model calls. */
  spans: 'root' | 'llm';
  releaseId?: string;
  /** The most recent spans in the window, up to this many. */
  limit: number;
}

/** Key of a stored embedding; dataset items use trace id `dataset:<name>@<version>` and the item id. */
export interface EmbeddingKey {
  traceId: string;
  spanId: string;
}

export interface StoredEmbedding extends EmbeddingKey {
  vector: Float32Array;
}

/** A drift report as stored: the summary columns plus the full JSON body. */
export interface DriftReportRecord {
  id: string;
  monitorId: string;
  createdAt: Date;
  windowStart: Date;
  windowEnd: Date;
  drifted: boolean;
  /** The report itself (statistics, p-values, effect sizes, topics); shape owned by the drift service. */
  body: unknown;
}

/**
 * Drift monitors, their reports, and the embeddings of span texts, so a second report over the same
 * spans does not embed them again. Embeddings are keyed by (project, trace, span, field, embedder id).
 */
export interface DriftStore {
  listSpans(projectId: string, query: DriftSpanQuery): Promise<DriftSpan[]>;
  /** Start of the first span carrying this release id, or null when it has none. */
  releaseFirstSeen(projectId: string, releaseId: string): Promise<Date | null>;

  /** Idempotent: an embedding already stored under the same key is kept. */
  putEmbeddings(
    projectId: string,
    embedderId: string,
    field: 'input' | 'output',
    rows: readonly StoredEmbedding[],
  ): Promise<{ inserted: number }>;
  /** The stored vectors among `keys`; missing ones are simply absent. */
  getEmbeddings(
    projectId: string,
    embedderId: string,
    field: 'input' | 'output',
    keys: readonly EmbeddingKey[],
  ): Promise<StoredEmbedding[]>;

  /** Creates or replaces a monitor by id. */
  putMonitor(projectId: string, monitor: DriftMonitor): Promise<void>;
  getMonitor(projectId: string, monitorId: string): Promise<DriftMonitor | null>;
  listMonitors(projectId: string): Promise<DriftMonitor[]>;
  /** Removes the monitor and its reports; false when there was none. */
  deleteMonitor(projectId: string, monitorId: string): Promise<boolean>;

  putReport(projectId: string, report: DriftReportRecord): Promise<void>;
  getReport(projectId: string, reportId: string): Promise<DriftReportRecord | null>;
  /** Newest first. */
  listReports(projectId: string, query: { monitorId?: string; limit?: number }): Promise<DriftReportRecord[]>;
}
