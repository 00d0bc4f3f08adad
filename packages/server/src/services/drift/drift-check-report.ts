import type { DriftReport, FeatureDrift, TopicShiftResult } from '@sextant/core/drift';

/** A linked example of a topic cluster. */
export interface TopicExample {
  traceId: string;
  spanId: string;
  text: string;
}

/** A topic cluster as reported: shares on each side, its test, a readable label and examples. */
export interface ReportedTopic {
  cluster: number;
  label: string;
  referenceCount: number;
  currentCount: number;
  referenceShare: number;
  currentShare: number;
  pValue: number;
  adjustedPValue: number;
  change: 'appeared' | 'grown' | 'stable' | 'shrunk' | 'disappeared';
  referenceExamples: TopicExample[];
  currentExamples: TopicExample[];
}

/** One side as summarised in a report. */
export interface ReportedSide {
  description: string;
  start: string | null;
  end: string | null;
  count: number;
  /** Texts embedded for the embedding tests (a seeded sample when the side is larger). */
  embedded: number;
}

/** The stored body of a drift report (`GET /api/drift/reports/:id`). */
export interface DriftCheckReport {
  id: string;
  monitorId: string;
  monitorName: string;
  createdAt: string;
  field: 'input' | 'output';
  reference: ReportedSide;
  current: ReportedSide;
  embedder: { id: string; reused: number; computed: number; milliseconds: number } | null;
  alpha: number;
  correction: DriftReport['correction'];
  drifted: boolean;
  /** One line for lists and alerts: what drifted, or that nothing did. */
  verdict: string;
  features: FeatureDrift[];
  topics: {
    chiSquarePValue: number;
    jensenShannonDistance: number;
    clusters: ReportedTopic[];
    /** Current-window cluster shares per time bucket (rows: buckets, oldest first; columns: clusters). */
    sharesOverTime: { bucketStarts: string[]; shares: number[][] };
  } | null;
  skipped: DriftReport['skipped'];
  durationMs: number;
  /** Where the time went: reading both sides, embedding (or reading stored vectors), the tests. */
  timings: { loadMs: number; embedMs: number; testsMs: number };
}

/** "drift in embeddings (MMD, p=0.001), text.words; topics: 'refund · invoice' grew" or "no drift". */
export function describeVerdict(features: readonly FeatureDrift[], topics: ReportedTopic[]): string {
  const drifted = features.filter((feature) => feature.drifted);
  if (drifted.length === 0) return 'no drift at the chosen level';
  const names = drifted
    .slice(0, 4)
    .map((feature) => `${feature.feature} (${feature.test}, p=${formatP(feature.adjustedPValue)})`);
  const moved = topics
    .filter((topic) => topic.change !== 'stable')
    .slice(0, 3)
    .map((topic) => `'${topic.label}' ${topic.change}`);
  const more = drifted.length > 4 ? ` and ${drifted.length - 4} more` : '';
  return `drift in ${names.join(', ')}${more}${moved.length ? `; topics: ${moved.join(', ')}` : ''}`;
}

function formatP(p: number): string {
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** Buckets of the current side by time, each with its share of every cluster. */
export function sharesOverTime(
  topics: TopicShiftResult,
  times: readonly (number | null)[],
  buckets = 8,
): { bucketStarts: string[]; shares: number[][] } {
  const known = times.filter((time): time is number => time !== null);
  if (known.length === 0) return { bucketStarts: [], shares: [] };
  const first = Math.min(...known);
  const last = Math.max(...known);
  const width = Math.max(1, (last - first + 1) / buckets);
  const counts = Array.from({ length: buckets }, () => new Array<number>(topics.clusters.length).fill(0));
  times.forEach((time, index) => {
    if (time === null) return;
    const bucket = Math.min(buckets - 1, Math.floor((time - first) / width));
    const row = counts[bucket] as number[];
    const cluster = topics.currentAssignments[index] ?? 0;
    row[cluster] = (row[cluster] ?? 0) + 1;
  });
  return {
    bucketStarts: counts.map((_, bucket) => new Date((first + bucket * width) / 1000).toISOString()),
    shares: counts.map((row) => {
      const total = row.reduce((sum, count) => sum + count, 0);
      return row.map((count) => (total > 0 ? count / total : 0));
    }),
  };
}
