import { type DriftInputs, type DriftMonitor, driftReport } from '@sextant/core/drift';
import { createSeededRandom, sampleIndexes } from '@sextant/core/statistics';
import type { Embedder } from '@sextant/providers/embeddings';
import type { Store } from '@sextant/store';
import {
  type DriftCheckReport,
  describeVerdict,
  type ReportedSide,
  type ReportedTopic,
  sharesOverTime,
} from './drift-check-report.js';
import { spanColumns } from './drift-columns.js';
import { embedSamples } from './drift-embeddings.js';
import { type DriftSide, loadCurrentSide, loadReferenceSide } from './drift-samples.js';
import { topicLabel } from './topic-labels.js';

export interface RunDriftCheckOptions {
  store: Store;
  projectId: string;
  monitor: DriftMonitor;
  /** Loaded on first use; null skips the embedding tests and topics. */
  embedder: (() => Promise<Embedder>) | null;
  reportId: string;
  /** End of the current window. */
  now: Date;
  signal?: AbortSignal;
}

const EXAMPLE_CHARACTERS = 240;
const MIN_SIDE = 5;

/**
 * Runs one check of a monitor: reads both sides, embeds a seeded sample of each (reusing stored
 * vectors), runs every feature test with Holm's correction, and describes the topics.
 */
