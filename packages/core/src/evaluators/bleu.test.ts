import { describe, expect, it } from 'vitest';
import { bleu } from './bleu.js';
import { computeBleu, corpusBleu, sentenceBleu } from './bleu-score.js';
import { tokenize13a } from './tokenize-13a.js';

// Reference values below are sacrebleu's own: its README (mjpost/sacrebleu, "BLEU = 48.53 82.4/50.0/45.5/37.5
// (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)") and its test suite (test/test_bleu.py,
// test/test_sentence_bleu.py, sacrebleu 2.x). sacrebleu takes references as one list per reference
// set; here each hypothesis carries its own list, so the README's `refs` appear transposed.
const hypotheses = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'];
const references = [
  ['The dog bit the man.', 'The dog had bit the man.'],
  ['It was not unexpected.', 'No one was surprised.'],
  ['The man bit him first.', 'The man had bitten the dog.'],
];

describe('corpusBleu (sacrebleu corpus_bleu)', () => {
  it("reproduces the README example to sacrebleu's test precision (1e-8)", () => {
    const score = corpusBleu(hypotheses, references);
    expect(Math.abs(score.score - 48.530827)).toBeLessThan(1e-8);
    expect(score.counts).toEqual([14, 7, 5, 3]);
    expect(score.totals).toEqual([17, 14, 11, 8]);
    expect(score.precisions.map((precision) => precision.toFixed(1))).toEqual([
      '82.4',
      '50.0',
      '45.5',
      '37.5',
    ]);
    expect(score.bp.toFixed(3)).toBe('0.943');
    expect({ sysLen: score.sysLen, refLen: score.refLen }).toEqual({ sysLen: 17, refLen: 18 });
  });

  it('matches test_bleu.py for other tokenizers, smoothing and empty hypotheses', () => {
    expect(
      Math.abs(corpusBleu(hypotheses, references, { tokenize: 'none' }).score - 49.1919566),
    ).toBeLessThan(1e-6);
    expect(
      Math.abs(corpusBleu(hypotheses, references, { smoothMethod: 'none' }).score - 48.530827),
    ).toBeLessThan(1e-6);
    expect(corpusBleu(['', '', ''], references).score).toBe(0);
  });

  it('matches test_bleu.py test_max_ngram_order for orders 1 to 6', () => {
    const expected = ['77.65', '60.50', '53.93', '48.53', '46.14', '43.28'];
    const actual = [1, 2, 3, 4, 5, 6].map((order) =>
      corpusBleu(hypotheses, references, { maxNgramOrder: order }).score.toFixed(2),
    );
    expect(actual).toEqual(expected);
  });

  // raw_corpus_bleu(hyps, refs, offset) = corpus_bleu(smooth floor=offset, tokenize none, effective order).
  const raw = (hypothesis: string, reference: string, smoothValue = 0.01) =>
    corpusBleu([hypothesis], [[reference]], {
      tokenize: 'none',
      smoothMethod: 'floor',
      smoothValue,
      effectiveOrder: true,
    });

  it('matches test_bleu.py raw-corpus, statistics, effective-order and offset cases', () => {
    const noMatch = corpusBleu(['this is a test', 'another test'], [['ref1'], ['ref2']], {
      tokenize: 'none',
      smoothMethod: 'floor',
      smoothValue: 0.01,
      effectiveOrder: true,
    });
    expect(noMatch.score).toBe(0);
    expect(raw('this is a test', 'this is a test').score / 100).toBeCloseTo(1, 12);
    expect(Math.abs(raw('this is a fest', 'this is a test').score / 100 - 0.223606797749979)).toBeLessThan(
      1e-8,
    );
    const statistics = raw('am I am a character sequence', 'I am a symbol string sequence a a');
    expect({ counts: statistics.counts, totals: statistics.totals }).toEqual({
      counts: [4, 2, 1, 0],
      totals: [6, 5, 4, 3],
    });
    expect(Math.abs(raw('test', 'a test').score / 100 - 0.3678794411714425)).toBeLessThan(1e-8);
    expect(raw('a test', 'a test').score / 100).toBeCloseTo(1, 12);
    expect(Math.abs(raw('a little test', 'a test').score / 100 - 0.03218297948685433)).toBeLessThan(1e-8);
    const offsetCase = ['am I am a character sequence', 'I am a symbol string sequence a a'] as const;
    expect(Math.abs(raw(...offsetCase, 0.1).score / 100 - 0.1555722182)).toBeLessThan(1e-8);
    expect(raw(...offsetCase, 0).score).toBe(0);
  });
});

