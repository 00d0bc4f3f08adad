import { SextantError } from '@sextant/core';
import type { DriftMonitor } from '@sextant/core/drift';
import type { DriftSpan, Store } from '@sextant/store';
import { datasetItemText, driftText } from './drift-text.js';

/** One compared text with its key (for stored embeddings and example links) and its columns. */
export interface DriftSample {
  traceId: string;
  spanId: string;
  /** Null for dataset items. */
  startTimeUs: number | null;
  text: string;
  span: DriftSpan | null;
}

/** One side of a comparison. */
export interface DriftSide {
  description: string;
  start: Date | null;
  end: Date | null;
  samples: DriftSample[];
}

const DAY_MS = 24 * 3600 * 1000;
const DATASET_PAGE = 1000;

/** The current side: the monitor's rolling window ending at `now`. */
export async function loadCurrentSide(store: Store, projectId: string, monitor: DriftMonitor, now: Date) {
  const start = new Date(now.getTime() - monitor.currentWindowHours * 3600 * 1000);
  return spanSide(
    store,
    projectId,
    monitor,
    start,
    now,
    monitor.releaseId,
    `last ${monitor.currentWindowHours} h`,
  );
}

/** The reference side: a dataset version, a date range, or the first days of a release. */
export async function loadReferenceSide(
  store: Store,
  projectId: string,
  monitor: DriftMonitor,
): Promise<DriftSide> {
  const reference = monitor.reference;
  switch (reference.type) {
    case 'range':
      return spanSide(
        store,
        projectId,
        monitor,
        reference.start,
        reference.end,
        monitor.releaseId,
        'date range',
      );
    case 'release': {
      const first = await store.drift.releaseFirstSeen(projectId, reference.releaseId);
      if (!first) {
        throw new SextantError(
          'bad_request',
          `release '${reference.releaseId}' has no traces yet; send traces with that release id or pick another reference`,
        );
      }
      const end = new Date(first.getTime() + reference.days * DAY_MS);
      const description = `first ${reference.days} days of release ${reference.releaseId}`;
      return spanSide(store, projectId, monitor, first, end, reference.releaseId, description);
    }
    case 'dataset':
      return datasetSide(store, projectId, monitor, reference.name, reference.version);
  }
}

async function spanSide(
  store: Store,
  projectId: string,
  monitor: DriftMonitor,
  start: Date,
  end: Date,
  releaseId: string | undefined,
  description: string,
): Promise<DriftSide> {
  const spans = await store.drift.listSpans(projectId, {
    start,
    end,
    spans: monitor.spans,
    limit: monitor.maxSpans,
    ...(releaseId ? { releaseId } : {}),
  });
  const samples = spans.map((span) => ({
    traceId: span.traceId,
    spanId: span.spanId,
    startTimeUs: span.startTimeUs,
    text: driftText(monitor.field === 'input' ? span.input : span.output, monitor.field),
    span,
  }));
  // Oldest first, so shares over time read left to right.
  samples.reverse();
  return { description, start, end, samples };
}

async function datasetSide(
  store: Store,
  projectId: string,
  monitor: DriftMonitor,
  name: string,
  version: number | undefined,
): Promise<DriftSide> {
  if (!(await store.datasets.get(projectId, name))) {
    const names = (await store.datasets.list(projectId)).map((dataset) => dataset.name);
    throw new SextantError(
      'not_found',
      `dataset '${name}' not found; datasets: ${names.length ? names.join(', ') : '(none)'}`,
    );
  }
  const samples: DriftSample[] = [];
  let cursor: string | undefined;
  let resolvedVersion = version;
  do {
    const page = await store.datasets.listItems(projectId, name, {
      limit: DATASET_PAGE,
      ...(resolvedVersion ? { version: resolvedVersion } : {}),
      ...(cursor ? { cursor } : {}),
    });
    resolvedVersion = page.version;
    for (const item of page.items) {
      if (samples.length >= monitor.maxSpans) break;
      const value = monitor.field === 'input' ? item.input : item.expectedOutput;
      samples.push({
        traceId: `dataset:${name}@${page.version}`,
        spanId: item.id,
        startTimeUs: null,
        text: datasetItemText(value),
        span: null,
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && samples.length < monitor.maxSpans);
  return { description: `dataset ${name} v${resolvedVersion}`, start: null, end: null, samples };
}
