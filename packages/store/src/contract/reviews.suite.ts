import { type ReviewItem, reviewItemSchema, reviewQueueInputSchema, scoreConfigSchema } from '@sextant/core';
import { expect } from 'vitest';
import type { Store } from '../store.js';

type ContractTest = (name: string, body: () => Promise<void>) => void;

const items = (count: number): ReviewItem[] =>
  Array.from({ length: count }, (_, index) =>
    reviewItemSchema.parse({ id: `item-${index}`, input: `question ${index}`, output: `answer ${index}` }),
  );
const queue = (id: string, requiredReviewers = 1) =>
  reviewQueueInputSchema.parse({ id, scoreNames: ['helpful'], requiredReviewers });
const done = (queueId: string, itemId: string, reviewer: string, value = 1) => ({
  queueId,
  itemId,
  reviewer,
  status: 'done' as const,
  scores: [{ name: 'helpful', value }],
  updatedAt: new Date('2026-01-01T00:00:00Z'),
});

/** Cases for `store.reviews`, registered inside `runStoreContract` so every adapter runs them. */
export function registerReviewCases(test: ContractTest, getStore: () => Store) {
  test('reviews: score configs are created, replaced, listed by name, deleted, per project', async () => {
    const { reviews } = getStore();
    const ordinal = scoreConfigSchema.parse({
      name: 'quality',
      type: 'ordinal',
      description: 'How good is the answer?',
      categories: [
        { value: 1, label: 'bad' },
        { value: 2, label: 'ok' },
        { value: 3, label: 'great' },
      ],
      passValue: 2,
    });
    await reviews.putScoreConfig('alpha', ordinal);
    await reviews.putScoreConfig('alpha', scoreConfigSchema.parse({ name: 'helpful', type: 'boolean' }));
    const replaced = await reviews.putScoreConfig('alpha', { ...ordinal, description: 'Rate it' });
    expect(replaced).toMatchObject({ name: 'quality', description: 'Rate it', passValue: 2 });
    expect(replaced.categories).toEqual(ordinal.categories);
    expect((await reviews.listScoreConfigs('alpha')).map((config) => config.name)).toEqual([
      'helpful',
      'quality',
    ]);
    expect(await reviews.listScoreConfigs('beta')).toEqual([]);
    expect(await reviews.getScoreConfig('beta', 'quality')).toBeNull();
    expect(await reviews.deleteScoreConfig('beta', 'quality')).toBe(false);
    expect(await reviews.deleteScoreConfig('alpha', 'quality')).toBe(true);
    expect(await reviews.getScoreConfig('alpha', 'quality')).toBeNull();
  });

  test('reviews: queues keep their items in order, ignore repeated item ids and refuse duplicates', async () => {
    const { reviews } = getStore();
    await reviews.createQueue('alpha', queue('q1'));
    await expect(reviews.createQueue('alpha', queue('q1'))).rejects.toMatchObject({ code: 'conflict' });
    await expect(reviews.addItems('alpha', 'missing', items(1))).rejects.toMatchObject({ code: 'not_found' });
    expect(await reviews.addItems('alpha', 'q1', items(3))).toEqual({ inserted: 3 });
    expect(await reviews.addItems('alpha', 'q1', items(4))).toEqual({ inserted: 1 });
    expect((await reviews.listItems('alpha', 'q1')).map((item) => item.id)).toEqual([
      'item-0',
      'item-1',
      'item-2',
      'item-3',
    ]);
    expect((await reviews.listItems('alpha', 'q1', { offset: 3 })).map((item) => item.id)).toEqual([
      'item-3',
    ]);
    expect((await reviews.getItem('alpha', 'q1', 'item-2'))?.output).toBe('answer 2');
    expect(await reviews.getQueue('beta', 'q1')).toBeNull();
    expect(await reviews.listItems('beta', 'q1')).toEqual([]);
  });

  test('reviews: two reviewers asking at once never get the same item when one review is needed', async () => {
    const { reviews } = getStore();
    await reviews.createQueue('alpha', queue('single'));
    await reviews.addItems('alpha', 'single', items(3));
    const now = new Date('2026-01-01T00:00:00Z');
    const [ana, bo] = await Promise.all([
      reviews.claimNextItem('alpha', 'single', { reviewer: 'ana', leaseMs: 60_000, now }),
      reviews.claimNextItem('alpha', 'single', { reviewer: 'bo', leaseMs: 60_000, now }),
    ]);
    expect(ana?.id).toBeDefined();
    expect(bo?.id).toBeDefined();
    expect(ana?.id).not.toBe(bo?.id);
    // Asking again hands back the item already held, not a new one.
    expect(
      (await reviews.claimNextItem('alpha', 'single', { reviewer: 'ana', leaseMs: 60_000, now }))?.id,
    ).toBe(ana?.id);
    await reviews.putAnswer('alpha', done('single', ana?.id ?? '', 'ana'));
    const third = await reviews.claimNextItem('alpha', 'single', { reviewer: 'ana', leaseMs: 60_000, now });
    expect([ana?.id, bo?.id]).not.toContain(third?.id);
    // Nothing is left for a third reviewer while bo and ana hold or finished every item...
    expect(
      await reviews.claimNextItem('alpha', 'single', { reviewer: 'cy', leaseMs: 60_000, now }),
    ).toBeNull();
    // ...until bo's lease expires.
    const later = new Date(now.getTime() + 120_000);
    const freed = await reviews.claimNextItem('alpha', 'single', {
      reviewer: 'cy',
      leaseMs: 60_000,
      now: later,
    });
    expect([bo?.id, third?.id]).toContain(freed?.id);
  });

  test('reviews: an item needing two reviewers goes to two people, then counts as completed', async () => {
    const { reviews } = getStore();
    await reviews.createQueue('alpha', queue('double', 2));
    await reviews.addItems('alpha', 'double', items(1));
    const now = new Date();
    const first = await reviews.claimNextItem('alpha', 'double', { reviewer: 'ana', leaseMs: 60_000, now });
    const second = await reviews.claimNextItem('alpha', 'double', { reviewer: 'bo', leaseMs: 60_000, now });
    expect(first?.id).toBe('item-0');
    expect(second?.id).toBe('item-0');
    expect(
      await reviews.claimNextItem('alpha', 'double', { reviewer: 'cy', leaseMs: 60_000, now }),
    ).toBeNull();
    await reviews.putAnswer('alpha', done('double', 'item-0', 'ana', 1));
    await reviews.putAnswer('alpha', { ...done('double', 'item-0', 'bo', 0), status: 'skipped', scores: [] });
    expect((await reviews.queueCounts('alpha')).find((counts) => counts.queueId === 'double')).toEqual({
      queueId: 'double',
      items: 1,
      completedItems: 0,
      answers: 2,
    });
    // A skip frees the slot for someone else; a changed answer replaces the earlier one.
    expect(
      (await reviews.claimNextItem('alpha', 'double', { reviewer: 'cy', leaseMs: 60_000, now }))?.id,
    ).toBe('item-0');
    await reviews.putAnswer('alpha', done('double', 'item-0', 'cy', 1));
    await reviews.putAnswer('alpha', { ...done('double', 'item-0', 'ana', 0), comment: 'changed my mind' });
    const answers = await reviews.listAnswers('alpha', 'double');
    expect(
      answers.map((answer) => [answer.reviewer, answer.status, answer.scores[0]?.value ?? null]),
    ).toEqual([
      ['ana', 'done', 0],
      ['bo', 'skipped', null],
      ['cy', 'done', 1],
    ]);
    expect(answers[0]?.comment).toBe('changed my mind');
    expect((await reviews.listAnswers('alpha', 'double', { reviewer: 'cy' })).length).toBe(1);
    expect(
      (await reviews.queueCounts('alpha')).find((counts) => counts.queueId === 'double')?.completedItems,
    ).toBe(1);
    expect(await reviews.listAnswers('beta', 'double')).toEqual([]);
    await expect(reviews.putAnswer('alpha', done('double', 'nope', 'ana'))).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await reviews.deleteQueue('beta', 'double')).toBe(false);
    expect(await reviews.deleteQueue('alpha', 'double')).toBe(true);
    expect(await reviews.listAnswers('alpha', 'double')).toEqual([]);
  });

  test('reviews: settings default to a 0.6 agreement bar; calibrations are kept oldest first per project', async () => {
    const { reviews } = getStore();
    expect(await reviews.getSettings('alpha')).toEqual({ judgeAgreementBar: 0.6 });
    await reviews.putSettings('alpha', { judgeAgreementBar: 0.75 });
    expect(await reviews.getSettings('alpha')).toEqual({ judgeAgreementBar: 0.75 });
    expect(await reviews.getSettings('beta')).toEqual({ judgeAgreementBar: 0.6 });
    const record = (id: string, day: number, kappa: number) => ({
      id,
      evaluatorName: 'judge',
      evaluatorVersion: '1',
      scoreName: 'helpful',
      computedAt: new Date(Date.UTC(2026, 0, day)),
      items: 50,
      agreement: 0.9,
      kappa,
      kappaLower: kappa - 0.1,
      kappaUpper: kappa + 0.1,
      spearman: null,
      trusted: kappa >= 0.75,
    });
    await reviews.recordCalibration('alpha', record('c2', 2, 0.5));
    await reviews.recordCalibration('alpha', record('c1', 1, 0.8));
    await reviews.recordCalibration('alpha', record('c1', 1, 0.1));
    const listed = await reviews.listCalibrations('alpha', { evaluatorName: 'judge' });
    expect(listed.map((entry) => [entry.id, entry.kappa])).toEqual([
      ['c1', 0.8],
      ['c2', 0.5],
    ]);
    expect(listed[0]?.computedAt).toEqual(new Date(Date.UTC(2026, 0, 1)));
    expect(await reviews.listCalibrations('alpha', { evaluatorName: 'other' })).toEqual([]);
    expect(await reviews.listCalibrations('beta')).toEqual([]);
  });
}
