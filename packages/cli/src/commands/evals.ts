import { type OnlineEvalRule, type OnlineEvalRuleInput, SextantError, spanKindSchema } from '@sextant/core';
import { type Command, Option } from 'commander';
import { apiKeyOption, jsonOption, urlOption } from '../options.js';
import { formatTable } from '../output/format-table.js';
import { createApiRequest } from '../registry-client.js';
import { print } from './projects.js';

type RuleJson = Omit<OnlineEvalRule, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };
interface ServerOptions {
  url: string;
  apiKey?: string;
}

/**
 * `name` or `name:key=value,key=value`: values are JSON when they parse, else text; `|` separates list
 * items. E.g. `json-valid`, `contains:values=refund|30 days,ignoreCase=true`, `regex:pattern=^\d+$`.
 */
export function parseEvaluatorOption(spec: string): { name: string; settings: Record<string, unknown> } {
  const colon = spec.indexOf(':');
  const name = (colon === -1 ? spec : spec.slice(0, colon)).trim();
  const settings: Record<string, unknown> = {};
  for (const pair of colon === -1 ? [] : spec.slice(colon + 1).split(',')) {
    if (pair.trim() === '') continue;
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      throw new SextantError(
        'bad_request',
        `--evaluator '${spec}': '${pair}' is not key=value (e.g. "contains:values=refund|sorry,ignoreCase=true")`,
      );
    }
    settings[pair.slice(0, equals).trim()] = settingValue(pair.slice(equals + 1));
  }
  return { name, settings };
}