export async function runDriftCheck(options: RunDriftCheckOptions): Promise<DriftCheckReport> {
  const started = performance.now();
  const { store, projectId, monitor } = options;
  const [reference, current] = await Promise.all([
    loadReferenceSide(store, projectId, monitor),
    loadCurrentSide(store, projectId, monitor, options.now),
  ]);
  const loaded = performance.now();
  const seed = hashSeed([
    monitor.field,
    ...reference.samples.map((sample) => sample.text),
    '\u0000',
    ...current.samples.map((sample) => sample.text),
  ]);
  const referenceRows = sampleIndexes(
    createSeededRandom(seed),
    reference.samples.length,
    monitor.embeddingSampleSize,
  );
  const currentRows = sampleIndexes(
    createSeededRandom(seed + 1),
    current.samples.length,
    monitor.embeddingSampleSize,
  );
  const columns = spanColumns(reference.samples, current.samples);
  const referenceInputs: DriftInputs = {
    ...columns.reference,
    texts: reference.samples.map((sample) => sample.text),
  };
  const currentInputs: DriftInputs = {
    ...columns.current,
    texts: current.samples.map((sample) => sample.text),
  };

  const enough = reference.samples.length >= MIN_SIDE && current.samples.length >= MIN_SIDE;
  let embedder: DriftCheckReport['embedder'] = null;
  if (options.embedder && enough) {
    const encoder = await options.embedder();
    const pick = (side: DriftSide, rows: number[]) => rows.map((row) => side.samples[row]!);
    const referenceEmbedded = await embedSamples(
      store,
      projectId,
      encoder,
      monitor.field,
      pick(reference, referenceRows),
      options.signal,
    );
    const currentEmbedded = await embedSamples(
      store,
      projectId,
      encoder,
      monitor.field,
      pick(current, currentRows),
      options.signal,
    );
    referenceInputs.embeddings = referenceEmbedded.vectors;
    currentInputs.embeddings = currentEmbedded.vectors;
    embedder = {
      id: encoder.id,
      reused: referenceEmbedded.usage.reused + currentEmbedded.usage.reused,
      computed: referenceEmbedded.usage.computed + currentEmbedded.usage.computed,
      milliseconds: Math.round(referenceEmbedded.usage.milliseconds + currentEmbedded.usage.milliseconds),
    };
  }

  const embedded = performance.now();
  const report = enough
    ? driftReport(referenceInputs, currentInputs, {
        alpha: monitor.alpha,
        seed,
        // Sized so a 10,000 vs 10,000 report stays within seconds: MMD's quadratic cost on 500 per side,
        // k-means fitted on 1,000 pooled vectors (every sampled vector is still assigned).
        mmd: { maxSamplesPerSide: 500 },
        topics: { clusters: monitor.topicClusters, seed, maxFitSamples: 1000, restarts: 2 },
      })
    : null;
  const topics = report?.topics
    ? report.topics.clusters.map((cluster): ReportedTopic => {
        const example = (side: DriftSide, rows: number[]) => (index: number) => {
          const sample = side.samples[rows[index]!]!;
          return {
            traceId: sample.traceId,
            spanId: sample.spanId,
            text: sample.text.slice(0, EXAMPLE_CHARACTERS),
          };
        };
        const memberTexts = [
          ...collectMembers(report.topics!.referenceAssignments, cluster.cluster, 200).map(
            (index) => reference.samples[referenceRows[index]!]!.text,
          ),
          ...collectMembers(report.topics!.currentAssignments, cluster.cluster, 200).map(
            (index) => current.samples[currentRows[index]!]!.text,
          ),
        ];
        return {
          cluster: cluster.cluster,
          label: topicLabel(memberTexts),
          referenceCount: cluster.referenceCount,
          currentCount: cluster.currentCount,
          referenceShare: cluster.referenceShare,
          currentShare: cluster.currentShare,
          pValue: cluster.pValue,
          adjustedPValue: cluster.adjustedPValue,
          change: cluster.change,
          referenceExamples: cluster.referenceExamples.map(example(reference, referenceRows)),
          currentExamples: cluster.currentExamples.map(example(current, currentRows)),
        };
      })
    : [];
  const features = report?.features ?? [];
  const skipped = report?.skipped ?? [
    {
      feature: 'all',
      reason: `too few texts to compare (reference ${reference.samples.length}, current ${current.samples.length}; need ${MIN_SIDE} each)`,
    },
  ];
  return {
    id: options.reportId,
    monitorId: monitor.id,
    monitorName: monitor.name,
    createdAt: options.now.toISOString(),
    field: monitor.field,
    reference: summarize(reference, referenceInputs.embeddings?.length ?? 0),
    current: summarize(current, currentInputs.embeddings?.length ?? 0),
    embedder,
    alpha: monitor.alpha,
    correction: report?.correction ?? 'holm',
    drifted: report?.drifted ?? false,
    verdict: report ? describeVerdict(features, topics) : skipped[0]!.reason,
    features,
    topics: report?.topics
      ? {
          chiSquarePValue: report.topics.chiSquare.pValue,
          jensenShannonDistance: report.topics.jensenShannonDistance,
          clusters: topics,
          sharesOverTime: sharesOverTime(
            report.topics,
            currentRows.map((row) => current.samples[row]!.startTimeUs),
          ),
        }
      : null,
    skipped,
    durationMs: Math.round(performance.now() - started),
    timings: {
      loadMs: Math.round(loaded - started),
      embedMs: Math.round(embedded - loaded),
      testsMs: Math.round(performance.now() - embedded),
    },
  };
}

function summarize(side: DriftSide, embedded: number): ReportedSide {
  return {
    description: side.description,
    start: side.start?.toISOString() ?? null,
    end: side.end?.toISOString() ?? null,
    count: side.samples.length,
    embedded,
  };
}

function collectMembers(assignments: Int32Array, cluster: number, limit: number): number[] {
  const members: number[] = [];
  for (let index = 0; index < assignments.length && members.length < limit; index++) {
    if (assignments[index] === cluster) members.push(index);
  }
  return members;
}

/** The seed comes from the compared texts (FNV-1a), so the same data always gives the same report. */
function hashSeed(texts: readonly string[]): number {
  let hash = 2166136261;
  for (const text of texts) {
    for (let index = 0; index < text.length; index++) {
      hash ^= text.charCodeAt(index);
      hash = Math.imul(hash, 16777619);
    }
    hash = Math.imul(hash ^ 10, 16777619);
  }
  return hash >>> 0;
}
