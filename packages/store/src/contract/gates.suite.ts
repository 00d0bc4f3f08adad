import { expect } from 'vitest';
import type { Store } from '../store.js';

type ContractTest = (name: string, body: () => Promise<void>) => void;

const verdict = {
  status: 'passed',
  verdicts: [{ title: 'pass-rate(ok) >= 0.9 @95%', evidence: { estimate: 0.97 } }],
};

/** Cases for `Store.gates`, registered inside `runStoreContract` so every adapter runs them. */
export function registerGateCases(test: ContractTest, store: () => Store) {
  const gates = () => store().gates;
  const run = (id: string, version: number, status: 'passed' | 'failed', suite = 'qa') => ({
    id,
    suite,
    release: { name: 'bot', version },
    status,
    dataset: 'qa@2',
    baseline: null,
    experimentId: `exp-${id}`,
    verdict,
    results: { suite, repeats: 1, items: [{ itemId: 'a', runs: [] }] },
    actor: "key 'ci'",
  });

  test('gates: stores gate runs idempotently, lists them newest first by release without results', async () => {
    const first = await gates().putRun('alpha', run('g1', 1, 'failed'));
    expect(first).toMatchObject({
      id: 'g1',
      release: { name: 'bot', version: 1 },
      status: 'failed',
      verdict,
    });
    expect(first.results).toEqual({ suite: 'qa', repeats: 1, items: [{ itemId: 'a', runs: [] }] });
    await gates().putRun('alpha', run('g2', 2, 'passed'));
    const again = await gates().putRun('alpha', { ...run('g1', 1, 'passed') });
    expect(again.status).toBe('failed'); // same id: the stored run is kept
    await gates().putRun('beta', run('g3', 2, 'passed'));
    const listed = await gates().listRuns('alpha', { releaseName: 'bot' });
    expect(listed.map((entry) => entry.id)).toEqual(['g2', 'g1']);
    expect(listed[0]?.results).toBeUndefined();
    expect(
      (await gates().listRuns('alpha', { releaseVersion: 2, status: 'passed' })).map((entry) => entry.id),
    ).toEqual(['g2']);
    expect(await gates().getRun('beta', 'g1')).toBeNull();
    expect((await gates().getRun('alpha', 'g2'))?.experimentId).toBe('exp-g2');
  });

  test('gates: label gates are set, replaced and removed per release and label', async () => {
    await gates().setLabelGate('alpha', {
      releaseName: 'bot',
      label: 'production',
      suites: ['qa', 'safety', 'qa'],
    });
    await gates().setLabelGate('alpha', { releaseName: 'bot', label: 'staging', suites: ['qa'] });
    expect((await gates().listLabelGates('alpha', 'bot')).map((gate) => [gate.label, gate.suites])).toEqual([
      ['production', ['qa', 'safety']],
      ['staging', ['qa']],
    ]);
    await gates().setLabelGate('alpha', { releaseName: 'bot', label: 'staging', suites: [] });
    expect((await gates().listLabelGates('alpha')).map((gate) => gate.label)).toEqual(['production']);
    expect(await gates().listLabelGates('beta')).toEqual([]);
  });

  test('gates: promotion history keeps kind, reason and gate runs, newest first', async () => {
    const base = { releaseName: 'bot', label: 'production', actor: 'ci', gateRunIds: [] as string[] };
    await gates().appendPromotion('alpha', {
      ...base,
      fromVersion: null,
      toVersion: 1,
      kind: 'promote',
      reason: null,
      gateRunIds: ['g1'],
    });
    await gates().appendPromotion('alpha', {
      ...base,
      fromVersion: 1,
      toVersion: 2,
      kind: 'override',
      reason: 'hotfix, gate flaky',
    });
    await gates().appendPromotion('alpha', {
      ...base,
      fromVersion: 2,
      toVersion: 1,
      kind: 'rollback',
      reason: 'errors up',
    });
    const history = await gates().listPromotions('alpha', { releaseName: 'bot', label: 'production' });
    expect(history.map((entry) => [entry.kind, entry.fromVersion, entry.toVersion])).toEqual([
      ['rollback', 2, 1],
      ['override', 1, 2],
      ['promote', null, 1],
    ]);
    expect(history[1]?.reason).toBe('hotfix, gate flaky');
    expect(history[2]?.gateRunIds).toEqual(['g1']);
    expect(await gates().listPromotions('beta')).toEqual([]);
  });

  test('gates: one running canary per target label; decisions end it and are kept with evidence', async () => {
    const input = {
      id: 'c1',
      targetType: 'prompt' as const,
      name: 'greet',
      label: 'production',
      baselineVersion: 1,
      candidateVersion: 2,
      share: 0.1,
      stickyBy: 'user' as const,
      score: 'helpful',
      margin: 0.02,
      alpha: 0.05,
      minimumPerArm: 30,
    };
    const created = await gates().createCanary('alpha', input);
    expect(created.status).toBe('created');
    const clash = await gates().createCanary('alpha', { ...input, id: 'c2' });
    expect(clash.status === 'conflict' && clash.running.id).toBe('c1');
    expect((await gates().listRunningCanaries()).map((canary) => canary.id)).toContain('c1');
    const waiting = await gates().recordCanaryDecision('alpha', 'c1', {
      decision: 'continue',
      evidence: { n: 10 },
    });
    expect(waiting).toMatchObject({ ended: false, canary: { status: 'running', lastDecision: { n: 10 } } });
    const decided = await gates().recordCanaryDecision('alpha', 'c1', {
      decision: 'rollback',
      evidence: { upper: -0.1 },
    });
    expect(decided).toMatchObject({ ended: true, canary: { status: 'rolled_back' } });
    const again = await gates().recordCanaryDecision('alpha', 'c1', { decision: 'rollback', evidence: {} });
    expect(again?.ended).toBe(false); // a job that runs twice does not end it twice
    expect((await gates().listCanaryDecisions('alpha', 'c1')).map((entry) => entry.decision)).toEqual([
      'rollback',
      'rollback',
      'continue',
    ]);
    expect(
      await gates().recordCanaryDecision('beta', 'c1', { decision: 'continue', evidence: {} }),
    ).toBeNull();
    expect((await gates().createCanary('alpha', { ...input, id: 'c3' })).status).toBe('created');
    expect((await gates().stopCanary('alpha', 'c3'))?.status).toBe('stopped');
    expect((await gates().listCanaries('alpha')).map((canary) => canary.id).sort()).toEqual(['c1', 'c3']);
  });
}
