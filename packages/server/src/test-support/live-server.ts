import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore, type Store } from '@sextant/store';
import { ProjectService } from '../services/project-service.js';
import { type RunningServer, type StartServerOptions, startServer } from '../start-server.js';

/** A real Sextant server on an ephemeral loopback port with two projects, for tests. */
export interface LiveServer {
  url: string;
  store: Store;
  server: RunningServer;
  /** Key of project `alpha`. */
  keyA: string;
  /** Key of project `beta`. */
  keyB: string;
  directory: string;
  stop(): Promise<void>;
}

export async function startLiveServer(
  options: { maxBodyBytes?: number; jobs?: StartServerOptions['jobs'] } = {},
): Promise<LiveServer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-server-'));
  const store = openSqliteStore(path.join(directory, 'sextant.db'));
  const projects = new ProjectService(store);
  await projects.createProject('alpha');
  await projects.createProject('beta');
  const keyA = (await projects.createApiKey('alpha', 'test')).key;
  const keyB = (await projects.createApiKey('beta', 'test')).key;
  const server = await startServer({ store, port: 0, logError: () => {}, ...options });
  return {
    url: server.url,
    store,
    server,
    keyA,
    keyB,
    directory,
    async stop() {
      await server.close();
      await store.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** fetch with a project key and JSON parsing of the answer. */
export async function request(
  live: LiveServer,
  key: string | null,
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${live.url}${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
