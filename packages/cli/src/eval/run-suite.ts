import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Evaluator } from '@sextant/core/evaluators';
import { createCodeEvaluator } from '@sextant/core/evaluators';
import type { ItemResult, ItemRun, Suite, SuiteResults } from '@sextant/core/gates';
import type { LoadedDataset } from './load-dataset.js';
import { createProgressBar } from './progress-bar.js';
import type { TaskOutcome, TaskTarget } from './suite-task.js';

/** Outputs recorded by `cache: record` and replayed by `cache: replay`, keyed by task, item and repeat. */
class ReplayCache {
  private readonly entries: Record<string, TaskOutcome>;
  constructor(
    private readonly file: string,
    private readonly mode: Suite['cache'],
  ) {
    this.entries = mode === 'replay' && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  }
  key(identity: string, itemId: string, input: unknown, repeat: number) {
    return createHash('sha256')
      .update(JSON.stringify([identity, itemId, input, repeat]))
      .digest('hex');
  }
  get(key: string): TaskOutcome | undefined {
    return this.mode === 'replay' ? this.entries[key] : undefined;
  }
  set(key: string, outcome: TaskOutcome) {
    if (this.mode !== 'off') this.entries[key] = outcome;
  }
  save() {
    if (this.mode === 'off') return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, `${JSON.stringify(this.entries, null, 1)}\n`);
  }
}

export async function scoreRun(
  evaluators: readonly Evaluator[],
  item: LoadedDataset['items'][number],
  output: unknown,
) {
  const scores: ItemRun['scores'] = {};
  for (const evaluator of evaluators) {
    const result = await evaluator.evaluate({
      input: item.input,
      output,
      expected: item.expected,
      metadata: item.metadata,
    });
    scores[evaluator.name] = {
      value: result.score,
      ...(result.passed === undefined ? {} : { passed: result.passed }),
    };
  }
  return scores;
}

/**
 * Runs every (item, repeat) of a suite with bounded concurrency, scores each run, and shows progress.
 * A task that throws gives a run with `error` (it fails the gates that read it); the suite carries on.
 */
export async function runSuite(
  suite: Suite,
  dataset: LoadedDataset,
  task: TaskTarget,
  options: { cacheDirectory: string; showProgress: boolean },
): Promise<SuiteResults> {
  const evaluators = suite.evaluators.map((entry) => createCodeEvaluator(entry.name, entry.options));
  const cache = new ReplayCache(path.join(options.cacheDirectory, `${suite.name}.json`), suite.cache);
  const jobs = dataset.items.flatMap((item, index) =>
    Array.from({ length: suite.repeats }, (_, repeat) => ({ item, index, repeat })),
  );
  const runs: ItemRun[][] = dataset.items.map(() => []);
  const progress = options.showProgress ? createProgressBar(suite.name, jobs.length) : undefined;
  let done = 0;
  let failed = 0;
  let next = 0;
  progress?.update(0, 0);
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      if (!job) break;
      const { item, index, repeat } = job;
      const key = cache.key(task.identity, item.id, item.input, repeat);
      const started = performance.now();
      let run: ItemRun;
      try {
        const outcome = cache.get(key) ?? (await task.run(item, repeat));
        cache.set(key, outcome);
        run = {
          repeat,
          output: outcome.output,
          latencyMs: Math.round(performance.now() - started),
          ...(outcome.cost === undefined ? {} : { cost: outcome.cost }),
          scores: await scoreRun(evaluators, item, outcome.output),
        };
      } catch (error) {
        failed++;
        run = {
          repeat,
          error: (error as Error).message ?? String(error),
          latencyMs: Math.round(performance.now() - started),
          scores: {},
        };
      }
      runs[index]?.push(run);
      done++;
      progress?.update(done, failed);
    }
  };
  await Promise.all(Array.from({ length: Math.min(suite.concurrency, jobs.length) }, worker));
  cache.save();
  const items: ItemResult[] = dataset.items.map((item, index) => ({
    itemId: item.id,
    runs: (runs[index] ?? []).sort((first, second) => first.repeat - second.repeat),
  }));
  return {
    suite: suite.name,
    repeats: suite.repeats,
    ...(task.release ? { release: task.release } : {}),
    items,
  };
}
