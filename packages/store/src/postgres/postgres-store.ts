import type {
  CanonicalSpan,
  MetricsQuery,
  ModelAlias,
  ModelCard,
  SessionQuery,
  TraceQuery,
} from '@sextant/core';
import type pg from 'pg';
import { type ApiKeyRow, type ProjectRow, toApiKey, toProject } from '../rows/project-rows.js';
import { promptTables, releaseTables } from '../rows/registry-rows.js';
import type { ApiKeyRecord, PreparedSpans, Project, Store } from '../store.js';
import { postgresMigrations } from './migrations/index.js';
import { createPostgresAlertStore } from './postgres-alert-store.js';
import { createPostgresAuditStore } from './postgres-audit-store.js';
import {
  createPool,
  migratePostgres,
  type PostgresOptions,
  parseLocation,
  redactUrl,
} from './postgres-database.js';
import { createPostgresDatasetStore } from './postgres-dataset-store.js';
import { createPostgresDriftStore } from './postgres-drift-store.js';
import { createPostgresExperimentStore } from './postgres-experiment-store.js';
import { createPostgresGateStore } from './postgres-gate-store.js';
import { createPostgresJobStore } from './postgres-job-store.js';
import { createPostgresMetricsReader } from './postgres-metrics-reader.js';
import { createPostgresModelStore } from './postgres-model-store.js';
import { createPostgresOnlineEvalStore } from './postgres-online-eval-store.js';
import { createPostgresRedactionSettingsStore } from './postgres-redaction-settings-store.js';
import { createPostgresRetentionStore } from './postgres-retention-store.js';
import { createPostgresReviewStore } from './postgres-review-store.js';
import { createPostgresScoreStore } from './postgres-score-store.js';
import { createPostgresSessionReader } from './postgres-session-reader.js';
import { createPostgresSpanWriter } from './postgres-span-writer.js';
import { createPostgresTraceReader } from './postgres-trace-reader.js';
import { createPostgresRegistry } from './postgres-versioned-registry.js';

/**
 * The scale-out store: PostgreSQL shared by any number of stateless servers. Opening is synchronous;
 * the schema migration runs on the first call, which fails (with the reason) when the database is
 * unreachable or newer than this Sextant. `ready()` waits for it explicitly.
 * @example const store = openPostgresStore('postgres://sextant@db:5432/sextant');
 */
export function openPostgresStore(location: string, options: PostgresOptions = {}): PostgresStore {
  const { connectionString, schema } = parseLocation(location, options);
  return new PostgresStore(createPool(connectionString, schema, options), schema, redactUrl(location));
}

export class PostgresStore implements Store {
  readonly specificationVersion = 'v1' as const;
  private readonly migrated: Promise<void>;
  private readonly writeSpans: ReturnType<typeof createPostgresSpanWriter>;
  private readonly traces: ReturnType<typeof createPostgresTraceReader>;
  private readonly metrics: ReturnType<typeof createPostgresMetricsReader>;
  private readonly sessions: ReturnType<typeof createPostgresSessionReader>;
  private readonly models: ReturnType<typeof createPostgresModelStore>;
  readonly prompts: Store['prompts'];
  readonly releases: Store['releases'];
  readonly datasets: Store['datasets'];
  readonly jobs: Store['jobs'];
  readonly audit: Store['audit'];
  readonly scores: Store['scores'];
  readonly experiments: Store['experiments'];
  readonly reviews: Store['reviews'];
  readonly drift: Store['drift'];
  readonly redactionSettings: Store['redactionSettings'];
  readonly onlineEvals: Store['onlineEvals'];
  readonly retention: Store['retention'];
  readonly gates: Store['gates'];
  readonly alerts: Store['alerts'];

  constructor(
    readonly pool: pg.Pool,
    readonly schema: string,
    readonly location: string,
  ) {
    this.migrated = migratePostgres(pool, schema, location, postgresMigrations);
    this.migrated.catch(() => {}); // reported by the first call that needs the schema
    this.writeSpans = createPostgresSpanWriter(pool, schema);
    this.traces = createPostgresTraceReader(pool);
    this.metrics = createPostgresMetricsReader(pool);
    this.sessions = createPostgresSessionReader(pool);
    this.models = createPostgresModelStore(pool);
    this.prompts = this.afterMigration(createPostgresRegistry(pool, promptTables));
    this.releases = this.afterMigration(createPostgresRegistry(pool, releaseTables));
    this.datasets = this.afterMigration(createPostgresDatasetStore(pool));
    this.jobs = this.afterMigration(createPostgresJobStore(pool));
    this.audit = this.afterMigration(createPostgresAuditStore(pool));
    this.scores = this.afterMigration(createPostgresScoreStore(pool));
    this.experiments = this.afterMigration(createPostgresExperimentStore(pool));
    this.reviews = this.afterMigration(createPostgresReviewStore(pool));
    this.drift = this.afterMigration(createPostgresDriftStore(pool));
    this.redactionSettings = this.afterMigration(createPostgresRedactionSettingsStore(pool));
    this.onlineEvals = this.afterMigration(createPostgresOnlineEvalStore(pool));
    this.retention = this.afterMigration(createPostgresRetentionStore(pool));
    this.gates = this.afterMigration(createPostgresGateStore(pool));
    this.alerts = this.afterMigration(createPostgresAlertStore(pool));
  }

  /** Resolves once the schema is up to date; rejects with the reason it cannot be. */
  ready(): Promise<void> {
    return this.migrated;
  }

