import { simulateDriftDetection } from '@sextant/core/drift';
import { createOfflineEmbedder } from '@sextant/providers/embeddings';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseTopics, loadSupportQuestions } from './test-support/support-questions.js';

// Statistical validation on real questions embedded by the real offline encoder (bench/drift runs
// the same experiments with many more trials and prints the rates with their intervals).
const corpus = loadSupportQuestions();
const baseTexts = baseTopics.flatMap((topic) => corpus.topics[topic]);
const mobileTexts = corpus.topics.mobile;
const TRIALS = 30;
const SIZE = 80;

describe('drift detectors on real text', () => {
  let base: { texts: string[]; embeddings: Float32Array[] };
  let mobile: { texts: string[]; embeddings: Float32Array[] };
  beforeAll(async () => {
    const embedder = await createOfflineEmbedder();
    base = { texts: baseTexts, embeddings: await embedder.embed(baseTexts) };
    mobile = { texts: mobileTexts, embeddings: await embedder.embed(mobileTexts) };
  }, 120_000);

  it('alarm at about their nominal 5% when nothing changed', () => {
    const result = simulateDriftDetection({
      base,
      referenceSize: SIZE,
      currentSize: SIZE,
      shiftShare: 0,
      trials: TRIALS,
      seed: 11,
    });
    // At a true 5% rate, more than 5 alarms in 30 trials happens with probability < 1%.
    for (const [detector, rate] of Object.entries(result.detectors)) {
      expect(rate.alarms, detector).toBeLessThanOrEqual(5);
    }
    expect(result.report.alarms).toBeLessThanOrEqual(5);
  }, 120_000);

  // The 10% shift's power is measured in bench/drift (about 0.2 at 100 texts per side); here a shift
  // of 30% must be caught nearly always, by the embedding detectors and by the corrected report.
  it('detect a new topic taking 30% of the traffic', () => {
    const result = simulateDriftDetection({
      base,
      newTopic: mobile,
      referenceSize: SIZE,
      currentSize: SIZE,
      shiftShare: 0.3,
      trials: TRIALS,
      seed: 12,
    });
    expect(result.detectors['embeddings:maximum-mean-discrepancy']?.estimate).toBeGreaterThan(0.8);
    expect(result.detectors['embeddings.topics:chi-square']?.estimate).toBeGreaterThan(0.8);
    expect(result.report.estimate).toBeGreaterThan(0.7);
  }, 120_000);
});
