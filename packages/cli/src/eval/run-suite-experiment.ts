import { createCodeEvaluator } from '@sextant/core/evaluators';
import type { ItemResult, ItemRun, Suite, SuiteResults } from '@sextant/core/gates';
import { runExperiment } from '@sextant/sdk';
import type { LoadedDataset } from './load-dataset.js';
import { createProgressBar } from './progress-bar.js';
import { scoreRun } from './run-suite.js';
import type { TaskTarget } from './suite-task.js';

/**
 * Runs a suite on a stored dataset through the SDK's `runExperiment`: every run is a traced experiment run
 * on the server (lineage: the gate run links to the experiment). The same evaluators score each run here
 * too, so the gates read every (item, repeat) without fetching the runs back.
 */
export async function runSuiteAsExperiment(
  suite: Suite,
  dataset: LoadedDataset & { name: string; version: number },
  task: TaskTarget,
  server: { url: string; apiKey: string; showProgress: boolean },
): Promise<SuiteResults & { experimentId: string }> {
  const evaluators = suite.evaluators.map((entry) => createCodeEvaluator(entry.name, entry.options));
  const byId = new Map(dataset.items.map((item, index) => [item.id, { item, index }]));
  const runs: ItemRun[][] = dataset.items.map(() => []);
  const progress = server.showProgress
    ? createProgressBar(suite.name, dataset.items.length * suite.repeats)
    : undefined;
  const result = await runExperiment({
    endpoint: server.url,
    apiKey: server.apiKey,
    dataset: { name: dataset.name, version: dataset.version },
    name: `sextant eval ${suite.name}`,
    repeats: suite.repeats,
    concurrency: suite.concurrency,
    ...(task.release ? { release: task.release } : {}),
    metadata: { suite: suite.name, seed: suite.seed ?? null },
    evaluators,
    onProgress: (state) => progress?.update(state.done, state.errors),
    task: async (_input, context) => {
      const entry = byId.get(context.item.id);
      const started = performance.now();
      const traceId = context.span.spanContext().traceId;
      if (!entry) throw new Error(`item ${context.item.id} is not in the loaded dataset`);
      try {
        const outcome = await task.run(entry.item, context.repeat);
        runs[entry.index]?.push({
          repeat: context.repeat,
          output: outcome.output,
          latencyMs: Math.round(performance.now() - started),
          traceId,
          ...(outcome.cost === undefined ? {} : { cost: outcome.cost }),
          scores: await scoreRun(evaluators, entry.item, outcome.output),
        });
        return outcome.output;
      } catch (error) {
        runs[entry.index]?.push({
          repeat: context.repeat,
          error: (error as Error).message ?? String(error),
          latencyMs: Math.round(performance.now() - started),
          traceId,
          scores: {},
        });
        throw error;
      }
    },
  });
  const items: ItemResult[] = dataset.items.map((item, index) => ({
    itemId: item.id,
    runs: (runs[index] ?? []).sort((first, second) => first.repeat - second.repeat),
  }));
  return {
    suite: suite.name,
    repeats: suite.repeats,
    experimentId: result.experiment.id,
    ...(task.release ? { release: task.release } : {}),
    items,
  };
}
