import { z } from 'zod';

/** One evaluator's score of one run; `passed` is set by evaluators with a pass/fail or a threshold. */
export const runScoreSchema = z.object({
  value: z.number(),
  passed: z.boolean().optional(),
});
export type RunScore = z.infer<typeof runScoreSchema>;

/** One repeat of one dataset item: the task's output and every evaluator's score of it. */
export const itemRunSchema = z.object({
  repeat: z.number().int().min(0),
  output: z.unknown().optional(),
  /** Set when the task threw; a run with an error fails every gate that looks at it. */
  error: z.string().optional(),
  latencyMs: z.number().min(0).optional(),
  cost: z.number().min(0).optional(),
  traceId: z.string().optional(),
  /** Evaluator (score) name to score. */
  scores: z.record(z.string(), runScoreSchema),
});
export type ItemRun = z.infer<typeof itemRunSchema>;

export const itemResultSchema = z.object({
  itemId: z.string().min(1),
  runs: z.array(itemRunSchema),
});
export type ItemResult = z.infer<typeof itemResultSchema>;

/**
 * Every run of one suite, as `sextant eval --json` writes it and as a baseline results file is read.
 * `experimentId` links the results to the stored experiment they came from, when there is one.
 */
export const suiteResultsSchema = z.object({
  suite: z.string().min(1),
  release: z.object({ name: z.string(), version: z.number().int().positive() }).optional(),
  experimentId: z.string().optional(),
  repeats: z.number().int().min(1),
  items: z.array(itemResultSchema),
});
export type SuiteResults = z.infer<typeof suiteResultsSchema>;

/** Whether a run passed by one score: the evaluator's own verdict, else `value >= threshold`. */
export function runPassed(run: ItemRun, scoreName: string, threshold: number): boolean {
  if (run.error !== undefined) return false;
  const score = run.scores[scoreName];
  if (!score) return false;
  return score.passed ?? score.value >= threshold;
}

/** The score of one run, 0 when the task failed or the evaluator gave none (a failed run is the worst run). */
export function runValue(run: ItemRun, scoreName: string): number {
  if (run.error !== undefined) return 0;
  return run.scores[scoreName]?.value ?? 0;
}

/** Score names present in the results, sorted. */
export function scoreNames(results: SuiteResults): string[] {
  const names = new Set<string>();
  for (const item of results.items)
    for (const run of item.runs) for (const name of Object.keys(run.scores)) names.add(name);
  return [...names].sort();
}
