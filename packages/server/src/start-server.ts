import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { SextantError } from '@sextant/core';
import { PostgresStore, type Store, sqliteFileOf, startWalCheckpointer } from '@sextant/store';
import { type AppOptions, createApp } from './app.js';
import { IngestWorkerPool } from './ingest/ingest-worker-pool.js';
import { createJobRunner } from './jobs/create-job-runner.js';
import type { JobRunner } from './jobs/job-runner.js';
import { ProjectService } from './services/project-service.js';

export interface StartServerOptions extends AppOptions {
  /** Default 127.0.0.1: the OpenTelemetry exporters' default endpoint is http://localhost:4318. */
  host?: string;
  /** Default 4318; 0 picks a free port. */
  port?: number;
  /**
   * Worker threads that decode and store OTLP batches beside the HTTP thread. Default 0 (in this
   * thread). Needs a store other processes and threads can open (a file, not `:memory:`).
   */
  ingestWorkers?: number;
  /**
   * The background job runner (online evaluation, retention, alerts...). Default on, polling every
   * second; `false` leaves it off (tests that drive jobs call `runner.tick()` themselves).
   */
  jobs?: false | { pollMs?: number; concurrency?: number; leaseMs?: number };
}

export interface RunningServer {
  url: string;
  port: number;
  /** The `default` project's key when this start created it; shown once, never stored in clear. */
  bootstrapKey: string | null;
  /** The started job runner, or null when `jobs: false`. */
  jobs: JobRunner | null;
  close(): Promise<void>;
}

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Starts Sextant on one port. Secure by default: on a fresh loopback install it creates the `default`
 * project and its first key; it refuses to listen beyond loopback while no API key exists.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const bootstrapKey = await prepareProjects(options.store, host);
  // The server's own threads write to SQLite with `walCheckpoints: 'background'` (and `sextant serve` opens
  // its store so), so copying the WAL into the database file happens on this thread, not inside an HTTP
  // request's write. A store opened with the default still works: both then checkpoint.
  const sqliteFile = options.store instanceof PostgresStore ? null : sqliteFileOf(options.store.location);
  const checkpointer =
    sqliteFile && sqliteFile !== ':memory:'
      ? startWalCheckpointer(sqliteFile, { onError: options.logError ?? ((error) => console.error(error)) })
      : null;
  const pool = createIngestPool(options);
  const app = createApp({ ...options, ingestor: pool ?? options.ingestor });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host }) as Server;
  server.keepAliveTimeout = 65_000; // longer than typical client and load-balancer idle timeouts
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(describeListenError(error, host, options.port ?? 4318)),
      );
      server.listen(options.port ?? 4318, host, () => resolve());
    });
  } catch (error) {
    // Nothing listens: release the threads started for it, then report why.
    await app.close().catch(() => {});
    await pool?.close();
    await checkpointer?.stop();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const jobs =
    options.jobs === false
      ? null
      : createJobRunner({
          store: options.store,
          ...options.jobs,
          logError: options.logError,
          models: app.models,
          drift: options.drift,
        });
  jobs?.start();
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    bootstrapKey,
    jobs,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      try {
        await jobs?.stop();
        await app.close();
        await pool?.close();
      } finally {
        await checkpointer?.stop(); // the last checkpoint, whatever failed before it
      }
    },
  };
}

function createIngestPool(options: StartServerOptions): IngestWorkerPool | null {
  const workers = options.ingestWorkers ?? 0;
  if (workers <= 0 || options.store.location === ':memory:') return null;
  // Workers run the compiled ingest-worker.js; from TypeScript sources (tests) ingestion stays in-thread.
  if (!import.meta.url.endsWith('.js')) return null;
  return new IngestWorkerPool(
    options.store.location,
    workers,
    options.logError ?? ((error) => console.error(error)),
  );
}

async function prepareProjects(store: Store, host: string): Promise<string | null> {
  if (isLoopbackHost(host)) return (await new ProjectService(store).bootstrap())?.key ?? null;
  if ((await store.countActiveApiKeys()) === 0) {
    throw new SextantError(
      'forbidden',
      `refusing to listen on ${host}, which other machines can reach, while no API key exists; ` +
        'create one with `sextant projects create NAME` and `sextant keys create --project NAME`, or listen on 127.0.0.1',
    );
  }
  return null;
}

function describeListenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new SextantError(
      'conflict',
      `port ${port} on ${host} is already in use (another Sextant?); pass --port to pick another`,
    );
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new SextantError('bad_request', `cannot listen on host '${host}': no such local address`);
  }
  return error;
}
