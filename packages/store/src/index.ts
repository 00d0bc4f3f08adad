export type {
  AlertDeliveryRecord,
  AlertEventQuery,
  AlertEventRecord,
  AlertEventStatus,
  AlertRuleRecord,
  AlertStore,
} from './alert-store.js';
export type { AppendAuditInput, AuditEntry, AuditQuery, AuditStore } from './audit-store.js';
export type {
  DatasetChanges,
  DatasetItemPage,
  DatasetItemQuery,
  DatasetRecord,
  DatasetStore,
  DatasetVersionRecord,
} from './dataset-store.js';
export type {
  DriftReportRecord,
  DriftSpan,
  DriftSpanQuery,
  DriftStore,
  EmbeddingKey,
  StoredEmbedding,
} from './drift-store.js';
export type { ExperimentStore } from './experiment-store.js';
export type {
  AppendPromotionInput,
  CanaryDecisionRecord,
  CanaryRecord,
  CreateCanaryInput,
  GateRunRecord,
  GateStore,
  LabelGate,
  PromotionKind,
  PromotionRecord,
  PutGateRunInput,
  ReleaseRef,
} from './gate-store.js';
export type {
  ClaimJobsInput,
  EnqueueJobInput,
  JobListQuery,
  JobRecord,
  JobStatus,
  JobStore,
} from './job-store.js';
export {
  type CopyOptions,
  type CopyProgress,
  copySqliteToPostgres,
  type TableCopyResult,
} from './migrate/copy-sqlite-to-postgres.js';
export type { NewTracesPage, OnlineEvalStore } from './online-eval-store.js';
export { defaultDatabasePath, openStore, sqliteFileOf } from './open-store.js';
export type { PostgresOptions } from './postgres/postgres-database.js';
export { openPostgresStore, PostgresStore } from './postgres/postgres-store.js';
export type { RedactionSettingsRecord, RedactionSettingsStore } from './redaction-settings-store.js';
export type { RetentionBatch, RetentionSetting, RetentionStore } from './retention-store.js';
export type { ReviewSettings, ReviewStore, ScoreConfigRecord } from './review-store.js';
export type { ScoreStore } from './score-store.js';
export type { OpenDatabaseOptions } from './sqlite/open-database.js';
export { openSqliteStore } from './sqlite/sqlite-store.js';
export { startWalCheckpointer, type WalCheckpointer } from './sqlite/wal-checkpointer.js';
export type {
  ApiKeyRecord,
  CatalogChanges,
  PreparedSpans,
  Project,
  ProviderCredentialRecord,
  Store,
  TraceDetail,
} from './store.js';
export type {
  Actor,
  CreateVersionInput,
  CreateVersionOutcome,
  LabelEvent,
  MoveLabelInput,
  MoveLabelOutcome,
  RegistryEntry,
  VersionedRegistry,
  VersionRecord,
} from './versioned-registry.js';
