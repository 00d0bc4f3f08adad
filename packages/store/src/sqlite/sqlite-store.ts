import type {
  CanonicalSpan,
  MetricsQuery,
  ModelAlias,
  ModelCard,
  SessionQuery,
  TraceQuery,
} from '@sextant/core';
import type Database from 'better-sqlite3';
import { type ApiKeyRow, type ProjectRow, toApiKey, toProject } from '../rows/project-rows.js';
import { promptTables, releaseTables } from '../rows/registry-rows.js';
import type { ApiKeyRecord, PreparedSpans, Project, Store } from '../store.js';
import { sqliteMigrations } from './migrations/index.js';
import { type OpenDatabaseOptions, openDatabase } from './open-database.js';
import { createSqliteAlertStore } from './sqlite-alert-store.js';
import { createSqliteAuditStore } from './sqlite-audit-store.js';
import { createSqliteDatasetStore } from './sqlite-dataset-store.js';
import { createSqliteDriftStore } from './sqlite-drift-store.js';
import { createSqliteExperimentStore } from './sqlite-experiment-store.js';
import { createSqliteGateStore } from './sqlite-gate-store.js';
import { createSqliteJobStore } from './sqlite-job-store.js';
import { createSqliteMetricsReader } from './sqlite-metrics-reader.js';
import { createSqliteModelStore } from './sqlite-model-store.js';
import { createSqliteOnlineEvalStore } from './sqlite-online-eval-store.js';
import { createSqliteRedactionSettingsStore } from './sqlite-redaction-settings-store.js';
import { createSqliteRetentionStore } from './sqlite-retention-store.js';
import { createSqliteReviewStore } from './sqlite-review-store.js';
import { createSqliteScoreStore } from './sqlite-score-store.js';
import { createSqliteSessionReader } from './sqlite-session-reader.js';
import { createSqliteSpanWriter, prepareSqliteSpans } from './sqlite-span-writer.js';
import { createSqliteTraceReader } from './sqlite-trace-reader.js';
import { createSqliteRegistry } from './sqlite-versioned-registry.js';

/**
 * The embedded store: one SQLite file in WAL mode.
 * @example const store = openSqliteStore('./.sextant/sextant.db');
 */
export function openSqliteStore(file: string, options: OpenDatabaseOptions = {}): Store {
  const db = openDatabase(file, sqliteMigrations, options);
  return new SqliteStore(db, file);
}

class SqliteStore implements Store {
  readonly specificationVersion = 'v1' as const;
  private readonly writeSpans: ReturnType<typeof createSqliteSpanWriter>;
  private readonly traces: ReturnType<typeof createSqliteTraceReader>;
  private readonly metrics: ReturnType<typeof createSqliteMetricsReader>;
  private readonly sessions: ReturnType<typeof createSqliteSessionReader>;
  private readonly models: ReturnType<typeof createSqliteModelStore>;
  readonly prompts: Store['prompts'];
  readonly releases: Store['releases'];
  readonly audit: Store['audit'];
  readonly redactionSettings: Store['redactionSettings'];
  readonly alerts: Store['alerts'];
  readonly datasets: Store['datasets'];
  readonly scores: Store['scores'];
  readonly experiments: Store['experiments'];
  readonly jobs: Store['jobs'];
  readonly onlineEvals: Store['onlineEvals'];
  readonly retention: Store['retention'];
  readonly reviews: Store['reviews'];
  readonly drift: Store['drift'];
  readonly gates: Store['gates'];

  constructor(
    private readonly db: Database.Database,
    readonly location: string,
  ) {
    this.writeSpans = createSqliteSpanWriter(db);
    this.traces = createSqliteTraceReader(db);
    this.metrics = createSqliteMetricsReader(db);
    this.sessions = createSqliteSessionReader(db);
    this.models = createSqliteModelStore(db);
    this.prompts = createSqliteRegistry(db, promptTables);
    this.releases = createSqliteRegistry(db, releaseTables);
    this.audit = createSqliteAuditStore(db);
    this.redactionSettings = createSqliteRedactionSettingsStore(db);
    this.alerts = createSqliteAlertStore(db);
    this.datasets = createSqliteDatasetStore(db);
    this.scores = createSqliteScoreStore(db);
    this.experiments = createSqliteExperimentStore(db);
    this.jobs = createSqliteJobStore(db);
    this.onlineEvals = createSqliteOnlineEvalStore(db);
    this.retention = createSqliteRetentionStore(db);
    this.reviews = createSqliteReviewStore(db);
    this.drift = createSqliteDriftStore(db);
    this.gates = createSqliteGateStore(db);
  }

