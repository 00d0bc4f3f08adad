import { describe, expect, it } from 'vitest';
import { calibrateJudge, correctedPassRate } from './judge-calibration.js';
import { pairwiseResults } from './pairwise-results.js';
import { reviewAgreement } from './review-agreement.js';
import type { ReviewAnswer } from './review-queue.js';
import { scoreAnswer, scoreConfigSchema } from './score-config.js';

const stars = scoreConfigSchema.parse({
  name: 'stars',
  type: 'ordinal',
  categories: [1, 2, 3, 4, 5].map((value) => ({ value, label: `${value} stars` })),
  passValue: 4,
});
const answer = (itemId: string, reviewer: string, value: number): ReviewAnswer => ({
  queueId: 'q',
  itemId,
  reviewer,
  status: 'done',
  scores: [{ name: 'stars', value }],
  updatedAt: new Date(0),
});

describe('score configs', () => {
  it('derive labels and pass/fail, and name the allowed values when refusing one', () => {
    expect(scoreAnswer(stars, 4)).toEqual({ value: 4, label: '4 stars', passed: true });
    expect(scoreAnswer(stars, 3).passed).toBe(false);
    expect(() => scoreAnswer(stars, 6)).toThrow(/score 'stars' got 6; allowed: 1 \(1 stars\), 2/);
    const latency = scoreConfigSchema.parse({
      name: 'accuracy',
      type: 'numeric',
      min: 0,
      max: 1,
      passValue: 0.8,
    });
    expect(scoreAnswer(latency, 0.9)).toEqual({ value: 0.9, passed: true });
    expect(() => scoreAnswer(latency, 2)).toThrow(/allowed: 0 to 1/);
    expect(
      scoreConfigSchema.safeParse({
        name: 'x',
        type: 'ordinal',
        categories: [
          { value: 2, label: 'b' },
          { value: 1, label: 'a' },
        ],
      }).success,
    ).toBe(false);
  });
});

describe('reviewAgreement', () => {
  it("uses quadratic-weighted Cohen's kappa for two reviewers on an ordinal scale", () => {
    const ana = [1, 2, 3, 4, 5, 5];
    const bo = [1, 2, 4, 4, 5, 3];
    const answers = ana.flatMap((value, index) => [
      answer(`i${index}`, 'ana', value),
      answer(`i${index}`, 'bo', bo[index] ?? 0),
    ]);
    const result = reviewAgreement(stars, answers);
    expect(result.method).toBe('weighted-cohen');
    expect(result.items).toBe(6);
    expect(result.exactAgreement).toBeCloseTo(4 / 6, 12);
    // Quadratic weighted kappa = 2 s_xy / (s_x² + s_y² + (x̄ - ȳ)²) with population moments (Schuster 2004).
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const [mx, my] = [mean(ana), mean(bo)];
    const sxy = mean(ana.map((x, index) => (x - mx) * ((bo[index] ?? 0) - my)));
    const sx = mean(ana.map((x) => (x - mx) ** 2));
    const sy = mean(bo.map((y) => (y - my) ** 2));
    expect(result.value).toBeCloseTo((2 * sxy) / (sx + sy + (mx - my) ** 2), 12);
  });

  it("uses Fleiss' kappa for three reviewers, matching the hand-computed value", () => {
    // Three items all rated 5 by three people, one split 4/4/5: P̄ = (1 + 1 + 1 + 1/3) / 4, p_5 = 10/12, p_4 = 2/12.
    const ratings = [
      [5, 5, 5],
      [5, 5, 5],
      [5, 5, 5],
      [4, 4, 5],
    ];
    const answers = ratings.flatMap((values, item) =>
      values.map((value, index) => answer(`i${item}`, `r${index}`, value)),
    );
    const result = reviewAgreement(stars, answers);
    expect(result.method).toBe('fleiss');
    const observed = (3 + 1 / 3) / 4;
    const expected = (10 / 12) ** 2 + (2 / 12) ** 2;
    expect(result.value).toBeCloseTo((observed - expected) / (1 - expected), 12);
  });

  it('says why there is no agreement yet', () => {
    expect(reviewAgreement(stars, [answer('i0', 'ana', 3)]).note).toMatch(/at least two items/);
  });
});

