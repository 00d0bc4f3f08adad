import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../jobs/create-job-runner.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { evaluateAlertRules } from '../services/alerts/evaluate-alert-rules.js';
import { ProjectService } from '../services/project-service.js';
import { type RunningServer, startServer } from '../start-server.js';
import { otlpJson, postOtlp } from '../test-support/otlp-payload.js';

/** A real webhook receiver on loopback that answers 503 to its first `failFirst` requests. */
async function startReceiver(failFirst: number) {
  const received: {
    body: { text: string; blocks: unknown[]; sextant: Record<string, unknown> };
    status: number;
  }[] = [];
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const status = received.length < failFirst ? 503 : 200;
      received.push({ body: JSON.parse(text), status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('alerts: rules, evaluation, webhook delivery with retries, deduplication, cooldown, history', () => {
  let directory: string;
  let store: Store;
  let server: RunningServer;
  let runner: JobRunner;
  let key: string;
  let otherKey: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  const api = async (method: string, route: string, body?: unknown, apiKey = key) => {
    const response = await fetch(`${server.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: test reads loosely typed JSON answers
    return { status: response.status, body: (text ? JSON.parse(text) : null) as any };
  };
  /** Runs jobs until none is due and no retry is waiting (retries wait 100 ms, then 200 ms here). */
  const drainJobs = async () => {
    for (let round = 0; round < 50; round++) {
      await runner.tick();
      const waiting = (await store.jobs.list('alpha', { kind: 'alerts.deliver', status: 'pending' })).length;
      if (waiting === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('deliveries still pending after 50 rounds');
  };
  const sendTraces = async (ok: number, failed: number, startMs = Date.now()) => {
    const spans = [
      ...Array.from({ length: ok }, () => ({ startMs })),
      ...Array.from({ length: failed }, () => ({ startMs, error: 'upstream timeout' })),
    ];
    expect((await postOtlp(server.url, key, otlpJson(spans))).status).toBe(200);
  };

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-alerts-'));
    store = openSqliteStore(path.join(directory, 'sextant.db'));
    const projects = new ProjectService(store);
    await projects.createProject('alpha');
    await projects.createProject('beta');
    key = (await projects.createApiKey('alpha', 'ops')).key;
    otherKey = (await projects.createApiKey('beta', 'ops')).key;
    server = await startServer({ store, port: 0, logError: () => {}, jobs: false });
    runner = createJobRunner({ store, retryBaseDelayMs: 100, logError: () => {} });
    receiver = await startReceiver(2);
  });
  afterAll(async () => {
    await runner.stop();
    await server.close();
    await receiver.close();
    await store.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('refuses rules that cannot work, naming the field and the fix', async () => {
    const wrongGroup = await api('POST', '/api/alerts/rules', {
      name: 'quality',
      condition: { metric: 'score', scoreName: 'faithfulness' },
      threshold: 0.8,
      groupBy: 'model',
    });
    expect(wrongGroup.status).toBe(400);
    expect(wrongGroup.body.error.message).toBe(
      "groupBy: a score rule groups by none, release, prompt, not 'model'",
    );
    const noMetric = await api('POST', '/api/alerts/rules', {
      name: 'x',
      condition: { metric: 'vibes' },
      threshold: 1,
    });
    expect(noMetric.status).toBe(400);
    expect(noMetric.body.error.message).toMatch(/^condition\.metric: /);
  });

  it('fires once when the error rate crosses the threshold and delivers after the webhook failed twice', async () => {
    const created = await api('POST', '/api/alerts/rules', {
      name: 'errors',
      condition: { metric: 'error_rate' },
      threshold: 0.2,
      minSamples: 3,
      webhooks: [{ url: receiver.url }],
    });
    expect(created.status).toBe(201);
    expect(created.body.definition).toMatchObject({
      windowMinutes: 15,
      cooldownMinutes: 30,
      comparator: 'above',
    });
    await sendTraces(2, 3);
    await drainJobs(); // the schedule enqueues alerts.evaluate, which enqueues alerts.deliver

    expect(receiver.received.map((entry) => entry.status)).toEqual([503, 503, 200]);
    const delivered = receiver.received[2]!.body;
    expect(delivered.text).toMatch(
      /Alert firing: errors — error rate 60\.0% \(above 20\.0% over 15 min\) in project alpha/,
    );
    expect(delivered.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Alert firing: errors' },
    });

    const history = await api('GET', '/api/alerts/events');
    expect(history.body.events).toHaveLength(1);
    const [event] = history.body.events;
    expect(event).toMatchObject({ ruleName: 'errors', status: 'open', value: 0.6, threshold: 0.2 });
    const detail = await api('GET', `/api/alerts/events/${event.id}`);
    expect(
      detail.body.deliveries.map((delivery: { attempt: number; status: string; statusCode: number }) => [
        delivery.attempt,
        delivery.status,
        delivery.statusCode,
      ]),
    ).toEqual([
      [3, 'delivered', 200],
      [2, 'failed', 503],
      [1, 'failed', 503],
    ]);
    // The retries waited 100 ms, then 200 ms (exponential backoff).
    const times = detail.body.deliveries
      .map((delivery: { createdAt: string }) => Date.parse(delivery.createdAt))
      .reverse();
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(100);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(200);
  });

  it('deduplicates: a rule that keeps breaching keeps one open alert and sends nothing more', async () => {
    await sendTraces(0, 2);
    const evaluation = await evaluateAlertRules(store, 'alpha');
    expect(evaluation).toMatchObject({ fired: 0, stillFiring: 1 });
    await drainJobs();
    expect(receiver.received).toHaveLength(3);
    const open = await api('GET', '/api/alerts/events?status=open');
    expect(open.body.events).toHaveLength(1);
    expect(open.body.events[0].value).toBeCloseTo(5 / 7);
  });

  it('resolves and notifies when the rate recovers, then stays quiet during the cooldown', async () => {
    await sendTraces(40, 0);
    expect(await evaluateAlertRules(store, 'alpha')).toMatchObject({ resolved: 1 });
    await drainJobs();
    expect(receiver.received.at(-1)?.body.text).toMatch(/^:white_check_mark: Alert resolved: errors/);
    expect(receiver.received.at(-1)?.body.sextant).toMatchObject({ kind: 'resolved' });

    // Errors again right away: within the 30-minute cooldown, nothing fires.
    await sendTraces(0, 60);
    expect(await evaluateAlertRules(store, 'alpha')).toMatchObject({ fired: 0, coolingDown: 1 });
    // 31 minutes later, with errors in that window, it fires again.
    const later = Date.now() + 31 * 60_000;
    await sendTraces(1, 9, later - 60_000);
    expect(await evaluateAlertRules(store, 'alpha', new Date(later))).toMatchObject({ fired: 1 });
    const events = await api('GET', '/api/alerts/events?rule=errors');
    expect(events.body.events.map((entry: { status: string }) => entry.status)).toEqual(['open', 'resolved']);
  });

  it('sends a sample with the "Send test" call and records it', async () => {
    const before = receiver.received.length;
    const tested = await api('POST', '/api/alerts/rules/errors/test');
    expect(tested.status).toBe(200);
    expect(tested.body.deliveries).toEqual([
      expect.objectContaining({ kind: 'test', status: 'delivered', statusCode: 200, url: receiver.url }),
    ]);
    expect(receiver.received[before]?.body.text).toMatch(/^:test_tube: Test alert: errors/);
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await api('POST', '/api/alerts/test', {
      name: 'draft',
      condition: { metric: 'volume' },
      threshold: 1,
      webhooks: [{ url: `http://127.0.0.1:${closedPort}/nothing-listens` }],
    });
    expect(unreachable.body.deliveries[0]).toMatchObject({ status: 'failed', statusCode: null });
    expect(unreachable.body.deliveries[0].error).toMatch(/ECONNREFUSED/);
  });

  it('audits rule changes, and another project sees none of its rules or alerts', async () => {
    expect(
      (
        await api('PUT', '/api/alerts/rules/errors', {
          name: 'errors',
          condition: { metric: 'error_rate' },
          threshold: 0.5,
        })
      ).status,
    ).toBe(200);
    const audit = await api('GET', '/api/audit?targetType=alert_rule');
    expect(audit.body.entries.map((entry: { action: string }) => entry.action)).toEqual([
      'alert_rule.update',
      'alert_rule.create',
    ]);
    expect(audit.body.entries[0].before.threshold).toBe(0.2);
    expect(audit.body.entries[0].after.threshold).toBe(0.5);
    // The webhook URL is the channel's credential: the audit log keeps its origin only.
    expect(audit.body.entries[1].after.webhooks).toEqual([{ url: `${new URL(receiver.url).origin}/…` }]);
    expect(JSON.stringify(audit.body)).not.toContain('/hook');
    expect((await api('GET', '/api/alerts/rules', undefined, otherKey)).body.rules).toEqual([]);
    expect((await api('GET', '/api/alerts/events', undefined, otherKey)).body.events).toEqual([]);
    expect((await api('GET', '/api/alerts/rules/errors', undefined, otherKey)).status).toBe(404);
    expect((await api('POST', '/api/alerts/rules/errors/test', undefined, otherKey)).status).toBe(404);
    expect((await api('DELETE', '/api/alerts/rules/errors', undefined, otherKey)).status).toBe(404);
    const [event] = (await api('GET', '/api/alerts/events')).body.events;
    expect((await api('GET', `/api/alerts/events/${event.id}`, undefined, otherKey)).status).toBe(404);
    expect((await api('DELETE', '/api/alerts/rules/errors')).status).toBe(204);
    expect((await api('GET', '/api/alerts/events?status=open')).body.events).toEqual([]);
  });
});

describe('alerts after a crash', () => {
  it('announces an alert that was opened but never enqueued for delivery, once', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-alerts-crash-'));
    const store = openSqliteStore(path.join(directory, 'sextant.db'));
    await store.createProject({ id: 'alpha', name: 'Alpha' });
    await store.alerts.putRule('alpha', {
      id: 'r1',
      name: 'busy',
      definition: {
        condition: { metric: 'volume' },
        threshold: -1,
        webhooks: [{ url: 'http://127.0.0.1:1/x' }],
      },
      enabled: true,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    // The state a crash right after opening the alert leaves behind.
    await store.alerts.openEvent('alpha', {
      id: 'e1',
      ruleId: 'r1',
      groupKey: '',
      value: 0,
      threshold: -1,
      summary: 'busy',
      firedAt: new Date(),
      lastEvaluatedAt: new Date(),
    });
    expect(await evaluateAlertRules(store, 'alpha')).toMatchObject({ fired: 0, stillFiring: 1 });
    await evaluateAlertRules(store, 'alpha');
    const jobs = await store.jobs.list('alpha', { kind: 'alerts.deliver' });
    expect(jobs.map((job) => job.payload)).toEqual([
      { ruleId: 'r1', eventId: 'e1', kind: 'fired', url: 'http://127.0.0.1:1/x' },
    ]);
    await store.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });
});

describe('alerts with a broken rule', () => {
  it('still evaluates the other rules, then fails the job naming the broken one', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-alerts-broken-'));
    const store = openSqliteStore(path.join(directory, 'sextant.db'));
    await store.createProject({ id: 'alpha', name: 'Alpha' });
    const rule = (id: string, definition: unknown) => ({
      id,
      name: id,
      definition,
      enabled: true,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    // A row written by hand (or by a future version) that this version cannot read.
    await store.alerts.putRule('alpha', rule('broken', { condition: { metric: 'sentiment' }, threshold: 1 }));
    await store.alerts.putRule(
      'alpha',
      rule('quiet', { condition: { metric: 'volume' }, threshold: 1, comparator: 'below' }),
    );
    await expect(evaluateAlertRules(store, 'alpha')).rejects.toThrow(
      /alert evaluation failed for rule 'broken': /,
    );
    expect((await store.alerts.listEvents('alpha')).map((event) => event.summary)).toEqual([
      'quiet: request volume 0 below 1 over 15 min',
    ]);
    await store.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });
});
