import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, request, startLiveServer } from '../test-support/live-server.js';

interface ErrorBody {
  error: { code: string; message: string };
}

const verdict = (status: 'passed' | 'failed') => ({
  suite: 'qa',
  status,
  verdicts: [
    {
      title: 'pass-rate(equals) >= 0.9 @95%',
      status,
      evidence: { estimate: status === 'passed' ? 0.97 : 0.8 },
    },
  ],
});
const results = {
  suite: 'qa',
  repeats: 1,
  items: [{ itemId: 'q1', runs: [{ repeat: 0, scores: { equals: { value: 1 } } }] }],
};

describe('gated promotion', () => {
  let live: LiveServer;
  const call = (method: string, route: string, body?: unknown) =>
    request(live, live.keyA, method, route, body);
  const record = (version: number, status: 'passed' | 'failed') =>
    call('POST', '/api/gate-runs', {
      suite: 'qa',
      release: { name: 'bot', version },
      dataset: 'qa@1',
      verdict: verdict(status),
      results,
    });

  beforeAll(async () => {
    live = await startLiveServer();
    await call('POST', '/api/prompts/answer/versions', {
      definition: { type: 'text', template: 'Answer {{q}}' },
    });
    for (const temperature of [0, 0.2, 0.4]) {
      const created = await call('POST', '/api/releases/bot/versions', {
        definition: { prompts: { answer: 1 }, parameters: { temperature } },
      });
      expect(created.status).toBe(201);
    }
    expect((await call('PUT', '/api/releases/bot/labels/production', { version: 1 })).status).toBe(200);
  });
  afterAll(() => live.stop());

  it('refuses to move a gated label to a version without a passing gate run, naming the suite and the fix', async () => {
    const gate = await call('PUT', '/api/releases/bot/gates/production', { suites: ['qa'] });
    expect(gate.body).toMatchObject({ gate: { label: 'production', suites: ['qa'] } });
    const refused = await call('PUT', '/api/releases/bot/labels/production', { version: 2 });
    expect(refused.status).toBe(409);
    expect((refused.body as ErrorBody).error.message).toMatch(
      /release 'bot' version 2 cannot take label 'production'.*'qa' has no gate run.*sextant eval --record.*override with a reason/,
    );
    expect((await record(2, 'failed')).status).toBe(201);
    const stillRefused = await call('PUT', '/api/releases/bot/labels/production', { version: 2 });
    expect((stillRefused.body as ErrorBody).error.message).toMatch(/'qa' failed \(gate run gr_/);
    // Nothing moved.
    expect((await call('GET', '/api/releases/bot?label=production')).body).toMatchObject({ version: 1 });
  });

  it('promotes once the gate passed, overrides only with a reason, rolls back, and keeps the history and audit', async () => {
    const passed = await record(2, 'passed');
    const gateRunId = (passed.body as { id: string }).id;
    const promoted = await call('PUT', '/api/releases/bot/labels/production', { version: 2 });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ status: 'moved', version: 2, previousVersion: 1 });

    const override = await call('PUT', '/api/releases/bot/labels/production', {
      version: 3,
      reason: 'hotfix for outage #12',
    });
    expect(override.status).toBe(200);
    const back = await call('POST', '/api/releases/bot/labels/production/rollback', {
      reason: 'answers got worse',
    });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ version: 2, previousVersion: 3 });

    const history = (await call('GET', '/api/releases/bot/promotions?label=production')).body as {
      promotions: Array<{
        kind: string;
        fromVersion: number;
        toVersion: number;
        reason: string | null;
        gateRunIds: string[];
      }>;
    };
    expect(history.promotions.map((entry) => [entry.kind, entry.fromVersion, entry.toVersion])).toEqual([
      ['rollback', 3, 2],
      ['override', 2, 3],
      ['promote', 1, 2],
    ]);
    expect(history.promotions[1]?.reason).toBe('hotfix for outage #12');
    expect(history.promotions[2]?.gateRunIds).toEqual([gateRunId]);
    const audit = (await call('GET', '/api/audit?targetType=release&targetId=bot')).body as {
      entries: Array<{ action: string }>;
    };
    expect(audit.entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining([
        'release.label.override',
        'release.label.promote',
        'release.label.rollback',
        'release.gate.set',
      ]),
    );
    // The registry's own label history shows every move too.
    const events = (await call('GET', '/api/releases/bot/label-events')).body as { events: unknown[] };
    expect(events.events.length).toBeGreaterThanOrEqual(4);
  });

  it('serves the production run as a CI baseline and rejects bad gate runs with a clear error', async () => {
    const baseline = await call('GET', '/api/gate-runs/baseline?release=bot&label=production&suite=qa');
    expect(baseline.status).toBe(200);
    expect(baseline.body).toMatchObject({ release: { name: 'bot', version: 2 }, results });
    const unknownVersion = await record(9, 'passed');
    expect(unknownVersion.status).toBe(400);
    expect((unknownVersion.body as ErrorBody).error.message).toMatch(
      /release 'bot' has no version 9; its versions are 1 to 3/,
    );
    const runs = (await call('GET', '/api/gate-runs?release=bot&version=2')).body as {
      runs: Array<{ status: string }>;
    };
    expect(runs.runs.map((run) => run.status)).toEqual(['passed', 'failed']);
  });

  it('audits which items a gate run left out as quarantined, with the reasons', async () => {
    const quarantined = [{ itemId: 'q1', reason: 'reference answer outdated' }];
    const stored = await call('POST', '/api/gate-runs', {
      suite: 'qa',
      release: { name: 'bot', version: 3 },
      verdict: { ...verdict('passed'), quarantined },
      results,
    });
    const id = (stored.body as { id: string }).id;
    const audit = (await call('GET', `/api/audit?targetType=gate_run&targetId=${id}`)).body as {
      entries: Array<{ action: string; after: { quarantined: unknown } }>;
    };
    expect(audit.entries[0]).toMatchObject({ action: 'gate_run.record', after: { quarantined } });
  });
});
