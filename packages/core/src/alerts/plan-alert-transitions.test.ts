import { describe, expect, it } from 'vitest';
import { alertRuleInputSchema } from './alert-rule.js';
import { planAlertTransitions } from './plan-alert-transitions.js';

const rule = alertRuleInputSchema.parse({
  name: 'errors',
  condition: { metric: 'error_rate' },
  threshold: 0.1,
  groupBy: 'model',
  minSamples: 5,
  cooldownMinutes: 30,
});
const now = new Date('2026-05-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe('planAlertTransitions', () => {
  it('fires breaching groups, keeps one open alert per group, and resolves groups that recovered or vanished', () => {
    const plan = planAlertTransitions({
      rule,
      observations: [
        { group: 'gpt-4o', value: 0.5, samples: 20 }, // breaching, already open
        { group: 'claude', value: 0.3, samples: 10 }, // breaching, new
        { group: 'llama', value: 0.05, samples: 50 }, // fine, open: resolves
        { group: 'tiny', value: 1, samples: 2 }, // too few samples to judge
        { group: 'exact', value: 0.1, samples: 9 }, // at the threshold is not above it
      ],
      open: [
        { id: 'a1', group: 'gpt-4o' },
        { id: 'a2', group: 'llama' },
        { id: 'a3', group: 'gone' },
      ],
      lastResolvedAt: new Map(),
      now,
    });
    expect(plan.fire.map((observation) => observation.group)).toEqual(['claude']);
    expect(plan.stillFiring.map((entry) => entry.alert.id)).toEqual(['a1']);
    expect(plan.resolve.map((entry) => [entry.alert.id, entry.observation?.value ?? null])).toEqual([
      ['a2', 0.05],
      ['a3', null],
    ]);
  });

  it('holds a group back during the cooldown after its last alert resolved, then fires again', () => {
    const input = {
      rule,
      observations: [{ group: 'gpt-4o', value: 0.5, samples: 20 }],
      open: [],
      now,
    };
    const cooling = planAlertTransitions({ ...input, lastResolvedAt: new Map([['gpt-4o', minutesAgo(10)]]) });
    expect(cooling.fire).toEqual([]);
    expect(cooling.coolingDown).toHaveLength(1);
    const after = planAlertTransitions({ ...input, lastResolvedAt: new Map([['gpt-4o', minutesAgo(31)]]) });
    expect(after.fire).toHaveLength(1);
  });

  it('fires below the threshold for score drops', () => {
    const drop = alertRuleInputSchema.parse({
      name: 'quality',
      condition: { metric: 'score', scoreName: 'faithfulness', statistic: 'pass_rate' },
      comparator: 'below',
      threshold: 0.8,
    });
    const plan = planAlertTransitions({
      rule: drop,
      observations: [{ group: '', value: 0.62, samples: 40 }],
      open: [],
      lastResolvedAt: new Map(),
      now,
    });
    expect(plan.fire).toEqual([{ group: '', value: 0.62, samples: 40 }]);
  });
});

describe('alertRuleInputSchema', () => {
  it('fills sane defaults and refuses a grouping the metric does not have, naming the choices', () => {
    const parsed = alertRuleInputSchema.parse({
      name: 'slow',
      condition: { metric: 'latency' },
      threshold: 2000,
    });
    expect(parsed).toMatchObject({
      comparator: 'above',
      windowMinutes: 15,
      cooldownMinutes: 30,
      groupBy: 'none',
      condition: { percentile: 'p95' },
      webhooks: [],
    });
    const wrong = alertRuleInputSchema.safeParse({
      name: 'slow',
      condition: { metric: 'latency' },
      threshold: 1,
      groupBy: 'release',
    });
    expect(wrong.error?.issues[0]).toMatchObject({
      path: ['groupBy'],
      message: "a latency rule groups by none, model, name, tag, not 'release'",
    });
    const badUrl = alertRuleInputSchema.safeParse({
      name: 'x',
      condition: { metric: 'volume' },
      threshold: 1,
      webhooks: [{ url: 'ftp://example.org/hook' }],
    });
    expect(badUrl.error?.issues[0]?.message).toMatch(/http:\/\/ or https:\/\//);
  });
});
