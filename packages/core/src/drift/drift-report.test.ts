import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../statistics/seeded-random.js';
import { driftReport } from './drift-report.js';
import {
  categoricalSample,
  normalSample,
  rejectionRate,
  topicMixture,
} from './test-support/synthetic-data.js';
import { nounsWithNewProducts, supportTexts } from './test-support/synthetic-texts.js';

const models = { 'gpt-4o': 0.5, 'claude-sonnet': 0.3, 'llama-3': 0.2 };
const tools = { search: 0.6, calculator: 0.25, browser: 0.15 };

/** Two categorical and two numeric fields with no shift, and optionally a latency shift of `latencyShift` sd. */
function tabularSides(seed: number, latencyShift = 0) {
  const random = createSeededRandom(seed);
  const side = (shift: number, offset: number) => ({
    categorical: {
      model: categoricalSample(random, 300, models),
      tool: categoricalSample(random, 300, tools),
    },
    numeric: {
      latency: normalSample(seed * 7 + offset, 300, 800 + shift * 150, 150),
      tokens: normalSample(seed * 7 + offset + 1, 300, 400, 80).map(Math.round),
    },
  });
  return { reference: side(0, 0), current: side(latencyShift, 3) };
}

describe('driftReport', () => {
  it('reports every feature with its test, p-value, adjusted p-value and effect size', () => {
    const { reference, current } = tabularSides(1);
    const report = driftReport(reference, current);
    expect(report.features.map((feature) => [feature.feature, feature.test])).toEqual([
      ['categorical.model', 'chi-square'],
      ['categorical.tool', 'chi-square'],
      ['numeric.latency', 'kolmogorov-smirnov'],
      ['numeric.tokens', 'kolmogorov-smirnov'],
    ]);
    for (const feature of report.features) {
      expect(feature.adjustedPValue).toBeGreaterThanOrEqual(feature.pValue);
      expect(feature.effectSize.value).not.toBeNull();
      expect(feature.bins?.length).toBeGreaterThan(0);
    }
    expect(report.features[0]!.measures).toHaveProperty('populationStabilityIndex');
    expect(report.features[2]!.measures).toHaveProperty('wasserstein');
  });

  it('holds the family-wise false-alarm rate at alpha with Holm, where uncorrected tests exceed it', () => {
    const rate = (correction: 'holm' | 'none') =>
      rejectionRate(200, (seed) => {
        const { reference, current } = tabularSides(seed);
        return driftReport(reference, current, { correction }).drifted;
      });
    const holm = rate('holm');
    expect(holm).toBeLessThanOrEqual(0.07);
    expect(rate('none')).toBeGreaterThan(holm + 0.05);
  });

  it('flags only the shifted feature under a half-sd latency shift, with high power', () => {
    let onlyLatency = 0;
    const power = rejectionRate(60, (seed) => {
      const { reference, current } = tabularSides(seed, 0.5);
      const report = driftReport(reference, current);
      const flagged = report.features.filter((feature) => feature.drifted).map((feature) => feature.feature);
      if (flagged.length === 1 && flagged[0] === 'numeric.latency') onlyLatency++;
      return flagged.includes('numeric.latency');
    });
    expect(power).toBeGreaterThanOrEqual(0.9);
    expect(onlyLatency / 60).toBeGreaterThanOrEqual(0.85);
  });

  it('detects 10% German traffic through the language descriptor', () => {
    const random = createSeededRandom(5);
    const report = driftReport(
      { texts: supportTexts(random, 500) },
      { texts: supportTexts(random, 500, { germanShare: 0.1 }) },
    );
    const byName = Object.fromEntries(report.features.map((feature) => [feature.feature, feature]));
    expect(byName['text.language']?.drifted).toBe(true);
    expect(Object.keys(byName).sort()).toEqual([
      'text.characters',
      'text.language',
      'text.nonAsciiShare',
      'text.oovRate',
      'text.question',
      'text.words',
    ]);
  });

  it('keeps text descriptors quiet under no shift, OOV included (the vocabulary comes from half the reference)', () => {
    const rate = rejectionRate(40, (seed) => {
      const random = createSeededRandom(seed);
      return driftReport(
        { texts: supportTexts(random, 300) },
        { texts: supportTexts(random, 300) },
        { seed: seed + 500_000 },
      ).drifted;
    });
    expect(rate).toBeLessThanOrEqual(0.1);
  });

  it('detects new product names through the OOV rate', () => {
    const random = createSeededRandom(8);
    const report = driftReport(
      { texts: supportTexts(random, 500) },
      { texts: supportTexts(random, 500, { nouns: nounsWithNewProducts }) },
    );
    expect(report.features.find((feature) => feature.feature === 'text.oovRate')?.drifted).toBe(true);
  });

  it('runs MMD, the domain classifier and topics on embeddings and names the new topic', () => {
    const random = createSeededRandom(12);
    const reference = topicMixture(random, 400, 16, [0.4, 0.3, 0.3, 0]).vectors;
    const current = topicMixture(random, 400, 16, [0.36, 0.27, 0.27, 0.1]).vectors;
    const report = driftReport(
      { embeddings: reference },
      { embeddings: current },
      { topics: { clusters: 4 } },
    );
    expect(report.features.map((feature) => feature.test)).toEqual([
      'maximum-mean-discrepancy',
      'domain-classifier',
      'chi-square',
    ]);
    const mmd = report.features[0]!;
    expect(mmd.drifted).toBe(true);
    expect(mmd.measures.centroidCosineDistance).toBeGreaterThan(0);
    expect(report.topics?.clusters.filter((cluster) => cluster.change === 'appeared')).toHaveLength(1);
  });

  it('lists features it could not compare instead of failing', () => {
    const report = driftReport(
      { categorical: { model: ['a'], tags: [] }, numeric: { latency: [Number.NaN] }, embeddings: [[1, 2]] },
      { categorical: { tool: ['b'], tags: { beta: 3 } }, numeric: { latency: [1, 2] } },
    );
    expect(report.features).toEqual([]);
    expect(report.drifted).toBe(false);
    expect(report.skipped.map((entry) => entry.feature)).toEqual([
      'categorical.model',
      'categorical.tool',
      'categorical.tags',
      'numeric.latency',
      'embeddings',
    ]);
  });
});
