import { OpenAPIHono } from '@hono/zod-openapi';
import { SextantError, toErrorEnvelope } from '@sextant/core';
import type { Store } from '@sextant/store';
import { compress } from 'hono/compress';
import { requireApiKey } from './auth/require-api-key.js';
import { CanaryRouter } from './gateway/canary-router.js';
import { GatewayService } from './gateway/gateway-service.js';
import { createGatewaySpanWriter } from './gateway/gateway-span-writer.js';
import { ProviderPool } from './gateway/provider-pool.js';
import type { RouteDefaults } from './gateway/resolve-route.js';
import type { AppEnv } from './http/app-env.js';
import { mountConsole } from './http/serve-console.js';
import { type Ingestor, IngestService } from './ingest/ingest-service.js';
import type { ProjectModelAccess } from './judges/project-judge-models.js';
import { JudgeCalibrationService } from './reviews/judge-calibration-service.js';
import { ReviewService } from './reviews/review-service.js';
import { mountAlertRoutes } from './routes/alert-routes.js';
import { mountAuditRoutes } from './routes/audit-routes.js';
import { mountBakeoffRoutes } from './routes/bakeoff-routes.js';
import { mountCanaryRoutes } from './routes/canary-routes.js';
import { mountDatasetRoutes } from './routes/dataset-routes.js';
import { mountDriftRoutes } from './routes/drift-routes.js';
import { mountExperimentRoutes } from './routes/experiment-routes.js';
import { mountGateRoutes } from './routes/gate-routes.js';
import { mountGatewayRoutes } from './routes/gateway-routes.js';
import { mountJudgeRoutes } from './routes/judge-routes.js';
import { mountLineageRoutes } from './routes/lineage-routes.js';
import { mountMetricsRoutes } from './routes/metrics-routes.js';
import { mountModelsRoutes } from './routes/models-routes.js';
import { mountOnlineEvalRoutes } from './routes/online-eval-routes.js';
import { mountOtlpRoute } from './routes/otlp-route.js';
import { mountProjectRoutes } from './routes/project-routes.js';
import { mountPromptRoutes } from './routes/prompt-routes.js';
import { mountRedactionRoutes } from './routes/redaction-routes.js';
import { mountReleaseRoutes } from './routes/release-routes.js';
import { mountRetentionRoutes } from './routes/retention-routes.js';
import { mountReviewRoutes } from './routes/review-routes.js';
import { mountScoreRoutes } from './routes/score-routes.js';
import { mountTraceRoutes } from './routes/trace-routes.js';
import { AlertRuleService } from './services/alerts/alert-rule-service.js';
import { AuditLog } from './services/audit-log.js';
import { BakeoffService } from './services/bakeoff-service.js';
import { CanaryService } from './services/canary-service.js';
import { DatasetService } from './services/dataset-service.js';
import { DriftService, type DriftServiceOptions } from './services/drift/drift-service.js';
import { ExperimentService } from './services/experiment-service.js';
import { GateService } from './services/gate-service.js';
import { LineageService } from './services/lineage-service.js';
import { CredentialCipher } from './services/model-credential-cipher.js';
import { ModelRegistry } from './services/model-registry.js';
import { ModelService } from './services/model-service.js';
import { OnlineEvalService, onlineEvaluatorFactory } from './services/online-eval-service.js';
import { ProjectService } from './services/project-service.js';
import { PromptService } from './services/prompt-service.js';
import { RedactionSettingsService } from './services/redaction-settings-service.js';
import { ReleaseService } from './services/release-service.js';
import { RetentionService } from './services/retention-service.js';
import { ScoreService } from './services/score-service.js';
import { TraceService } from './services/trace-service.js';
import { version } from './version.js';

export interface AppOptions {
  store: Store;
  /** Largest accepted request body, before and after decompression. Default 16 MiB. */
  maxBodyBytes?: number;
  /** Folder of the built web console (index.html and assets); without it `/` explains how to build it. */
  consoleDirectory?: string;
  /** Who stores OTLP batches; default: in this thread, on `store`. */
  ingestor?: Ingestor;
  /** Where unexpected errors are reported. Default: console.error. */
  logError?: (error: unknown) => void;
  /** The OpenAI-compatible gateway on /v1/chat/completions and /v1/embeddings. */
  /** Drift checks: the encoder (offline by default) and the clock. */
  drift?: DriftServiceOptions;
  gateway?: {
    /** Timeout, retries and cache for calls naming a model directly (aliases carry their own). */
    defaults?: Partial<RouteDefaults>;
    /** Where provider credentials named by models are read. Default: process.env. */
    environment?: NodeJS.ProcessEnv;
    /** First retry delay in ms, doubling per retry. Default 200. */
    retryBaseDelayMs?: number;
  };
}

/** The Hono app, plus `close` for what it started beside the HTTP handlers. */
export type SextantApp = OpenAPIHono<AppEnv> & {
  /** The project models the gateway calls, for jobs that judge or embed in-process. */
  models: ProjectModelAccess;
  /**
   * Call after the HTTP server stopped: waits for gateway calls in flight, stores their pending spans,
   * and unloads in-process models. The store and a caller-supplied `ingestor` stay open (the caller's).
   */
  close(): Promise<void>;
};

