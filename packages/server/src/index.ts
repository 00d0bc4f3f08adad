export { type AppOptions, createApp, type SextantApp } from './app.js';
export { generateApiKey, hashApiKey } from './auth/api-key.js';
export { type Ingestor, type IngestResult, IngestService } from './ingest/ingest-service.js';
export { IngestWorkerPool } from './ingest/ingest-worker-pool.js';
export { createJobRunner } from './jobs/create-job-runner.js';
export {
  type JobContext,
  type JobHandler,
  JobRunner,
  type JobRunnerOptions,
} from './jobs/job-runner.js';
export { createOnlineEvalJob, type OnlineEvalJobOptions, onlineScoreId } from './jobs/online-eval-job.js';
export { type RetentionSweepResult, sweepRetention } from './jobs/retention-sweep-job.js';
export { type ScheduleEntry, schedules } from './jobs/schedules.js';
export {
  createGatewayEvaluatorFactory,
  createGatewayJudgeModel,
  type GatewayAccess,
} from './judges/gateway-judge-models.js';
export {
  createProjectEvaluatorFactory,
  createProjectJudgeModel,
  type ProjectModelAccess,
} from './judges/project-judge-models.js';
export { type AlertEvaluation, evaluateAlertRules } from './services/alerts/evaluate-alert-rules.js';
export { type AddFromTraceInput, DatasetService } from './services/dataset-service.js';
export type { DriftCheckReport, ReportedTopic } from './services/drift/drift-check-report.js';
export { DriftService, type DriftServiceOptions } from './services/drift/drift-service.js';
export { CredentialCipher, secretFilePath } from './services/model-credential-cipher.js';
export {
  type EndpointInput,
  type GgufInput,
  ModelService,
  type ProviderStatus,
} from './services/model-service.js';
export {
  type EvaluatorFactory,
  OnlineEvalService,
  onlineEvaluatorFactory,
} from './services/online-eval-service.js';
export { type CreatedApiKey, ProjectService } from './services/project-service.js';
export {
  type CreatedPromptVersion,
  type CreatePromptVersionInput,
  PromptService,
  type RenderedPrompt,
  type RenderedPromptReference,
} from './services/prompt-service.js';
export { type CreatedRelease, type CreateReleaseInput, ReleaseService } from './services/release-service.js';
export { RetentionService } from './services/retention-service.js';
export { type SpanTreeNode, TraceService } from './services/trace-service.js';
export type { Caller, LabelledVersion, LabelMove } from './services/versioned-registry-service.js';
export { isLoopbackHost, type RunningServer, type StartServerOptions, startServer } from './start-server.js';
export { version } from './version.js';