describe('computeBleu (sacrebleu BLEU.compute_bleu)', () => {
  it('matches test_scoring and the degenerate-statistics cases', () => {
    const scored = computeBleu(
      { counts: [9, 7, 5, 3], totals: [10, 8, 6, 4], sysLen: 11, refLen: 11 },
      { smoothMethod: 'none' },
    );
    expect(Math.abs(scored.score / 100 - 0.8375922397)).toBeLessThan(1e-8);
    const floor = (counts: number[], totals: number[], sysLen: number, refLen: number, smoothValue: number) =>
      computeBleu({ counts, totals, sysLen, refLen }, { smoothMethod: 'floor', smoothValue }).score;
    expect(floor([0, 0, 0, 0], [4, 4, 2, 1], 0, 1, 0)).toBe(0);
    expect(floor([0, 0, 0, 0], [10, 11, 12, 0], 14, 10, 0)).toBe(0);
    expect(floor([6, 5, 4, 0], [6, 5, 4, 3], 6, 6, 0)).toBe(0);
    expect(floor([0, 0, 0, 0], [0, 0, 0, 0], 1, 5, 0.01)).toBe(0);
  });
});

describe('sentenceBleu (sacrebleu sentence_bleu)', () => {
  // test_sentence_bleu.py, example from sacrebleu issue #98 (Romanian, with ţ vs ț and ă): EPSILON 1e-3.
  const reference = 'producţia de zahăr brut se exprimă în zahăr alb;';
  const system = 'Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;';

  it.each([
    ['exp', undefined, '13a', 8.493],
    ['none', undefined, '13a', 0],
    ['floor', undefined, '13a', 4.51688],
    ['floor', 0.1, '13a', 4.51688],
    ['floor', 0.5, '13a', 10.1],
    ['add-k', undefined, '13a', 14.882],
    ['add-k', 1, '13a', 14.882],
    ['add-k', 2, '13a', 21.389],
    ['exp', undefined, 'none', 7.347],
  ] as const)('smoothing %s (%s), tokenizer %s gives %s', (smoothMethod, smoothValue, tokenize, expected) => {
    const score = sentenceBleu(system, [reference], {
      smoothMethod,
      tokenize,
      ...(smoothValue === undefined ? {} : { smoothValue }),
    });
    expect(Math.abs(score.score - expected)).toBeLessThan(1e-3);
  });

  it('takes the shorter of two equally close reference lengths, as _get_closest_ref_len does', () => {
    // 5 hypothesis tokens, references of 6 and 4: both 1 away, so ref_len is 4 and there is no brevity penalty.
    const score = sentenceBleu('a b c d e', ['a b c d e f', 'a b c d']);
    expect({ refLen: score.refLen, bp: score.bp }).toEqual({ refLen: 4, bp: 1 });
  });

  it('is 0 with no matching n-gram whatever the smoothing (sacrebleu #141)', () => {
    for (const smoothMethod of ['exp', 'none', 'floor', 'add-k'] as const) {
      expect(sentenceBleu('this is a cat', ['okay thanks'], { smoothMethod }).score).toBe(0);
    }
  });
});

describe('tokenize13a', () => {
  it('splits punctuation like mteval-v13a but keeps apostrophes, decimals and thousands together', () => {
    expect(tokenize13a("It wasn't surprising.")).toEqual(['It', "wasn't", 'surprising', '.']);
    expect(tokenize13a('Pay $1,000.50 (now)!')).toEqual(['Pay', '$', '1,000.50', '(', 'now', ')', '!']);
    expect(tokenize13a('pages 10-12 of e-mail')).toEqual(['pages', '10', '-', '12', 'of', 'e-mail']);
    expect(tokenize13a('a &amp; b &lt;c&gt; <skipped>done')).toEqual(['a', '&', 'b', '<', 'c', '>', 'done']);
    expect(tokenize13a('hy-\nphen\nnext  ')).toEqual(['hyphen', 'next']);
    expect(tokenize13a('')).toEqual([]);
  });
});

describe('bleu evaluator', () => {
  it('scores sentence BLEU / 100 against one or several references and explains a shortfall', async () => {
    const evaluator = bleu({ threshold: 0.5 });
    const result = await evaluator.evaluate({ output: hypotheses[0], expected: references[0] });
    expect(result).toMatchObject({ score: 1, passed: true });
    expect(result.explanation).toBeUndefined();
    const partial = await evaluator.evaluate({
      output: 'Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;',
      expected: 'producţia de zahăr brut se exprimă în zahăr alb;',
    });
    expect(partial.score).toBeCloseTo(0.08493, 5);
    expect(partial.passed).toBe(false);
    expect(partial.explanation).toMatch(/^BLEU 8\.49: matched 1-gram \d+\/\d+, 2-gram/);
  });

  it('handles empty and non-string outputs and rejects a missing reference', async () => {
    const evaluator = bleu();
    expect((await evaluator.evaluate({ output: '', expected: 'The dog bit the man.' })).score).toBe(0);
    expect((await evaluator.evaluate({ output: 42, expected: '42' })).score).toBe(1);
    expect(() => evaluator.evaluate({ output: 'x' })).toThrow(/needs a reference/);
    expect(() => evaluator.evaluate({ output: 'x', expected: [''] })).toThrow(/non-empty reference/);
  });
});
