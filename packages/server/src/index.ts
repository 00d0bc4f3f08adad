export { type AppOptions, createApp } from './app.js';
export { generateApiKey, hashApiKey } from './auth/api-key.js';
export { type Ingestor, type IngestResult, IngestService } from './ingest/ingest-service.js';
export { IngestWorkerPool } from './ingest/ingest-worker-pool.js';
export { type CreatedApiKey, ProjectService } from './services/project-service.js';
export { type SpanTreeNode, TraceService } from './services/trace-service.js';
export { isLoopbackHost, type RunningServer, type StartServerOptions, startServer } from './start-server.js';
export { version } from './version.js';