function settingValue(text: string): unknown {
  if (text.includes('|')) return text.split('|');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const describeFilter = (rule: RuleJson) =>
  Object.entries(rule.filter)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('|') : value}`)
    .join(' ') || 'all traces';

const describeEvaluator = (entry: RuleJson['evaluators'][number]) =>
  Object.keys(entry.settings).length === 0 ? entry.name : `${entry.name}:${JSON.stringify(entry.settings)}`;

function printRules(rules: RuleJson[]) {
  print(
    formatTable(
      ['NAME', 'ENABLED', 'SAMPLE', 'FILTER', 'TARGET', 'EVALUATORS'],
      rules.map((rule) => [
        rule.name,
        rule.enabled ? 'yes' : 'no',
        `${Number((rule.sampleRate * 100).toPrecision(3))}%`,
        describeFilter(rule),
        rule.target ? Object.values(rule.target).join(' ') : 'root output',
        rule.evaluators.map(describeEvaluator).join(', '),
      ]),
    ),
  );
}

const parseRate = (value: string) => {
  const rate = value.endsWith('%') ? Number(value.slice(0, -1)) / 100 : Number(value);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new SextantError(
      'bad_request',
      `--sample-rate '${value}' is not a share from 0 to 1 (or 0% to 100%)`,
    );
  }
  return rate;
};

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface CreateOptions extends ServerOptions {
  evaluator: string[];
  sampleRate: number;
  traceName?: string;
  kind?: string;
  model?: string;
  release?: string;
  prompt?: string;
  tag?: string[];
  targetKind?: string;
  targetName?: string;
  disabled?: boolean;
  json?: boolean;
}

function ruleInput(name: string, options: CreateOptions): OnlineEvalRuleInput {
  const [promptName, promptVersion] = options.prompt?.split('@') ?? [];
  const filter = {
    ...(options.traceName ? { name: options.traceName } : {}),
    ...(options.kind ? { kind: options.kind } : {}),
    ...(options.model ? { model: options.model } : {}),
    ...(options.release ? { releaseId: options.release } : {}),
    ...(promptName ? { promptName } : {}),
    ...(promptVersion ? { promptVersion } : {}),
    ...(options.tag?.length ? { tags: options.tag } : {}),
  } as OnlineEvalRuleInput['filter'];
  const target =
    options.targetKind || options.targetName
      ? {
          ...(options.targetKind ? { kind: options.targetKind } : {}),
          ...(options.targetName ? { name: options.targetName } : {}),
        }
      : undefined;
  return {
    name,
    filter,
    sampleRate: options.sampleRate,
    evaluators: options.evaluator.map(parseEvaluatorOption),
    ...(target ? { target: target as OnlineEvalRuleInput['target'] } : {}),
    enabled: !options.disabled,
  };
}

export function registerEvalsCommands(program: Command) {
  const evals = program.command('evals').description('Evaluation that runs inside the server');
  const online = evals
    .command('online')
    .description('Online evaluation: rules that sample production traces and score them as they arrive');

  online
    .command('list')
    .description('List the rules of the project')
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .addOption(jsonOption())
    .action(async (options: ServerOptions & { json?: boolean }) => {
      const { rules } = await createApiRequest(options.url, options.apiKey)<{ rules: RuleJson[] }>(
        'GET',
        '/api/online-evals/rules',
      );
      if (options.json) print(JSON.stringify(rules, null, 2));
      else printRules(rules);
    });

  online
    .command('create <name>')
    .description('Create a rule; it scores traces stored from now on (its scores have source "online")')
    .requiredOption('--evaluator <spec>', 'evaluator, repeatable: name or name:key=value,...', collect)
    .option('--sample-rate <rate>', 'share of matching traces to score: 0.1 or 10%', parseRate, 1)
    .option('--trace-name <name>', 'only traces whose root span has this name')
    .addOption(
      new Option('--kind <kind>', 'only traces with a span of this kind').choices(spanKindSchema.options),
    )
    .option('--model <model>', 'only traces with a span that used this model')
    .option('--release <id>', 'only traces of this release, e.g. support-bot@3')
    .option('--prompt <name[@version]>', 'only traces made with this prompt (and version)')
    .option('--tag <tag>', 'only traces with this tag, repeatable (all required)', collect)
    .addOption(
      new Option(
        '--target-kind <kind>',
        'score the last span of this kind instead of the root output',
      ).choices(spanKindSchema.options),
    )
    .option('--target-name <name>', 'score the last span with this name instead of the root output')
    .option('--disabled', 'create it switched off')
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Evaluators that need no model: contains, regex, json-valid, json-schema, equals, levenshtein, step-count.

Examples:
  sextant evals online create answers-are-json --evaluator json-valid --sample-rate 10%
  sextant evals online create no-apologies --release support-bot@3 \\
    --evaluator "contains:values=sorry|apologize,mode=none,ignoreCase=true"
  sextant evals online create tool-json --target-kind tool --evaluator json-valid`,
    )
    .action(async (name: string, options: CreateOptions) => {
      const rule = await createApiRequest(options.url, options.apiKey)<RuleJson>(
        'POST',
        '/api/online-evals/rules',
        ruleInput(name, options),
      );
      if (options.json) print(JSON.stringify(rule, null, 2));
      else printRules([rule]);
    });

  for (const [command, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    online
      .command(`${command} <name>`)
      .description(
        `${enabled ? 'Resume' : 'Pause'} a rule (a paused rule skips the traces that arrive meanwhile)`,
      )
      .addOption(urlOption())
      .addOption(apiKeyOption())
      .action(async (name: string, options: ServerOptions) => {
        await createApiRequest(options.url, options.apiKey)(
          'PATCH',
          `/api/online-evals/rules/${encodeURIComponent(name)}`,
          { enabled },
        );
        print(`Rule '${name}' ${enabled ? 'enabled' : 'disabled'}.`);
      });
  }

  online
    .command('delete <name>')
    .description('Delete a rule; the scores it wrote stay')
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .action(async (name: string, options: ServerOptions) => {
      await createApiRequest(options.url, options.apiKey)(
        'DELETE',
        `/api/online-evals/rules/${encodeURIComponent(name)}`,
      );
      print(`Deleted rule '${name}'.`);
    });
}
