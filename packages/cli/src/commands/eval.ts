import { SextantError } from '@sextant/core';
import { evaluateSuite, planSuite } from '@sextant/core/gates';
import { type Command, Option } from 'commander';
import { CommandExit } from '../command-exit.js';
import { type SuiteReport, writeReports } from '../eval/eval-report-files.js';
import { loadBaseline, readResultsFile } from '../eval/load-baseline.js';
import { loadDataset } from '../eval/load-dataset.js';
import { loadEvalConfig } from '../eval/load-eval-config.js';
import { terminalReport } from '../eval/reports/terminal-report.js';
import { runSuite } from '../eval/run-suite.js';
import { runSuiteAsExperiment } from '../eval/run-suite-experiment.js';
import { createTask } from '../eval/suite-task.js';
import { apiKeyOption, urlOption } from '../options.js';
import { formatTable } from '../output/format-table.js';
import { type ApiRequest, createApiRequest } from '../registry-client.js';
import { print } from './projects.js';

/** `sextant eval` exit codes: documented in --help, relied on by CI. */
export const evalExitCodes = { passed: 0, gateFailed: 1, error: 2 } as const;

interface EvalOptions {
  config?: string;
  suite?: string[];
  junit?: string;
  markdown?: string;
  json?: string;
  githubAnnotations: boolean;
  baselineResults?: string;
  record: boolean;
  release?: string;
  progress: boolean;
  url: string;
  apiKey?: string;
}

/** `support-bot@4` → { name, version }: the release a module task's code is, for gated promotion. */
function parseReleaseId(text: string): { name: string; version: number } {
  const match = /^(.+)@(\d+)$/.exec(text);
  if (!match?.[1] || !match[2]) {
    throw new SextantError('bad_request', `--release '${text}': write NAME@VERSION, e.g. support-bot@4`);
  }
  return { name: match[1], version: Number(match[2]) };
}

async function runEval(options: EvalOptions): Promise<number> {
  const { config, file, directory } = await loadEvalConfig(options.config);
  const known = config.suites.map((suite) => suite.name);
  const unknown = (options.suite ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0)
    throw new SextantError(
      'bad_request',
      `no suite ${unknown.join(', ')} in the config; suites: ${known.join(', ')}`,
    );
  const suites = options.suite
    ? config.suites.filter((suite) => options.suite?.includes(suite.name))
    : config.suites;
  const api: ApiRequest | undefined = options.apiKey
    ? createApiRequest(options.url, options.apiKey)
    : undefined;
  if (options.record && !api)
    throw new SextantError('bad_request', '--record stores gate runs on the server; pass --api-key');
  const reports: SuiteReport[] = [];
  for (const suite of suites) {
    const dataset = await loadDataset(suite, directory, api);
    const task = await createTask(suite, directory, { url: options.url, apiKey: options.apiKey, api });
    const baseline = await loadBaseline(suite, directory, api, options.baselineResults);
    // A stored dataset with a server: run as an experiment (traced runs, lineage); else locally.
    const asExperiment =
      options.apiKey && dataset.name && dataset.version !== undefined && suite.cache === 'off'
        ? { ...dataset, name: dataset.name, version: dataset.version }
        : undefined;
    const results = asExperiment
      ? await runSuiteAsExperiment(suite, asExperiment, task, {
          url: options.url,
          apiKey: options.apiKey as string,
          showProgress: options.progress,
        })
      : await runSuite(suite, dataset, task, {
          cacheDirectory: `${directory}/.sextant/eval-cache`,
          showProgress: options.progress,
        });
    if (options.release) results.release = parseReleaseId(options.release);
    const verdict = evaluateSuite(suite, results, baseline?.results);
    const report: SuiteReport = { verdict, results, ...(baseline ? { baseline: baseline.source } : {}) };
    if (options.record && api) {
      const stored = await api<{ id: string }>('POST', '/api/gate-runs', {
        suite: suite.name,
        release: results.release,
        dataset: dataset.source,
        baseline: baseline?.source,
        experimentId: 'experimentId' in results ? results.experimentId : undefined,
        verdict,
        results,
      });
      report.gateRunId = stored.id;
    }
    reports.push(report);
  }
  print(terminalReport(reports.map((report) => report.verdict)));
  const annotations = writeReports(reports, {
    junit: options.junit,
    markdown: options.markdown,
    json: options.json,
    githubAnnotations: options.githubAnnotations,
    configFile: file,
  });
  if (annotations) process.stdout.write(annotations);
  for (const report of reports)
    if (report.gateRunId) print(`gate run ${report.gateRunId} stored for ${report.verdict.suite}`);
  const statuses = reports.map((report) => report.verdict.status);
  if (statuses.includes('error')) return evalExitCodes.error;
  return statuses.includes('failed') ? evalExitCodes.gateFailed : evalExitCodes.passed;
}

