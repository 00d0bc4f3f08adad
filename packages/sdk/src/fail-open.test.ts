import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type InitOptions, init, type SextantHandle } from './init.js';
import { findClosedPort, type OtlpReceiver, startOtlpReceiver } from './test-support/loopback-server.js';
import { traced } from './traced.js';

/**
 * The host app must not notice the Sextant server: down, hanging or refusing, traced calls return
 * at once, nothing throws or logs, flush and shutdown finish within a bound, and memory is capped.
 */

const EXPORT_TIMEOUT_MS = 300;
const handles: SextantHandle[] = [];
const receivers: OtlpReceiver[] = [];

function start(options: InitOptions): SextantHandle {
  const handle = init({ exportTimeoutMs: EXPORT_TIMEOUT_MS, ...options });
  handles.push(handle);
  return handle;
}

async function receiver(mode: OtlpReceiver['mode'], port?: number): Promise<OtlpReceiver> {
  const started = await startOtlpReceiver(mode, port);
  receivers.push(started);
  return started;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const consoleSpies: Array<ReturnType<typeof vi.spyOn>> = [];
beforeEach(() => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    consoleSpies.push(vi.spyOn(console, method));
  }
});

afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.shutdown()));
  await Promise.all(receivers.splice(0).map((server) => server.close()));
  // Nothing the SDK did may have reached the console, however the server behaved.
  const calls = consoleSpies.map((spy) => spy.mock.calls.length);
  for (const spy of consoleSpies.splice(0)) spy.mockRestore();
  expect(calls).toEqual([0, 0, 0, 0, 0]);
});

const answer = traced('answer', { kind: 'chain' }, async (question: string) => `echo: ${question}`);

async function runThousandCalls(): Promise<void> {
  for (let index = 0; index < 1000; index++) {
    await expect(answer(`question ${index}`)).resolves.toBe(`echo: question ${index}`);
    // Yield to the event loop now and then, so background exports run while the app works.
    if (index % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
  }
}

describe.each([
  [
    'stopped (connection refused)',
    /ECONNREFUSED/,
    async () => ({ url: `http://127.0.0.1:${await findClosedPort()}` }),
  ],
  ['hanging (never answers)', /timed out after 300 ms/, () => receiver('hang')],
  ['answering 500', /Internal Server Error/, () => receiver(500)],
  ['answering 401', /Unauthorized/, () => receiver(401)],
])('with the server %s', (_label, expectedError, serverFor) => {
  it('1,000 traced calls finish in under a second; flush and shutdown resolve within their bound', async () => {
    const errors: Error[] = [];
    const server: { url: string; requests?: unknown[] } = await serverFor();
    const sextant = start({
      endpoint: server.url,
      maxQueueSize: 200,
      maxExportBatchSize: 100,
      scheduledDelayMs: 10,
      onExportError: (error) => errors.push(error),
    });

    expect(await timed(runThousandCalls)).toBeLessThan(1000);
    expect(sextant.stats().queued).toBeLessThanOrEqual(200);

    expect(await timed(() => sextant.flush())).toBeLessThan(2 * EXPORT_TIMEOUT_MS + 400);
    expect(await timed(() => sextant.shutdown())).toBeLessThan(2 * EXPORT_TIMEOUT_MS + 400);

    const stats = sextant.stats();
    expect(stats.exported).toBe(0);
    expect(stats.failedExports).toBeGreaterThanOrEqual(1);
    expect(errors).toHaveLength(stats.failedExports);
    for (const error of errors) expect(error.message).toMatch(expectedError);
    // The failures are real round trips to the server, at most one per failed export.
    if (server.requests) expect(server.requests.length).toBeGreaterThanOrEqual(1);
    if (server.requests) expect(server.requests.length).toBeLessThanOrEqual(stats.failedExports);
    // Every span is accounted for: sent and refused, dropped, or still queued at shutdown.
    expect(stats.failedSpans + stats.dropped + stats.queued).toBe(1000);
  });
});

describe('bounded memory', () => {
  it('never holds more than maxQueueSize spans and counts every span beyond it', async () => {
    const sextant = start({
      endpoint: `http://127.0.0.1:${await findClosedPort()}`,
      maxQueueSize: 50,
      scheduledDelayMs: 60_000,
    });
    const step = traced('step', (index: number) => index);
    for (let index = 0; index < 5000; index++) {
      step(index);
      expect(sextant.stats().queued).toBeLessThanOrEqual(50);
    }
    expect(sextant.stats()).toMatchObject({ queued: 50, dropped: 4950 });
  });

  it('keeps the newest spans through an outage and delivers them once the server is back', async () => {
    const port = await findClosedPort();
    const sextant = start({
      endpoint: `http://127.0.0.1:${port}`,
      maxQueueSize: 100,
      maxExportBatchSize: 50,
      scheduledDelayMs: 60_000,
    });
    const step = traced('step', (index: number) => index);
    for (let index = 0; index < 250; index++) step(index);
    expect(sextant.stats()).toMatchObject({ queued: 100, dropped: 150 });

    // Still down: the oldest remaining batch (spans 150-199) is lost, the newest 50 wait.
    await sextant.flush();
    expect(sextant.stats()).toMatchObject({ failedExports: 1, failedSpans: 50, queued: 50 });

    const server = await receiver('ok', port);
    await sextant.flush();

    const delivered = server.spans().map((span) => Number(span.attributes['sextant.input']));
    expect(delivered).toEqual(Array.from({ length: 50 }, (_, index) => 200 + index));
    expect(sextant.stats()).toMatchObject({ exported: 50, queued: 0 });
  });
});