/**
 * The whole HTTP surface as a Hono app: OTLP ingestion, the REST API and its OpenAPI document.
 * @example const app = createApp({ store }); serve({ fetch: app.fetch, port: 4318 }); ... await app.close();
 */
export function createApp(options: AppOptions): SextantApp {
  const logError = options.logError ?? ((error: unknown) => console.error(error));
  const projects = new ProjectService(options.store);
  const auth = requireApiKey(projects);
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new SextantError('bad_request', describeIssues(result.error.issues));
    },
  });

  app.onError((error, context) => {
    const { status, body } = toErrorEnvelope(error);
    // 503 is an overloaded moment, not a fault: clients are told when to retry, the log stays quiet.
    if (status === 503) context.header('retry-after', '1');
    else if (status >= 500) logError(error);
    return context.json(body, status as 500);
  });
  app.notFound((context) =>
    context.json(
      { error: { code: 'not_found', message: `no route for ${context.req.method} ${context.req.path}` } },
      404,
    ),
  );

  // API answers (a model catalog page is ~0.5 MB of JSON) are compressed for clients that accept it.
  app.use('/api/*', compress());
  app.get('/api/health', (context) => context.json({ status: 'ok', version }));
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Sextant API',
      version,
      description: 'Operate generative-AI applications: traces, evaluation, releases.',
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer' });

  app.use('/v1/*', auth.middleware);
  app.use('/api/*', async (context, next) =>
    context.req.path === '/api/health' || context.req.path === '/api/openapi.json'
      ? next()
      : auth.middleware(context, next),
  );

  const ingest = options.ingestor ?? new IngestService(options.store);
  mountRedactionRoutes(
    app,
    new RedactionSettingsService(options.store, (projectId) => {
      ingest.redactionChanged(projectId);
      gatewaySpans.redactionChanged(projectId);
    }),
  );
  mountOtlpRoute(app, {
    ingest,
    maxBodyBytes: options.maxBodyBytes ?? 16 * 1024 * 1024,
    logError,
  });
  mountTraceRoutes(app, new TraceService(options.store));
  mountProjectRoutes(app, projects, auth.forget);
  mountAuditRoutes(app, new AuditLog(options.store));
  mountAlertRoutes(app, new AlertRuleService(options.store));
  mountLineageRoutes(app, new LineageService(options.store));
  mountMetricsRoutes(app, options.store);
  const prompts = new PromptService(options.store);
  mountPromptRoutes(app, prompts);
  const gates = new GateService(options.store);
  const releases = new ReleaseService(options.store, prompts, gates);
  mountReleaseRoutes(app, releases);
  mountGateRoutes(app, gates, releases);
  const canaryRouter = new CanaryRouter(options.store);
  mountCanaryRoutes(app, new CanaryService(options.store, canaryRouter, releases));
  mountDatasetRoutes(app, new DatasetService(options.store));
  mountScoreRoutes(app, new ScoreService(options.store));
  const cipher = CredentialCipher.forStore(options.store.location, options.gateway?.environment);
  const registry = new ModelRegistry(options.store, cipher, { logError });
  const providers = new ProviderPool();
  // What jobs and online rules judge and embed with: the project's own models, in-process.
  const models: ProjectModelAccess = {
    registry,
    providers,
    prompts,
    ...(options.gateway?.environment ? { environment: options.gateway.environment } : {}),
  };
  mountOnlineEvalRoutes(app, new OnlineEvalService(options.store, onlineEvaluatorFactory(models)));
  mountRetentionRoutes(app, new RetentionService(options.store));
  const reviewAudit = new AuditLog(options.store);
  const reviews = new ReviewService(options.store, reviewAudit);
  mountReviewRoutes(app, reviews);
  mountJudgeRoutes(app, {
    store: options.store,
    calibration: new JudgeCalibrationService(options.store, reviews),
    audit: reviewAudit,
  });
  mountExperimentRoutes(app, new ExperimentService(options.store));
  mountBakeoffRoutes(app, new BakeoffService(new ExperimentService(options.store)));
  mountDriftRoutes(app, new DriftService(options.store, options.drift));
  mountModelsRoutes(app, new ModelService(options.store, cipher, registry));
  const gatewaySpans = createGatewaySpanWriter(options.store, { logError });
  const gateway = new GatewayService({
    registry,
    prompts,
    releases,
    providers,
    spans: gatewaySpans,
    canaries: canaryRouter,
    defaults: options.gateway?.defaults,
    environment: options.gateway?.environment,
    retryBaseDelayMs: options.gateway?.retryBaseDelayMs,
    logError,
  });
  mountGatewayRoutes(app, gateway, options.maxBodyBytes ?? 16 * 1024 * 1024);
  app.all('/api/*', (context) => {
    throw new SextantError('not_found', `no route for ${context.req.method} ${context.req.path}`);
  });
  mountConsole(app, options.consoleDirectory);
  return Object.assign(app, {
    models,
    close: async () => {
      await gateway.close();
      if (!options.ingestor) await ingest.close();
    },
  });
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map(
      (issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : 'request'}: ${issue.message}`,
    )
    .join('; ');
}
