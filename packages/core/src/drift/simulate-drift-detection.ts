import { createSeededRandom, type RandomSource, shuffle } from '../statistics/seeded-random.js';
import { type ProportionInterval, wilsonInterval } from '../statistics/wilson-interval.js';
import { type DriftReportOptions, driftReport } from './drift-report.js';
import type { EmbeddingVectors } from './embedding-matrix.js';

/** A pool of texts with their embeddings (same order). */
export interface LabelledTexts {
  texts: readonly string[];
  embeddings: EmbeddingVectors;
}

export interface DriftSimulationOptions {
  /** Texts of the topics both windows share. */
  base: LabelledTexts;
  /** Texts of the topic that appears in the current window (unused when `shiftShare` is 0). */
  newTopic?: LabelledTexts;
  referenceSize: number;
  currentSize: number;
  /** Share of the current window drawn from `newTopic`. 0 = no shift. */
  shiftShare: number;
  trials: number;
  seed: number;
  report?: DriftReportOptions;
}

/** Alarm rate of each detector at its own level, and of the whole (Holm-corrected) report. */
export interface DriftSimulationResult {
  trials: number;
  /** detector -> how often its unadjusted p-value was <= alpha, with a Wilson 95% interval. */
  detectors: Record<string, ProportionInterval & { alarms: number }>;
  report: ProportionInterval & { alarms: number };
}

/**
 * Seeded experiments on real texts: each trial draws disjoint reference and current samples from
 * the shared topics (exchangeable, so any alarm is false) and, when `shiftShare` > 0, replaces that
 * share of the current window with texts of the new topic (so alarms measure power).
 * @example simulateDriftDetection({ base, newTopic, referenceSize: 100, currentSize: 100, shiftShare: 0.1, trials: 200, seed: 1 })
 */
export function simulateDriftDetection(options: DriftSimulationOptions): DriftSimulationResult {
  const { base, newTopic, referenceSize, currentSize, shiftShare, trials, seed } = options;
  const alpha = options.report?.alpha ?? 0.05;
  const shifted = Math.round(currentSize * shiftShare);
  if (referenceSize + currentSize - shifted > base.texts.length) {
    throw new RangeError(
      `the base pool has ${base.texts.length} texts; a trial needs ${referenceSize + currentSize - shifted}`,
    );
  }
  if (shifted > 0 && (!newTopic || newTopic.texts.length < shifted)) {
    throw new RangeError(`a shift of ${shifted} texts needs at least that many new-topic texts`);
  }
  const random = createSeededRandom(seed);
  const alarms = new Map<string, number>();
  let reportAlarms = 0;
  for (let trial = 0; trial < trials; trial++) {
    const order = shuffle(
      random,
      base.texts.map((_, index) => index),
    );
    const referenceRows = order.slice(0, referenceSize);
    const currentRows = order.slice(referenceSize, referenceSize + currentSize - shifted);
    const newRows = shifted > 0 ? pick(random, newTopic!.texts.length, shifted) : [];
    const side = (rows: number[], extra: number[]) => ({
      texts: [...rows.map((row) => base.texts[row]!), ...extra.map((row) => newTopic!.texts[row]!)],
      embeddings: [
        ...rows.map((row) => base.embeddings[row]!),
        ...extra.map((row) => newTopic!.embeddings[row]!),
      ],
    });
    const report = driftReport(side(referenceRows, []), side(currentRows, newRows), {
      ...options.report,
      seed: seed * 100_003 + trial,
    });
    if (report.drifted) reportAlarms++;
    for (const feature of report.features) {
      const name = `${feature.feature}:${feature.test}`;
      alarms.set(name, (alarms.get(name) ?? 0) + (feature.pValue <= alpha ? 1 : 0));
    }
  }
  const rate = (count: number) => ({ ...wilsonInterval(count, trials), alarms: count });
  return {
    trials,
    detectors: Object.fromEntries([...alarms].map(([name, count]) => [name, rate(count)])),
    report: rate(reportAlarms),
  };
}

function pick(random: RandomSource, size: number, count: number): number[] {
  return shuffle(
    random,
    Array.from({ length: size }, (_, index) => index),
  ).slice(0, count);
}
