import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openPostgresStore } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresForTests } from '../../../store/src/postgres/test-database.js';
import { type ServeProcess, startServeProcess } from './serve-process.js';

/**
 * Scale-out: three `sextant serve` processes on one PostgreSQL database, as behind a load balancer.
 * Each server is a real child process on its own loopback port.
 */
const postgres = postgresForTests();
const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** A separate Node process that claims `scale-out.test` jobs a few at a time until none are left. */
function claimInChildProcess(location: string, workerId: string, startAt: number): Promise<string[]> {
  const script = `
    import { openPostgresStore } from '@sextant/store';
    const store = openPostgresStore(process.env.LOCATION, { maxConnections: 1 });
    const ids = [];
    // Start together, and take a moment per job as a handler would, so the workers overlap.
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.START_AT) - Date.now()));
    for (;;) {
      const jobs = await store.jobs.claim({ workerId: process.env.WORKER, kinds: ['scale-out.test'], leaseMs: 60000, limit: 3 });
      if (jobs.length === 0) break;
      ids.push(...jobs.map((job) => job.id));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await store.close();
    process.stdout.write(JSON.stringify(ids));`;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      {
        cwd: repositoryRoot,
        env: { ...process.env, LOCATION: location, WORKER: workerId, START_AT: String(startAt) },
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
  });
}

function otlpBody(traceIds: readonly string[]) {
  const start = BigInt(Date.now()) * 1_000_000n;
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'scale-out-test' } }] },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: traceIds.map((traceId) => ({
              traceId,
              spanId: hex(8),
              name: `request ${traceId.slice(0, 6)}`,
              kind: 2,
              startTimeUnixNano: start.toString(),
              endTimeUnixNano: (start + 5_000_000n).toString(),
              attributes: [{ key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } }],
              status: { code: 1 },
            })),
          },
        ],
      },
    ],
  };
}

describe.skipIf(!postgres.available)('several servers, one PostgreSQL', () => {
  const servers: ServeProcess[] = [];
  let key = '';
  let location = '';

  const call = async (server: ServeProcess, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const traceIdsVia = async (server: ServeProcess) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(server, 'GET', `/api/traces?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      const body = page.body as { traces: { traceId: string }[]; nextCursor: string | null };
      ids.push(...body.traces.map((trace) => trace.traceId));
      cursor = body.nextCursor;
    } while (cursor);
    return ids;
  };

  beforeAll(async () => {
    location = `${postgres.url()}?schema=${postgres.freshSchema()}`;
    // The first server creates the default project and prints its key; the others find it.
    const first = await startServeProcess(location);
    servers.push(first);
    key = first.key ?? '';
    servers.push(...(await Promise.all([startServeProcess(location), startServeProcess(location)])));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  it('starts three servers on one database; only the first bootstraps a key', () => {
    expect(key).toMatch(/^sk-sx-/);
    expect(servers.map((server) => server.key)).toEqual([key, null, null]);
    expect(new Set(servers.map((server) => server.url)).size).toBe(3);
  });

  it('ingests through two servers and reads everything through the third', async () => {
    const viaFirst = Array.from({ length: 30 }, () => hex(16));
    const viaSecond = Array.from({ length: 30 }, () => hex(16));
    const firstBatch = otlpBody(viaFirst);
    const [a, b] = await Promise.all([
      call(servers[0] as ServeProcess, 'POST', '/v1/traces', firstBatch),
      call(servers[1] as ServeProcess, 'POST', '/v1/traces', otlpBody(viaSecond)),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    // A retry of the same batch through another server stores nothing twice.
    expect((await call(servers[2] as ServeProcess, 'POST', '/v1/traces', firstBatch)).status).toBe(200);
    const seen = await traceIdsVia(servers[2] as ServeProcess);
    expect(new Set(seen)).toEqual(new Set([...viaFirst, ...viaSecond]));
    const detail = await call(servers[2] as ServeProcess, 'GET', `/api/traces/${viaFirst[0]}`);
    expect(detail.body).toMatchObject({
      trace: { traceId: viaFirst[0], spanCount: 1 },
      tree: [expect.anything()],
    });
  });

  it('a label moved at the same moment through two servers: one wins, the other gets 409', async () => {
    const create = async (template: string) =>
      call(servers[0] as ServeProcess, 'POST', '/api/prompts/greet/versions', {
        definition: { type: 'text', template },
        labels: ['production'],
      });
    expect((await create('Hello {{name}}')).status).toBe(201);
    expect((await create('Hi {{name}}')).status).toBe(201);
    await call(servers[0] as ServeProcess, 'PUT', '/api/prompts/greet/labels/production', { version: 1 });
    for (let round = 0; round < 5; round += 1) {
      const from = round % 2 === 0 ? 1 : 2;
      const to = from === 1 ? 2 : 1;
      const moves = await Promise.all(
        [servers[1], servers[2]].map((server) =>
          call(server as ServeProcess, 'PUT', '/api/prompts/greet/labels/production', {
            version: to,
            expectedVersion: from,
          }),
        ),
      );
      expect(moves.map((move) => move.status).sort()).toEqual([200, 409]);
    }
    const events = await call(servers[0] as ServeProcess, 'GET', '/api/prompts/greet/label-events');
    const moved = (events.body as { events: { label: string }[] }).events.filter(
      (event) => event.label === 'production',
    );
    // Two creations, the reset to 1, and exactly one winner per round.
    expect(moved).toHaveLength(3 + 5);
  });

  it('hands each queued job to exactly one of three worker processes (FOR UPDATE SKIP LOCKED)', async () => {
    const store = openPostgresStore(location, { maxConnections: 2 });
    try {
      for (let index = 0; index < 60; index += 1) {
        await store.jobs.enqueue({ projectId: 'default', kind: 'scale-out.test', payload: { index } });
      }
    } finally {
      await store.close();
    }
    // Node takes a moment to start: the workers begin claiming together, once all are up.
    const startAt = Date.now() + 3000;
    const claimed = await Promise.all(
      ['w1', 'w2', 'w3'].map((worker) => claimInChildProcess(location, worker, startAt)),
    );
    const ids = claimed.flat();
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    expect(claimed.filter((jobs) => jobs.length > 0).length).toBeGreaterThan(1);
  });

  it('killing a server loses none of the spans it acknowledged; the others keep serving', async () => {
    const victim = servers[1] as ServeProcess;
    const acknowledged: string[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      const ids = Array.from({ length: 20 }, () => hex(16));
      const response = await call(victim, 'POST', '/v1/traces', otlpBody(ids));
      if (response.status === 200) acknowledged.push(...ids);
    }
    // Keep sending while the process dies: whatever was acknowledged must be stored.
    const inFlight = Array.from({ length: 5 }, async () => {
      const ids = Array.from({ length: 20 }, () => hex(16));
      try {
        const response = await call(victim, 'POST', '/v1/traces', otlpBody(ids));
        if (response.status === 200) acknowledged.push(...ids);
      } catch {
        // connection reset by the kill: not acknowledged, may or may not be stored
      }
    });
    await victim.kill();
    await Promise.all(inFlight);
    servers.splice(1, 1);
    expect(acknowledged.length).toBeGreaterThanOrEqual(200);
    const seen = new Set(await traceIdsVia(servers[1] as ServeProcess));
    expect(acknowledged.filter((id) => !seen.has(id))).toEqual([]);
    const restarted = await startServeProcess(location);
    servers.push(restarted);
    const again = new Set(await traceIdsVia(restarted));
    expect(acknowledged.every((id) => again.has(id))).toBe(true);
  });
});
