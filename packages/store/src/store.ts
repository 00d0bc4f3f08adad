import type {
  CanonicalSpan,
  MetricsQuery,
  MetricsResult,
  TracePage,
  TraceQuery,
  TraceSummary,
} from '@sextant/core';

/** A project: the unit of isolation. Every record belongs to exactly one. */
export interface Project {
  id: string;
  name: string;
  createdAt: Date;
}

/** An API key as stored: only its hash and a display prefix, never the key itself. */
export interface ApiKeyRecord {
  id: string;
  projectId: string;
  name: string;
  /** First characters of the key, shown so people can tell keys apart. */
  prefix: string;
  keyHash: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface TraceDetail {
  trace: TraceSummary;
  spans: CanonicalSpan[];
}

/**
 * Everything Sextant persists, behind one small contract so SQLite and PostgreSQL are interchangeable.
 * Every read and write of project data takes the project id: adapters never cross projects.
 * Adapters run the shared suite in `contract/store-contract.suite.ts`.
 */
export interface Store {
  readonly specificationVersion: 'v1';
  /** Where the data lives, for log lines (a file path or a URL without password). */
  readonly location: string;

  createProject(input: { id: string; name: string }): Promise<Project>;
  getProject(projectId: string): Promise<Project | null>;
  listProjects(): Promise<Project[]>;

  createApiKey(input: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt'>): Promise<ApiKeyRecord>;
  /** Active (not revoked) key with this hash, or null. */
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  listApiKeys(projectId: string): Promise<ApiKeyRecord[]>;
  /** Returns false when the key does not exist in that project. */
  revokeApiKey(projectId: string, keyId: string): Promise<boolean>;
  /** Number of active keys across all projects. */
  countActiveApiKeys(): Promise<number>;

  /**
   * Stores spans idempotently on (project, trace id, span id): a span seen before is ignored,
   * so re-sending a batch never duplicates. Durable once the promise resolves.
   */
  insertSpans(projectId: string, spans: readonly CanonicalSpan[]): Promise<{ inserted: number }>;
  listTraces(projectId: string, query: TraceQuery): Promise<TracePage>;
  getTrace(projectId: string, traceId: string): Promise<TraceDetail | null>;
  /** Request volume, errors, latency percentiles, tokens and cost per time bucket, aggregated in the store. */
  queryMetrics(projectId: string, query: MetricsQuery): Promise<MetricsResult>;

  close(): Promise<void>;
}
