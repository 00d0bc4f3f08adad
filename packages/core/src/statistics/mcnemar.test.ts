import { describe, expect, it } from 'vitest';
import { countPairedOutcomes, mcnemarExactTest } from './mcnemar.js';
import { binomialProbability } from './special-functions.js';

describe('mcnemarExactTest', () => {
  it('reproduces the exact conditional p = 0.0703 of Fagerland, Lydersen & Laake (2013), Bentur et al. data', () => {
    // BMC Med Res Methodol 13:91: discordant pairs 1 and 7; exact conditional p = 0.070 (= 18/256, R binom.test(1, 8)).
    const result = mcnemarExactTest({ baselineOnly: 1, candidateOnly: 7 });
    expect(result.pValue.twoSided).toBeCloseTo(18 / 256, 12);
    expect(result.pValue.greater).toBeCloseTo(9 / 256, 12);
    expect(result.pValue.less).toBeCloseTo(255 / 256, 12);
  });

  it("matches SciPy binomtest(59, 180) = 4.4344e-6 on Wikipedia's McNemar example (b = 121, c = 59)", () => {
    const result = mcnemarExactTest({ baselineOnly: 121, candidateOnly: 59 });
    expect(result.pValue.twoSided / 4.4344492637551645e-6).toBeCloseTo(1, 8);
    expect(result.pValue.less).toBeLessThan(result.pValue.twoSided);
  });

  it('counts paired outcomes and returns p = 1 without discordant pairs', () => {
    const counts = countPairedOutcomes([
      { baseline: true, candidate: true },
      { baseline: true, candidate: false },
      { baseline: false, candidate: true },
      { baseline: false, candidate: true },
      { baseline: false, candidate: false },
    ]);
    expect(counts).toEqual({ baselineOnly: 1, candidateOnly: 2, bothPassed: 1, bothFailed: 1 });
    expect(mcnemarExactTest({ baselineOnly: 0, candidateOnly: 0 }).pValue).toEqual({
      twoSided: 1,
      greater: 1,
      less: 1,
    });
  });

  it('never rejects a true null more often than alpha, for every number of discordant pairs up to 200 (exact)', () => {
    for (let discordant = 1; discordant <= 200; discordant++) {
      let twoSided = 0;
      let less = 0;
      for (let candidateOnly = 0; candidateOnly <= discordant; candidateOnly++) {
        const { pValue } = mcnemarExactTest({ baselineOnly: discordant - candidateOnly, candidateOnly });
        const probability = binomialProbability(candidateOnly, discordant, 0.5);
        if (pValue.twoSided <= 0.05) twoSided += probability;
        if (pValue.less <= 0.05) less += probability;
      }
      expect(twoSided).toBeLessThanOrEqual(0.05 + 1e-12);
      expect(less).toBeLessThanOrEqual(0.05 + 1e-12);
      if (discordant >= 100) expect(twoSided).toBeGreaterThan(0.03);
    }
  });
});
