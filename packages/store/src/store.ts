import type {
  CanonicalSpan,
  MetricsQuery,
  MetricsResult,
  ModelAlias,
  ModelCard,
  PromptDefinition,
  ReleaseDefinition,
  SessionPage,
  SessionQuery,
  TracePage,
  TraceQuery,
  TraceSummary,
} from '@sextant/core';
import type { AlertStore } from './alert-store.js';
import type { AuditStore } from './audit-store.js';
import type { DatasetStore } from './dataset-store.js';
import type { DriftStore } from './drift-store.js';
import type { ExperimentStore } from './experiment-store.js';
import type { GateStore } from './gate-store.js';
import type { JobStore } from './job-store.js';
import type { OnlineEvalStore } from './online-eval-store.js';
import type { RedactionSettingsStore } from './redaction-settings-store.js';
import type { RetentionStore } from './retention-store.js';
import type { ReviewStore } from './review-store.js';
import type { ScoreStore } from './score-store.js';
import type { VersionedRegistry } from './versioned-registry.js';

/** Spans made ready to store by `Store.prepareSpans`; what else an adapter adds is its own business. */
export interface PreparedSpans {
  readonly projectId: string;
  readonly spans: readonly CanonicalSpan[];
}

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

/** A provider credential as stored: ciphertext only; the server holds the key that opens it. */
export interface ProviderCredentialRecord {
  projectId: string;
  provider: string;
  ciphertext: string;
  updatedAt: Date;
}

/** What replacing the catalog changed, model by model. */
export interface CatalogChanges {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
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
  /**
   * The CPU half of `insertSpans` (encoding rows, search text, rollups) without touching the database,
   * so a caller that takes turns at a single writer does it before its turn. Store the result with
   * `insertPreparedSpans` on the same kind of store.
   */
  prepareSpans(projectId: string, spans: readonly CanonicalSpan[]): PreparedSpans;
  /**
   * `insertSpans` for batches made ready by `prepareSpans`, of one project or several. SQLite stores
   * them all in one transaction: callers that gather batches pay for one commit.
   */
  insertPreparedSpans(batches: readonly PreparedSpans[]): Promise<{ inserted: number }>;
  listTraces(projectId: string, query: TraceQuery): Promise<TracePage>;
  getTrace(projectId: string, traceId: string): Promise<TraceDetail | null>;
  /**
   * Conversations (traces sharing a session id) that had traces in the window, newest activity first,
   * with totals over those traces; cursor-paged like traces.
   */
  listSessions(projectId: string, query: SessionQuery): Promise<SessionPage>;
  /** Request volume, errors, latency percentiles, tokens and cost per time bucket, aggregated in the store. */
  queryMetrics(projectId: string, query: MetricsQuery): Promise<MetricsResult>;

  /** The shared catalog and the project's own models, by id; a project's model wins over a catalog one. */
  listModels(projectId: string): Promise<ModelCard[]>;
  /** Replaces the shared catalog in one transaction; projects' own models are untouched. */
  replaceCatalog(cards: readonly ModelCard[]): Promise<CatalogChanges>;
  /** Adds or replaces models of the project (OpenAI-compatible endpoints, GGUF files, price overrides). */
  putModels(projectId: string, cards: readonly ModelCard[]): Promise<void>;
  /** Removes one of the project's own models; false when it has none with that id. */
  deleteModel(projectId: string, modelId: string): Promise<boolean>;
  putModelAlias(projectId: string, alias: ModelAlias): Promise<void>;
  listModelAliases(projectId: string): Promise<ModelAlias[]>;
  deleteModelAlias(projectId: string, name: string): Promise<boolean>;
  putProviderCredential(projectId: string, provider: string, ciphertext: string): Promise<void>;
  listProviderCredentials(projectId: string): Promise<ProviderCredentialRecord[]>;
  deleteProviderCredential(projectId: string, provider: string): Promise<boolean>;
  /**
   * A number that grows whenever the catalog or the project's models, aliases or credentials change,
   * from any process; cheap enough to poll.
   */
  modelsRevision(projectId: string): Promise<number>;

  /** Versioned prompts: immutable versions, labels that move with an audit log. */
  readonly prompts: VersionedRegistry<PromptDefinition>;
  /** Versioned releases (bundles of prompt versions, models, parameters...), labelled like prompts. */
  readonly releases: VersionedRegistry<ReleaseDefinition>;
  /** The append-only log of changes (who, when, what, before and after). */
  readonly audit: AuditStore;
  /** Per-project PII redaction settings applied at ingestion. */
  readonly redactionSettings: RedactionSettingsStore;
  /** Alert rules, fired alerts and notification deliveries. */
  readonly alerts: AlertStore;
  /** Versioned datasets of evaluation items, with streamed imports. */
  readonly datasets: DatasetStore;
  /** Scores of traces from experiments, online rules, people and API callers. */
  readonly scores: ScoreStore;
  /** Experiments over datasets and their item runs. */
  readonly experiments: ExperimentStore;
  /** The durable background job queue (online evaluation, retention, alerts, drift checks). */
  readonly jobs: JobStore;
  /** Online evaluation rules and where each stopped reading new traces. */
  readonly onlineEvals: OnlineEvalStore;
  /** Per-project retention settings and the sweep's batched age-based deletes. */
  readonly retention: RetentionStore;
  /** Score configs, review queues, reviewers' answers and judge calibrations. */
  readonly reviews: ReviewStore;
  /** Drift monitors, their reports, and stored embeddings of span texts. */
  readonly drift: DriftStore;
  /** Gate runs, label gates, promotion history and canaries. */
  readonly gates: GateStore;

  close(): Promise<void>;
}