interface PlanOptions {
  results: string;
  baseline?: string;
  suite: string;
  score: string;
  effect: string;
  margin: string;
  alpha: string;
  power: string;
  maxRepeats: string;
}

function runPlan(options: PlanOptions) {
  const candidate = readResultsFile(options.results, options.suite);
  const baseline = options.baseline ? readResultsFile(options.baseline, options.suite) : undefined;
  const plan = planSuite(candidate, baseline, {
    score: options.score,
    effect: Number(options.effect),
    margin: Number(options.margin),
    alpha: Number(options.alpha),
    power: Number(options.power),
    maxRepeats: Number(options.maxRepeats),
  });
  print(
    `to catch a drop of ${plan.effect} in mean ${plan.score} (margin ${plan.margin}) with power ${plan.power} at alpha ${plan.alpha}:\n` +
      `measured on ${plan.measuredItems} items: SD of one run's difference ${plan.standardDeviation.toFixed(4)}, ` +
      `between-item share ${plan.intraItemCorrelation.toFixed(3)}${baseline ? '' : ' (one run: assumes the change shifts every item alike)'}\n`,
  );
  print(
    formatTable(
      ['REPEATS', 'ITEMS', 'RUNS', 'POWER'],
      plan.options.map((option) => [
        String(option.repeats),
        String(option.items),
        String(option.totalRuns),
        option.power.toFixed(3),
      ]),
    ),
  );
}

const errorExit = (error: unknown): never => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  throw new CommandExit(evalExitCodes.error);
};

/** `sextant eval`: run the suites of sextant.eval.yaml, check their statistical gates, write CI reports. */
export function registerEvalCommand(program: Command) {
  const evalCommand = program
    .command('eval')
    .description(
      'Run eval suites and check their statistical gates (exit 0 passed, 1 a gate failed, 2 error)',
    )
    .option(
      '-c, --config <file>',
      'sextant.eval.yaml, .yml, .json, .mjs or .js (default: found in the current folder)',
    )
    .option('-s, --suite <name...>', 'run only these suites')
    .option('--junit <file>', 'write JUnit XML (one testcase per gate)')
    .option('--markdown <file>', 'write a Markdown summary for a pull-request comment')
    .option('--json <file>', 'write every verdict and run as JSON (usable as a baseline results file)')
    .addOption(
      new Option('--github-annotations', 'print ::error annotations for failed gates').default(
        Boolean(process.env.GITHUB_ACTIONS),
        'when GITHUB_ACTIONS is set',
      ),
    )
    .option('--baseline-results <file>', 'compare with this results file instead of the configured baseline')
    .option(
      '--record',
      'store each gate run on the server (needed for gated promotion of the release)',
      false,
    )
    .option(
      '--release <name@version>',
      'the release version a module task implements (release tasks know theirs)',
    )
    .option('--no-progress', 'no progress bar')
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  sextant eval                                # sextant.eval.yaml in this folder\n' +
        '  sextant eval --junit junit.xml --markdown summary.md --json results.json --record\n' +
        '  sextant eval plan --results results.json --suite qa --score correct --effect 0.05\n' +
        '\nGates: pass-rate (Wilson lower bound, repeats clustered), no-regression (one-sided paired sign-flip\n' +
        'test against the baseline), no-lost-items, max-cost, max-latency. Quarantined items are left out of\n' +
        'every gate and listed in every report. Exit codes: 0 all gates passed, 1 a gate failed, 2 error.',
    )
    .action(async (options: EvalOptions) => {
      const code = await runEval(options).catch(errorExit);
      if (code !== 0) throw new CommandExit(code);
    });

  evalCommand
    .command('plan')
    .description('How many items and repeats a no-regression gate needs, from the variance of a previous run')
    .requiredOption('--results <file>', 'a previous run (`sextant eval --json` output or a results file)')
    .option(
      '--baseline <file>',
      'the baseline run of the same items (better: measures between-item variance)',
    )
    .requiredOption('--suite <name>', 'suite in the results file')
    .requiredOption('--score <name>', 'score the gate reads')
    .requiredOption('--effect <drop>', 'smallest drop in the mean score to catch, e.g. 0.05')
    .option('--margin <value>', "the gate's margin", '0')
    .option('--alpha <value>', 'false-failure rate with no real change', '0.05')
    .option('--power <value>', 'chance to catch a drop of --effect', '0.8')
    .option('--max-repeats <n>', 'plans for 1..n repeats', '5')
    .action((options: PlanOptions) => {
      try {
        runPlan(options);
      } catch (error) {
        errorExit(error);
      }
    });
}
