import { SextantError } from '@sextant/core';
import { codeEvaluatorNames, modelEvaluatorNames } from '@sextant/core/evaluators';
import { runExperiment } from '@sextant/sdk';
import { type Command, Option } from 'commander';
import { createProgressBar } from '../eval/progress-bar.js';
import { resolveEvaluatorSpec } from '../experiments/evaluator-specs.js';
import { fetchExperiment } from '../experiments/fetch-experiment.js';
import {
  type ComparisonJson,
  type ExperimentJson,
  formatComparison,
  formatExperiment,
  formatExperimentList,
} from '../experiments/format-experiment.js';
import { createGatewayTask } from '../experiments/gateway-task.js';
import { apiKeyOption, jsonOption, urlOption } from '../options.js';
import { createApiRequest } from '../registry-client.js';
import { print } from './projects.js';

interface ServerOptions {
  url: string;
  apiKey?: string;
  json?: boolean;
}
interface RunOptions extends ServerOptions {
  dataset: string;
  release?: string;
  prompt?: string;
  model?: string;
  evaluator: string[];
  repeats: number;
  concurrency: number;
  rpm?: number;
  name?: string;
  resume?: string;
}

const positive = (flag: string) => (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new SextantError('bad_request', `${flag} must be a whole number of at least 1; got '${value}'`);
  }
  return parsed;
};
const collect = (value: string, previous: string[]) => [...previous, value];
const pageSize = (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 1000) {
    throw new SextantError(
      'bad_request',
      `--items-limit must be a whole number from 1 to 1000; got '${value}'`,
    );
  }
  return parsed;
};