  /** Wraps a sub-store so each of its methods first waits for the migration. */
  private afterMigration<T extends object>(target: T): T {
    const migrated = this.migrated;
    return new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          await migrated;
          return value.apply(object, args);
        };
      },
    });
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
    await this.migrated;
    return this.pool.query<R>(sql, params);
  }

  async createProject(input: { id: string; name: string }): Promise<Project> {
    const { rows } = await this.query<ProjectRow>(
      'INSERT INTO projects (id, name, created_at) VALUES ($1, $2, $3) RETURNING *',
      [input.id, input.name, Date.now()],
    );
    return toProject(rows[0] as ProjectRow);
  }

  async getProject(projectId: string): Promise<Project | null> {
    const { rows } = await this.query<ProjectRow>('SELECT * FROM projects WHERE id = $1', [projectId]);
    return rows[0] ? toProject(rows[0]) : null;
  }

  async listProjects(): Promise<Project[]> {
    return (await this.query<ProjectRow>('SELECT * FROM projects ORDER BY created_at, id')).rows.map(
      toProject,
    );
  }

  async createApiKey(input: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt'>): Promise<ApiKeyRecord> {
    const { rows } = await this.query<ApiKeyRow>(
      `INSERT INTO api_keys (id, project_id, name, prefix, key_hash, created_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, NULL) RETURNING *`,
      [input.id, input.projectId, input.name, input.prefix, input.keyHash, Date.now()],
    );
    return toApiKey(rows[0] as ApiKeyRow);
  }

  async findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    const { rows } = await this.query<ApiKeyRow>(
      'SELECT * FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [keyHash],
    );
    return rows[0] ? toApiKey(rows[0]) : null;
  }

  async listApiKeys(projectId: string): Promise<ApiKeyRecord[]> {
    const { rows } = await this.query<ApiKeyRow>(
      'SELECT * FROM api_keys WHERE project_id = $1 ORDER BY created_at, id',
      [projectId],
    );
    return rows.map(toApiKey);
  }

  async revokeApiKey(projectId: string, keyId: string): Promise<boolean> {
    const result = await this.query(
      'UPDATE api_keys SET revoked_at = $1 WHERE project_id = $2 AND id = $3 AND revoked_at IS NULL',
      [Date.now(), projectId, keyId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async countActiveApiKeys(): Promise<number> {
    const { rows } = await this.query<{ n: number }>(
      'SELECT count(*) AS n FROM api_keys WHERE revoked_at IS NULL',
    );
    return rows[0]?.n ?? 0;
  }

  async insertSpans(projectId: string, spans: readonly CanonicalSpan[]): Promise<{ inserted: number }> {
    await this.migrated;
    return { inserted: await this.writeSpans(projectId, spans) };
  }

  /** PostgreSQL takes concurrent writers, so there is nothing to win by preparing ahead. */
  prepareSpans(projectId: string, spans: readonly CanonicalSpan[]): PreparedSpans {
    return { projectId, spans };
  }

  /** One transaction per batch: PostgreSQL's commits are not serialised behind one writer. */
  async insertPreparedSpans(batches: readonly PreparedSpans[]): Promise<{ inserted: number }> {
    let inserted = 0;
    for (const batch of batches) inserted += (await this.insertSpans(batch.projectId, batch.spans)).inserted;
    return { inserted };
  }

  async listTraces(projectId: string, query: TraceQuery) {
    await this.migrated;
    return this.traces.listTraces(projectId, query);
  }

  async getTrace(projectId: string, traceId: string) {
    await this.migrated;
    return this.traces.getTrace(projectId, traceId);
  }

  async listSessions(projectId: string, query: SessionQuery) {
    await this.migrated;
    return this.sessions(projectId, query);
  }

  async queryMetrics(projectId: string, query: MetricsQuery) {
    await this.migrated;
    return this.metrics(projectId, query);
  }

  async listModels(projectId: string) {
    await this.migrated;
    return this.models.listModels(projectId);
  }

  async replaceCatalog(cards: readonly ModelCard[]) {
    await this.migrated;
    return this.models.replaceCatalog(cards);
  }

  async putModels(projectId: string, cards: readonly ModelCard[]) {
    await this.migrated;
    await this.models.putModels(projectId, cards);
  }

  async deleteModel(projectId: string, modelId: string) {
    await this.migrated;
    return this.models.deleteModel(projectId, modelId);
  }

  async putModelAlias(projectId: string, alias: ModelAlias) {
    await this.migrated;
    await this.models.putModelAlias(projectId, alias);
  }

  async listModelAliases(projectId: string) {
    await this.migrated;
    return this.models.listModelAliases(projectId);
  }

  async deleteModelAlias(projectId: string, name: string) {
    await this.migrated;
    return this.models.deleteModelAlias(projectId, name);
  }

  async putProviderCredential(projectId: string, provider: string, ciphertext: string) {
    await this.migrated;
    await this.models.putProviderCredential(projectId, provider, ciphertext);
  }

  async listProviderCredentials(projectId: string) {
    await this.migrated;
    return this.models.listProviderCredentials(projectId);
  }

  async deleteProviderCredential(projectId: string, provider: string) {
    await this.migrated;
    return this.models.deleteProviderCredential(projectId, provider);
  }

  async modelsRevision(projectId: string) {
    await this.migrated;
    return this.models.modelsRevision(projectId);
  }

  async close(): Promise<void> {
    await this.migrated.catch(() => {});
    await this.pool.end().catch(() => {});
  }
}
