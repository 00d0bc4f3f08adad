import type { Score } from '../scores/score.js';
import type { ExperimentRun } from './experiment.js';

/** One score of one run, as the summary and comparison read it. */
export interface RunScore {
  value: number;
  passed?: boolean;
  label?: string;
  explanation?: string;
}

/** A run with its scores by score name. */
export interface ScoredRun extends ExperimentRun {
  scores: Record<string, RunScore>;
}

/** An item's runs (one per repeat, by repeat) and, per score name, the values of its repeats. */
export interface ScoredItem {
  itemId: string;
  runs: ScoredRun[];
  values: Map<string, number[]>;
  /** Per score name, 1/0 for each repeat whose score has `passed` set. */
  passes: Map<string, number[]>;
}

/**
 * Joins scores to runs by trace id and groups runs by item, in item order of first appearance.
 * Scores of traces that are not runs of this experiment are ignored.
 */
export function groupScoredItems(runs: readonly ExperimentRun[], scores: readonly Score[]): ScoredItem[] {
  const byTrace = new Map<string, Record<string, RunScore>>();
  for (const score of scores) {
    const entry = byTrace.get(score.traceId) ?? {};
    const runScore: RunScore = { value: score.value };
    if (score.passed !== undefined) runScore.passed = score.passed;
    if (score.label !== undefined) runScore.label = score.label;
    if (score.explanation !== undefined) runScore.explanation = score.explanation;
    entry[score.name] = runScore;
    byTrace.set(score.traceId, entry);
  }
  const items = new Map<string, ScoredItem>();
  for (const run of runs) {
    let item = items.get(run.itemId);
    if (!item) {
      item = { itemId: run.itemId, runs: [], values: new Map(), passes: new Map() };
      items.set(run.itemId, item);
    }
    const runScores = byTrace.get(run.traceId) ?? {};
    item.runs.push({ ...run, scores: runScores });
    for (const [name, score] of Object.entries(runScores)) {
      push(item.values, name, score.value);
      if (score.passed !== undefined) push(item.passes, name, score.passed ? 1 : 0);
    }
  }
  for (const item of items.values()) item.runs.sort((a, b) => a.repeat - b.repeat);
  return [...items.values()];
}

function push(map: Map<string, number[]>, key: string, value: number) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Score names seen on any item, sorted. */
export function scoreNames(items: readonly ScoredItem[]): string[] {
  const names = new Set<string>();
  for (const item of items) for (const name of item.values.keys()) names.add(name);
  return [...names].sort();
}
