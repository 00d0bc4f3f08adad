import {
  matchesTraceFilter,
  type OnlineEvalRule,
  type Score,
  sampleTrace,
  spanContentText,
} from '@sextant/core';
import { type Evaluator, runEvaluator, selectTarget } from '@sextant/core/evaluators';
import type { Store } from '@sextant/store';
import { type EvaluatorFactory, onlineEvaluatorFactory } from '../services/online-eval-service.js';
import type { JobHandler } from './job-runner.js';

export interface OnlineEvalJobOptions {
  createEvaluator?: EvaluatorFactory;
  /** New traces read per batch (one cursor move, one score write). Default 100. */
  batchSize?: number;
  /** Traces read per rule per job; the next period's job carries on. Default 5000. */
  maxTracesPerRun?: number;
}

/** Whether an enabled rule of the project has traces waiting past its cursor (one index probe per rule). */
export async function hasTracesToScore(store: Store, projectId: string): Promise<boolean> {
  for (const rule of await store.onlineEvals.listRules(projectId)) {
    if (!rule.enabled) continue;
    const cursor = await store.onlineEvals.ruleCursor(projectId, rule.id);
    if (cursor !== null && (await store.onlineEvals.newTraces(projectId, cursor, 1)).traceIds.length > 0) {
      return true;
    }
  }
  return false;
}

/** The score id of one rule, trace and evaluator: a re-run after a crash rewrites the same ids (ignored). */
export const onlineScoreId = (ruleId: string, traceId: string, evaluatorName: string) =>
  `online:${ruleId}:${traceId}:${evaluatorName}`;

/**
 * 'online-eval.run': for each enabled rule of the project, reads the traces stored since the rule's
 * cursor, keeps the sampled ones matching its filter, scores them, stores the scores (source 'online'),
 * then moves the cursor. A crash between the score write and the cursor move repeats a batch, whose
 * deterministic score ids make the repeat harmless.
 */
export function createOnlineEvalJob(options: OnlineEvalJobOptions = {}): JobHandler {
  const createEvaluator = options.createEvaluator ?? onlineEvaluatorFactory();
  return async (job, { store, signal }) => {
    const rules = (await store.onlineEvals.listRules(job.projectId)).filter((rule) => rule.enabled);
    const failures: string[] = [];
    for (const rule of rules) {
      if (signal.aborted) break;
      try {
        const evaluators = await Promise.all(
          rule.evaluators.map((entry) => createEvaluator(entry.name, entry.settings, job.projectId)),
        );
        await evaluateNewTraces(store, job.projectId, rule, evaluators, signal, options);
      } catch (error) {
        failures.push(`rule '${rule.name}': ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (signal.aborted) throw new Error('stopped before every rule was up to date; the next run carries on');
    if (failures.length > 0) throw new Error(failures.join('; '));
  };
}

async function evaluateNewTraces(
  store: Store,
  projectId: string,
  rule: OnlineEvalRule,
  evaluators: Evaluator[],
  signal: AbortSignal,
  options: OnlineEvalJobOptions,
) {
  let cursor = await store.onlineEvals.ruleCursor(projectId, rule.id);
  let read = 0;
  while (cursor !== null && read < (options.maxTracesPerRun ?? 5000) && !signal.aborted) {
    const page = await store.onlineEvals.newTraces(projectId, cursor, options.batchSize ?? 100);
    if (page.cursor === cursor) return;
    read += page.traceIds.length;
    const scores: Score[] = [];
    for (const traceId of page.traceIds) {
      if (!sampleTrace(traceId, rule.sampleRate)) continue;
      scores.push(...(await scoreTrace(store, projectId, rule, evaluators, traceId)));
    }
    if (scores.length > 0) await store.scores.putScores(projectId, scores);
    // Another worker moved the cursor (a rule edited mid-run, two runners): it owns the rest.
    if (!(await store.onlineEvals.advanceRuleCursor(projectId, rule.id, cursor, page.cursor))) return;
    cursor = page.cursor;
    await new Promise((resolve) => setImmediate(resolve)); // let requests in between batches
  }
}

async function scoreTrace(
  store: Store,
  projectId: string,
  rule: OnlineEvalRule,
  evaluators: Evaluator[],
  traceId: string,
): Promise<Score[]> {
  const detail = await store.getTrace(projectId, traceId);
  if (!detail || !matchesTraceFilter(detail.spans, rule.filter)) return [];
  const target = rule.target ?? {};
  const selection = selectTarget(detail.spans, target);
  // A target that matches nothing in this trace (no retrieval span, say) is not a failure of the trace.
  if (!selection.success) return [];
  const root = detail.spans.find((span) => span.parentSpanId === null);
  const input = root?.input ? spanContentText(root.input) : undefined;
  const spanId = selection.value.spans.length === 1 ? selection.value.spans[0]?.spanId : undefined;
  const scores: Score[] = [];
  for (const evaluator of evaluators) {
    const result = await runEvaluator(evaluator, { input, output: null, spans: detail.spans, target });
    if (!result.success) continue;
    scores.push({
      id: onlineScoreId(rule.id, traceId, evaluator.name),
      traceId,
      ...(spanId && rule.target ? { spanId } : {}),
      name: evaluator.name,
      value: result.value.score,
      ...(result.value.label !== undefined ? { label: result.value.label } : {}),
      ...(result.value.passed !== undefined ? { passed: result.value.passed } : {}),
      ...(result.value.explanation !== undefined ? { explanation: result.value.explanation } : {}),
      source: 'online',
      evaluatorName: evaluator.name,
      evaluatorVersion: evaluator.version,
      // Scores sit at the time of the traffic they judge, so series and retention line up with traces.
      createdAt: new Date(detail.trace.startTimeUs / 1000),
    });
  }
  return scores;
}