  async createProject(input: { id: string; name: string }): Promise<Project> {
    const row = { id: input.id, name: input.name, created_at: Date.now() };
    this.db.prepare('INSERT INTO projects (id, name, created_at) VALUES (@id, @name, @created_at)').run(row);
    return toProject(row);
  }

  async getProject(projectId: string): Promise<Project | null> {
    const row = this.db.prepare('SELECT * FROM projects WHERE id = ?').get(projectId) as
      | ProjectRow
      | undefined;
    return row ? toProject(row) : null;
  }

  async listProjects(): Promise<Project[]> {
    return (this.db.prepare('SELECT * FROM projects ORDER BY created_at, id').all() as ProjectRow[]).map(
      toProject,
    );
  }

  async createApiKey(input: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt'>): Promise<ApiKeyRecord> {
    const row: ApiKeyRow = {
      id: input.id,
      project_id: input.projectId,
      name: input.name,
      prefix: input.prefix,
      key_hash: input.keyHash,
      created_at: Date.now(),
      revoked_at: null,
    };
    this.db
      .prepare(
        `INSERT INTO api_keys (id, project_id, name, prefix, key_hash, created_at, revoked_at)
         VALUES (@id, @project_id, @name, @prefix, @key_hash, @created_at, @revoked_at)`,
      )
      .run(row);
    return toApiKey(row);
  }

  async findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    const row = this.db
      .prepare('SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL')
      .get(keyHash) as ApiKeyRow | undefined;
    return row ? toApiKey(row) : null;
  }

  async listApiKeys(projectId: string): Promise<ApiKeyRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM api_keys WHERE project_id = ? ORDER BY created_at, id')
      .all(projectId) as ApiKeyRow[];
    return rows.map(toApiKey);
  }

  async revokeApiKey(projectId: string, keyId: string): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE api_keys SET revoked_at = ? WHERE project_id = ? AND id = ? AND revoked_at IS NULL')
      .run(Date.now(), projectId, keyId);
    return result.changes > 0;
  }

  async countActiveApiKeys(): Promise<number> {
    const row = this.db.prepare('SELECT count(*) AS n FROM api_keys WHERE revoked_at IS NULL').get() as {
      n: number;
    };
    return row.n;
  }

  async insertSpans(projectId: string, spans: readonly CanonicalSpan[]): Promise<{ inserted: number }> {
    return { inserted: this.writeSpans([prepareSqliteSpans(projectId, spans)]) };
  }

  prepareSpans(projectId: string, spans: readonly CanonicalSpan[]): PreparedSpans {
    return prepareSqliteSpans(projectId, spans);
  }

  async insertPreparedSpans(batches: readonly PreparedSpans[]): Promise<{ inserted: number }> {
    return { inserted: this.writeSpans(batches) };
  }

  async listTraces(projectId: string, query: TraceQuery) {
    return this.traces.listTraces(projectId, query);
  }

  async getTrace(projectId: string, traceId: string) {
    return this.traces.getTrace(projectId, traceId);
  }

  async listSessions(projectId: string, query: SessionQuery) {
    return this.sessions(projectId, query);
  }

  async queryMetrics(projectId: string, query: MetricsQuery) {
    return this.metrics(projectId, query);
  }

  async listModels(projectId: string) {
    return this.models.listModels(projectId);
  }

  async replaceCatalog(cards: readonly ModelCard[]) {
    return this.models.replaceCatalog(cards);
  }

  async putModels(projectId: string, cards: readonly ModelCard[]) {
    this.models.putModels(projectId, cards);
  }

  async deleteModel(projectId: string, modelId: string) {
    return this.models.deleteModel(projectId, modelId);
  }

  async putModelAlias(projectId: string, alias: ModelAlias) {
    this.models.putModelAlias(projectId, alias);
  }

  async listModelAliases(projectId: string) {
    return this.models.listModelAliases(projectId);
  }

  async deleteModelAlias(projectId: string, name: string) {
    return this.models.deleteModelAlias(projectId, name);
  }

  async putProviderCredential(projectId: string, provider: string, ciphertext: string) {
    this.models.putProviderCredential(projectId, provider, ciphertext);
  }

  async listProviderCredentials(projectId: string) {
    return this.models.listProviderCredentials(projectId);
  }

  async deleteProviderCredential(projectId: string, provider: string) {
    return this.models.deleteProviderCredential(projectId, provider);
  }

  async modelsRevision(projectId: string) {
    return this.models.modelsRevision(projectId);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