describe('pairwiseResults', () => {
  it('counts ties as half wins with a Wilson interval and ranks three systems by Bradley-Terry', () => {
    const preferences = [
      ...Array.from({ length: 6 }, () => ({ systems: ['a', 'b'] as const, preferred: 'a' })),
      ...Array.from({ length: 2 }, () => ({ systems: ['b', 'a'] as const, preferred: 'tie' })),
      ...Array.from({ length: 5 }, () => ({ systems: ['b', 'c'] as const, preferred: 'b' })),
      { systems: ['a', 'c'] as const, preferred: 'a' },
    ];
    const results = pairwiseResults(preferences);
    const ab = results.pairs.find((pair) => pair.first === 'a' && pair.second === 'b');
    expect(ab).toMatchObject({ firstWins: 6, secondWins: 0, ties: 2 });
    expect(ab?.firstWinRate.estimate).toBeCloseTo(7 / 8, 12);
    expect(ab?.firstWinRate.lower).toBeLessThan(7 / 8);
    expect(results.ranking?.map((system) => system.name)).toEqual(['a', 'b', 'c']);
    expect(pairwiseResults(preferences.slice(0, 8)).ranking).toBeNull();
  });
});

describe('calibrateJudge', () => {
  const boolean = scoreConfigSchema.parse({ name: 'helpful', type: 'boolean' });
  const pair = (human: number, judge: number) => ({
    human,
    judge,
    humanPassed: human === 1,
    judgePassed: judge === 1,
  });

  it('reports agreement, kappa with two intervals, the confusion matrix, and trust against the bar', () => {
    // 20 items: 8 both yes, 8 both no, 2 judge-only yes, 2 judge-only no -> po 0.8, pe 0.5, kappa 0.6.
    const pairs = [
      ...Array.from({ length: 8 }, () => pair(1, 1)),
      ...Array.from({ length: 8 }, () => pair(0, 0)),
      ...Array.from({ length: 2 }, () => pair(0, 1)),
      ...Array.from({ length: 2 }, () => pair(1, 0)),
    ];
    const result = calibrateJudge(boolean, pairs, 0.5);
    expect(result.agreement?.estimate).toBeCloseTo(0.8, 12);
    expect(result.kappa?.kappa).toBeCloseTo(0.6, 12);
    expect(result.kappa?.bootstrap.lower).toBeLessThan(0.6);
    expect(result.kappa?.bootstrap.upper).toBeGreaterThan(0.6);
    expect(result.confusion).toEqual({
      categories: ['no', 'yes'],
      counts: [
        [8, 2],
        [2, 8],
      ],
    });
    expect(result.trusted).toBe(true);
    expect(calibrateJudge(boolean, pairs, 0.7)).toMatchObject({
      trusted: false,
      reason: expect.stringMatching(/below the project's bar of 0.7/),
    });
    expect(calibrateJudge(boolean, pairs.slice(0, 5), 0.1).reason).toMatch(/label at least 10/);
  });

  it('corrects the judged pass rate by the sensitivity and specificity measured on the overlap', () => {
    // Overlap: 9 of 10 human passes and 19 of 20 human fails recognised; judged 300 of 1000 as passing.
    const overlap = [
      ...Array.from({ length: 9 }, () => pair(1, 1)),
      pair(1, 0),
      ...Array.from({ length: 19 }, () => pair(0, 0)),
      pair(0, 1),
    ];
    const corrected = correctedPassRate({ passed: 300, total: 1000 }, overlap);
    if (!corrected || 'error' in corrected) throw new Error('expected a corrected rate');
    expect(corrected.value.estimate).toBeCloseTo((0.3 + 0.95 - 1) / (0.9 + 0.95 - 1), 12);
    expect(correctedPassRate({ passed: 3, total: 10 }, [pair(1, 1)])).toBeNull();
  });
});