/** `sextant experiments ...`: run a release or model over a dataset, inspect and compare results. */
export function registerExperimentCommands(program: Command) {
  const experiments = program
    .command('experiments')
    .description('Run releases, prompts or models over datasets and compare the results with intervals');
  const server = (command: Command) => command.addOption(urlOption()).addOption(apiKeyOption());

  server(
    experiments
      .command('run')
      .description('Run every dataset item (x repeats) through the gateway and score the answers')
      .requiredOption('--dataset <name[@version]>', 'dataset to run (newest version by default)')
      .option('--release <name@label|version>', 'release to run: its first prompt with its model')
      .option('--prompt <name@label|version>', 'prompt to run (with --model when it names none)')
      .option('--model <model>', 'model id or alias; alone, the item input is the user message')
      .option(
        '--evaluator <name[:key=value,...]>',
        `evaluator, repeatable; e.g. contains, "levenshtein:threshold=0.8", "llm-judge:model=M,rubric=TEXT" (known: ${[...codeEvaluatorNames, ...modelEvaluatorNames].join(', ')})`,
        collect,
        [],
      )
      .addOption(
        new Option('--repeats <n>', 'independent runs per item').argParser(positive('--repeats')).default(1),
      )
      .addOption(
        new Option('--concurrency <n>', 'runs in flight at once')
          .argParser(positive('--concurrency'))
          .default(4),
      )
      .addOption(
        new Option('--rpm <n>', 'at most this many requests per minute').argParser(positive('--rpm')),
      )
      .option('--name <name>', 'experiment name shown in lists')
      .option('--resume <id>', 'continue an interrupted experiment: finished runs are skipped'),
  )
    .addOption(jsonOption())
    .action(async (options: RunOptions) => {
      const api = createApiRequest(options.url, options.apiKey);
      const access = { url: options.url, apiKey: options.apiKey ?? '' };
      const evaluators = await Promise.all(
        options.evaluator.map((spec) => resolveEvaluatorSpec(spec, access)),
      );
      if (evaluators.length === 0 && !options.resume) {
        throw new SextantError('bad_request', 'give at least one --evaluator (e.g. --evaluator contains)');
      }
      const [datasetName = '', version] = options.dataset.split('@');
      const task = await createGatewayTask(
        api,
        { url: options.url, apiKey: options.apiKey ?? '' },
        { release: options.release, prompt: options.prompt, model: options.model },
      );
      let bar: ReturnType<typeof createProgressBar> | undefined;
      const result = await runExperiment({
        endpoint: options.url,
        apiKey: options.apiKey,
        dataset: { name: datasetName, version: version ? Number(version) : undefined },
        task: task.run,
        evaluators,
        repeats: options.repeats,
        concurrency: options.concurrency,
        rateLimit: options.rpm ? { requestsPerMinute: options.rpm } : undefined,
        name: options.name,
        release: task.release,
        promptVersions: task.promptVersions,
        model: task.model,
        resume: options.resume,
        onProgress: (progress) => {
          bar ??= createProgressBar(`experiment ${progress.experimentId}`, progress.total);
          bar.update(progress.done, progress.errors);
        },
      });
      const shown = await fetchExperiment(api, result.experiment.id);
      if (options.json) return print(JSON.stringify({ ...result, summary: shown.summary }, null, 2));
      const failures = result.evaluationFailures.count
        ? `\n${result.evaluationFailures.count} evaluations gave no score, e.g. ${result.evaluationFailures.examples[0]}`
        : '';
      print(`${formatExperiment(shown.experiment, shown.summary, { itemLimit: 20 })}${failures}`);
    });

  server(experiments.command('list').description('List experiments, newest first'))
    .option('--dataset <name>', 'only experiments on this dataset')
    .addOption(jsonOption())
    .action(async (options: ServerOptions & { dataset?: string }) => {
      const api = createApiRequest(options.url, options.apiKey);
      const query = options.dataset ? `?dataset=${encodeURIComponent(options.dataset)}` : '';
      const { experiments: list } = await api<{ experiments: ExperimentJson[] }>(
        'GET',
        `/api/experiments${query}`,
      );
      print(options.json ? JSON.stringify(list, null, 2) : formatExperimentList(list));
    });

  server(
    experiments
      .command('show')
      .description(
        'Aggregate scores with 95% intervals over every run, and items (flaky and lowest first among those fetched)',
      )
      .argument('<id>'),
  )
    .addOption(new Option('--items <n>', 'items to list').argParser(positive('--items')).default(20))
    .addOption(
      new Option(
        '--items-limit <n>',
        'items to fetch, by item id, and rank (1-1000; server default 100); with --json, items per page',
      ).argParser(pageSize),
    )
    .option('--all', 'fetch every item, page by page, and rank them all (large experiments: many MB)')
    .option('--flaky', 'only items whose repeats disagree, out of every item')
    .addOption(jsonOption())
    .action(
      async (
        id: string,
        options: ServerOptions & { items: number; itemsLimit?: number; all?: boolean; flaky?: boolean },
      ) => {
        const api = createApiRequest(options.url, options.apiKey);
        const shown = await fetchExperiment(api, id, {
          itemsLimit: options.itemsLimit,
          all: options.all,
          onlyFlaky: options.flaky,
        });
        print(
          options.json
            ? JSON.stringify(shown, null, 2)
            : formatExperiment(shown.experiment, shown.summary, {
                itemLimit: options.items,
                onlyFlaky: options.flaky,
              }),
        );
      },
    );

  server(
    experiments
      .command('compare')
      .description('Baseline vs candidate on shared items: paired difference, 95% CI, p-values, McNemar')
      .argument('<baseline>')
      .argument('<candidate>'),
  )
    .addOption(new Option('--items <n>', 'items to list').argParser(positive('--items')).default(20))
    .addOption(jsonOption())
    .action(async (baseline: string, candidate: string, options: ServerOptions & { items: number }) => {
      const api = createApiRequest(options.url, options.apiKey);
      const query = new URLSearchParams({ baseline, candidate });
      const compared = await api<{
        baseline: ExperimentJson;
        candidate: ExperimentJson;
        comparison: ComparisonJson;
      }>('GET', `/api/experiments/compare?${query}`);
      print(
        options.json
          ? JSON.stringify(compared, null, 2)
          : formatComparison(compared.baseline, compared.candidate, compared.comparison, options.items),
      );
    });
}
