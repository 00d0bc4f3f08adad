import { describe, expect, it } from 'vitest';
import { lcsLength, rougeL, rougeLScore, tokenizeRouge } from './rouge-l.js';

const score = (target: string, prediction: string, beta = 1) =>
  rougeLScore(tokenizeRouge(prediction), tokenizeRouge(target), beta);

// Lines 1 and 2 of rouge-score's rouge/testdata/target.txt and prediction.txt (google-research); its
// rouge_scorer_test.py checks rougeL on them against scores from manual runs of ROUGE-1.5.5.
const targets = [
  "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\n",
  "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN\n",
];
const predictions = [
  "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\n",
  "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD\n",
];

describe('rougeLScore', () => {
  it('matches ROUGE-1.5.5 on rouge-score testdata to 5 places (testRougeLAgainstRouge155)', () => {
    const first = score(targets[0]!, predictions[0]!);
    expect([first.recall, first.precision, first.fmeasure].map((value) => value.toFixed(5))).toEqual([
      '0.40741',
      '0.68750',
      '0.51163',
    ]);
    expect(first.lcsLength).toBe(11); // 11 of the target's 27 tokens and the prediction's 16
    const second = score(targets[1]!, predictions[1]!);
    expect([second.recall, second.precision, second.fmeasure].map((value) => value.toFixed(5))).toEqual([
      '0.40476',
      '0.65385',
      '0.50000',
    ]);
  });

  it("matches rouge_scorer_test.py's consecutive, non-consecutive and empty cases", () => {
    for (const prediction of ['testing one', 'testing two']) {
      const result = score('testing one two', prediction);
      expect(result.precision).toBeCloseTo(1, 12);
      expect(result.recall).toBeCloseTo(2 / 3, 12);
      expect(result.fmeasure).toBeCloseTo(4 / 5, 12);
    }
    expect(score('testing one two', '')).toEqual({ precision: 0, recall: 0, fmeasure: 0, lcsLength: 0 });
    expect(score('', 'w1').fmeasure).toBe(0);
    expect(score('w1 w2 w3 w4 w5', '/').fmeasure).toBe(0);
  });

  it('weights recall with beta as in Lin (2004): F = (1 + β²)PR / (R + β²P)', () => {
    // P = 1, R = 2/3, β = 2: F = 5 · (2/3) / (2/3 + 4) = (10/3) / (14/3) = 5/7
    expect(score('testing one two', 'testing one', 2).fmeasure).toBeCloseTo(5 / 7, 12);
    // β → 0 gives precision
    expect(score('testing one two', 'testing one', 1e-9).fmeasure).toBeCloseTo(1, 9);
  });
});

describe('lcsLength', () => {
  it("matches rouge_scorer_test.py's testLcsTable", () => {
    expect(lcsLength(['1', '2', '3', '4', '5'], ['2', '5', '3', '4'])).toBe(3);
    expect(lcsLength(['1', '2', '3', '4', '5'], ['8', '9'])).toBe(0);
    expect(lcsLength([], ['a'])).toBe(0);
  });
});

describe('tokenizeRouge', () => {
  it('lowercases and splits on anything outside [a-z0-9], dropping non-ASCII letters as rouge-score does', () => {
    expect(tokenizeRouge("Hello, World! It's 2024.")).toEqual(['hello', 'world', 'it', 's', '2024']);
    expect(tokenizeRouge('café naïve 東京')).toEqual(['caf', 'na', 've']);
    expect(tokenizeRouge('  ')).toEqual([]);
  });
});

describe('rougeL evaluator', () => {
  it('scores the best reference and explains precision and recall', async () => {
    const evaluator = rougeL({ threshold: 0.9 });
    const result = await evaluator.evaluate({
      output: 'testing one',
      expected: ['something else entirely', 'testing one two'],
    });
    expect(result.score).toBeCloseTo(0.8, 12);
    expect(result.passed).toBe(false);
    expect(result.details).toEqual({ precision: 1, recall: 2 / 3, lcsLength: 2 });
    expect(result.explanation).toBe(
      `longest common subsequence with "testing one two" is 2 tokens: 2 of the output's 2 (precision 1.000), 2 of the reference's 3 (recall 0.667)`,
    );
  });

  it('gives 1 for identical text after tokenisation and 0 for text with no ASCII word', async () => {
    expect((await rougeL().evaluate({ output: 'The CAT sat.', expected: 'the cat sat' })).score).toBe(1);
    expect((await rougeL().evaluate({ output: '東京タワー', expected: 'Tokyo tower' })).score).toBe(0);
  });
});
