import { alertRuleInputSchema } from '@sextant/core';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observeAlertRule } from './observe-alert-rule.js';

const now = new Date();
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe('observeAlertRule on scores and drift reports', () => {
  let store: Store;
  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    await store.createProject({ id: 'p', name: 'P' });
  });
  afterEach(() => store.close());

  it('reads the mean and pass rate of one score over the window only', async () => {
    const score = (id: string, value: number, minutes: number, name = 'faithfulness') => ({
      id,
      traceId: id.padStart(32, '0'),
      name,
      value,
      passed: value >= 0.5,
      source: 'online' as const,
      createdAt: minutesAgo(minutes),
    });
    await store.scores.putScores('p', [
      score('1', 0.9, 5),
      score('2', 0.3, 10),
      score('3', 0.2, 12),
      score('4', 1, 90), // before the 60-minute window
      score('5', 0, 5, 'toxicity'), // another score
    ]);
    const rule = (statistic: 'mean' | 'pass_rate') =>
      alertRuleInputSchema.parse({
        name: 'quality',
        condition: { metric: 'score', scoreName: 'faithfulness', statistic },
        comparator: 'below',
        threshold: 0.5,
        windowMinutes: 60,
      });
    const [mean] = await observeAlertRule(store, 'p', rule('mean'), now);
    expect(mean?.samples).toBe(3);
    expect(mean?.value).toBeCloseTo((0.9 + 0.3 + 0.2) / 3);
    const [passRate] = await observeAlertRule(store, 'p', rule('pass_rate'), now);
    expect(passRate?.value).toBeCloseTo(1 / 3);
  });

  it('counts drift reports that found drift in the window, per monitor when grouped', async () => {
    const report = (id: string, monitorId: string, drifted: boolean, minutes: number) => ({
      id,
      monitorId,
      createdAt: minutesAgo(minutes),
      windowStart: minutesAgo(minutes + 60),
      windowEnd: minutesAgo(minutes),
      drifted,
      body: {},
    });
    for (const entry of [
      report('r1', 'inputs', true, 5),
      report('r2', 'inputs', false, 20),
      report('r3', 'topics', true, 10),
      report('r4', 'inputs', true, 200), // outside the window
    ]) {
      await store.drift.putReport('p', entry);
    }
    const rule = (groupBy: 'none' | 'monitor', monitorId?: string) =>
      alertRuleInputSchema.parse({
        name: 'drift',
        condition: { metric: 'drift', monitorId },
        threshold: 0,
        windowMinutes: 60,
        groupBy,
      });
    expect(await observeAlertRule(store, 'p', rule('none'), now)).toEqual([
      { group: '', value: 2, samples: 3 },
    ]);
    expect(await observeAlertRule(store, 'p', rule('none', 'inputs'), now)).toEqual([
      { group: '', value: 1, samples: 2 },
    ]);
    const grouped = await observeAlertRule(store, 'p', rule('monitor'), now);
    expect(grouped.sort((a, b) => a.group.localeCompare(b.group))).toEqual([
      { group: 'inputs', value: 1, samples: 2 },
      { group: 'topics', value: 1, samples: 1 },
    ]);
  });
});
