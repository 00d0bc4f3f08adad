import { SextantError } from '@sextant/core';
import { type Command, InvalidArgumentError } from 'commander';
import { bakeoffEvaluatorNames, createBakeoffEvaluators } from '../bakeoff/bakeoff-evaluators.js';
import { type BakeoffJson, formatBakeoff } from '../bakeoff/format-bakeoff.js';
import { sendJson } from '../bakeoff/gateway-client.js';
import { runBakeoff } from '../bakeoff/run-bakeoff.js';
import { apiKeyOption, jsonOption, urlOption } from '../options.js';
import { print } from './projects.js';

interface BakeoffCommandOptions {
  url: string;
  apiKey?: string;
  dataset: string;
  models: string;
  prompt?: string;
  split?: string;
  evaluators: string;
  repeats: number;
  concurrency: number;
  maxTokens: number;
  judge?: string;
  rubric?: string;
  embedder?: string;
  json?: boolean;
}

const positiveInteger = (limit: number) => (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > limit) {
    throw new InvalidArgumentError(`'${value}' is not a whole number from 1 to ${limit}`);
  }
  return number;
};

const list = (value: string) =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

/** `sextant models bakeoff`: the same task on several models, judged on the user's own dataset. */
export function registerBakeoffCommand(models: Command) {
  models
    .command('bakeoff')
    .description(
      'Run the same task on several models over a dataset through the gateway, and compare quality (95% intervals), cost, latency and the Pareto front',
    )
    .requiredOption('--dataset <name>', 'dataset to run on (its newest version)')
    .requiredOption(
      '--models <ids>',
      'comma-separated model ids or aliases, e.g. openai/gpt-4o-mini,local/stories260k',
    )
    .option(
      '--prompt <reference>',
      "prompt rendered with each item's input (name, name@label or name@version)",
    )
    .option('--split <split>', 'only the items of this split')
    .option(
      '--evaluators <names>',
      `comma-separated; the first is the quality axis (${bakeoffEvaluatorNames.join(', ')})`,
      'token-f1',
    )
    .option('--repeats <n>', 'independent runs per item, for noise-aware intervals', positiveInteger(100), 1)
    .option('--concurrency <n>', 'gateway calls in flight per model', positiveInteger(64), 4)
    .option('--max-tokens <n>', 'max_tokens of each call', positiveInteger(100_000), 256)
    .option('--judge <model>', 'judge model for llm-judge, faithfulness, context-relevance, answer-relevance')
    .option('--rubric <text>', 'rubric of llm-judge')
    .option(
      '--embedder <model>',
      'embedding model of embedding-similarity (default: the offline sentence encoder)',
    )
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  sextant models bakeoff --dataset support-questions --models openai/gpt-4o-mini,anthropic/claude-3-5-haiku-20241022\n' +
        '  sextant models bakeoff --dataset qa --models a,b --prompt support-answer@production --evaluators llm-judge,token-f1 \\\n' +
        '      --judge openai/gpt-4o --rubric "Correct and cites the policy" --repeats 3\n\n' +
        'Results are stored as one experiment per model; the console shows them under Models › Bake-offs.',
    )
    .action(async (options: BakeoffCommandOptions) => {
      if (!options.apiKey) {
        throw new SextantError(
          'unauthorized',
          'no API key: pass --api-key or set SEXTANT_API_KEY (create one with `sextant keys create`)',
        );
      }
      const access = { url: options.url, apiKey: options.apiKey };
      const modelIds = list(options.models);
      if (modelIds.length === 0)
        throw new SextantError('bad_request', '--models names no model; e.g. --models a,b');
      const evaluators = await createBakeoffEvaluators(list(options.evaluators), access, options);
      const progress = createProgressLine();
      const { id, failures } = await runBakeoff(access, {
        dataset: options.dataset,
        models: modelIds,
        prompt: options.prompt,
        split: options.split,
        repeats: options.repeats,
        concurrency: options.concurrency,
        maxTokens: options.maxTokens,
        evaluators,
        onProgress: progress,
      });
      const { body } = await sendJson<{ bakeoff: BakeoffJson }>(access, 'GET', `/api/bakeoffs/${id}`);
      print(options.json ? JSON.stringify(body.bakeoff, null, 2) : formatBakeoff(body.bakeoff));
      for (const failure of failures.filter((entry) => entry.failed > 0)) {
        process.stderr.write(
          `${failure.model}: ${failure.failed} of ${failure.total} runs failed; first: ${failure.firstError}\n`,
        );
      }
      if (failures.every((entry) => entry.failed === entry.total)) {
        throw new SextantError(
          'bad_request',
          `every run failed (see above); results are kept in bake-off ${id}`,
        );
      }
    });
}

/** Per model: a bar redrawn in place on a terminal, a line every 10% otherwise (CI logs), with rate and ETA. */
function createProgressLine(stream: NodeJS.WriteStream = process.stderr) {
  let current = '';
  let started = 0;
  let lastDecile = -1;
  return (model: string, done: number, total: number, failed: number) => {
    if (model !== current) {
      current = model;
      started = Date.now();
      lastDecile = -1;
    }
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    const text = `${model} ${done}/${total}${failed ? ` (${failed} errors)` : ''} ${rate.toFixed(1)}/s${done < total ? ` eta ${eta}s` : ` in ${elapsed.toFixed(1)}s`}`;
    if (stream.isTTY) {
      const width = 24;
      const filled = Math.round((done / total) * width);
      stream.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\u001b[K${done === total ? '\n' : ''}`,
      );
      return;
    }
    const decile = Math.floor((done / total) * 10);
    if (decile > lastDecile) {
      lastDecile = decile;
      stream.write(`${text}\n`);
    }
  };
}
