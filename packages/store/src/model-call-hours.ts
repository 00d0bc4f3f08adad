import type { CanonicalSpan } from '@sextant/core';
import { latencyBin } from './latency-histogram.js';

/** One hour of one model's calls in one latency bin: the unit of the dashboard's model rollup. */
export interface ModelCallHour {
  hourUs: number;
  model: string;
  bin: number;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  /** Sum of the known costs; null when no call in the cell had one (unpriced, not free). */
  cost: number | null;
}

export const hourUs = 3_600_000_000;
/** What a model call without a model name is grouped under, as in the raw-span query. */
export const unknownModel = '(unknown)';

/**
 * Folds newly stored spans into hourly cells per (model, latency bin). Only model calls count
 * (llm and embedding spans), exactly the rows the "group by model" dashboard reads, so long windows
 * are answered from a few thousand cells instead of every span.
 */
export function modelCallHours(spans: readonly CanonicalSpan[]): ModelCallHour[] {
  const cells = new Map<string, ModelCallHour>();
  for (const span of spans) {
    if (span.kind !== 'llm' && span.kind !== 'embedding') continue;
    const hour = span.startTimeUs - (span.startTimeUs % hourUs);
    const model = span.model ?? unknownModel;
    const bin = latencyBin.of(span.endTimeUs - span.startTimeUs);
    const key = `${hour}\u0000${model}\u0000${bin}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        hourUs: hour,
        model,
        bin,
        requests: 0,
        errors: 0,
        inputTokens: 0,
        outputTokens: 0,
        cost: null,
      };
      cells.set(key, cell);
    }
    cell.requests += 1;
    if (span.status === 'error') cell.errors += 1;
    cell.inputTokens += span.inputTokens ?? 0;
    cell.outputTokens += span.outputTokens ?? 0;
    if (span.cost !== null && span.cost !== undefined) cell.cost = (cell.cost ?? 0) + span.cost;
  }
  return [...cells.values()];
}

/**
 * Splits a window into whole hours served by the rollup and the partial edges read from spans.
 * Returns null when the rollup cannot serve the buckets (a bucket that is not a whole number of hours
 * would cut an hour in two) or the window holds no whole hour.
 */
export function rollupHours(fromUs: number, toUs: number, bucketSeconds: number) {
  if (bucketSeconds % 3600 !== 0) return null;
  const first = Math.ceil(fromUs / hourUs) * hourUs;
  const end = Math.floor(toUs / hourUs) * hourUs;
  return first < end ? { first, end } : null;
}
