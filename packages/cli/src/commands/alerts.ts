import { type AlertRuleDefinition, SextantError } from '@sextant/core';
import { type Command, Option } from 'commander';
import { CommandExit } from '../command-exit.js';
import { apiKeyOption, jsonOption, urlOption } from '../options.js';
import { formatTable } from '../output/format-table.js';
import { createApiRequest } from '../registry-client.js';
import { print } from './projects.js';

interface Connection {
  url: string;
  apiKey?: string;
  json?: boolean;
}
interface RuleView {
  name: string;
  definition: AlertRuleDefinition;
  openAlerts: number;
}
interface Delivery {
  url: string;
  status: 'delivered' | 'failed';
  statusCode: number | null;
  error: string | null;
}
interface AlertEvent {
  ruleName: string | null;
  status: string;
  summary: string;
  firedAt: string;
  resolvedAt: string | null;
}
interface CreateOptions extends Connection {
  metric: string;
  threshold: string;
  below?: boolean;
  window: string;
  groupBy: string;
  percentile?: string;
  score?: string;
  statistic?: string;
  monitor?: string;
  minSamples: string;
  cooldown: string;
  webhook: string[];
  description?: string;
  disabled?: boolean;
}

const number = (flag: string, value: string) => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed))
    throw new SextantError('bad_request', `${flag} must be a number, not '${value}'`);
  return parsed;
};

/** The rule body from the command line; the server validates it and names what is wrong. */
function ruleFromOptions(name: string, options: CreateOptions) {
  const condition: Record<string, unknown> = { metric: options.metric };
  if (options.percentile) condition.percentile = options.percentile;
  if (options.metric === 'score') {
    if (!options.score)
      throw new SextantError('bad_request', 'a score rule needs --score NAME (the score to watch)');
    condition.scoreName = options.score;
    if (options.statistic) condition.statistic = options.statistic;
  }
  if (options.monitor) condition.monitorId = options.monitor;
  return {
    name,
    description: options.description ?? '',
    enabled: !options.disabled,
    condition,
    comparator: options.below ? 'below' : 'above',
    threshold: number('--threshold', options.threshold),
    windowMinutes: number('--window', options.window),
    groupBy: options.groupBy,
    minSamples: number('--min-samples', options.minSamples),
    cooldownMinutes: number('--cooldown', options.cooldown),
    webhooks: options.webhook.map((url) => ({ url })),
  };
}

const describeRule = (rule: AlertRuleDefinition) => {
  const condition = rule.condition;
  const metric =
    condition.metric === 'latency'
      ? `${condition.percentile} latency`
      : condition.metric === 'score'
        ? `score ${condition.scoreName} ${condition.statistic}`
        : condition.metric === 'drift' && condition.monitorId
          ? `drift (${condition.monitorId})`
          : condition.metric.replace('_', ' ');
  return `${metric} ${rule.comparator === 'above' ? '>' : '<'} ${rule.threshold}`;
};

export function registerAlertCommands(program: Command) {
  const alerts = program
    .command('alerts')
    .description('Alert rules on error rate, latency, cost, volume, score drops and drift, sent to webhooks');

  alerts
    .command('list')
    .description('List alert rules with their condition, window, webhooks and open alerts')
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .addOption(jsonOption())
    .action(async (options: Connection) => {
      const { rules } = await createApiRequest(options.url, options.apiKey)<{ rules: RuleView[] }>(
        'GET',
        '/api/alerts/rules',
      );
      if (options.json) return print(JSON.stringify(rules, null, 2));
      print(
        formatTable(
          ['NAME', 'CONDITION', 'WINDOW', 'GROUP BY', 'WEBHOOKS', 'OPEN', 'ENABLED'],
          rules.map(({ definition, openAlerts }) => [
            definition.name,
            describeRule(definition),
            `${definition.windowMinutes} min`,
            definition.groupBy,
            String(definition.webhooks.length),
            String(openAlerts),
            definition.enabled ? 'yes' : 'no',
          ]),
        ),
      );
    });

  alerts
    .command('create <name>')
    .description(
      'Create an alert rule; it is checked every minute and notifies its webhooks (Slack-compatible)',
    )
    .addOption(
      new Option('--metric <metric>', 'what to watch')
        .choices(['error_rate', 'latency', 'cost', 'volume', 'score', 'drift'])
        .makeOptionMandatory(),
    )
    .requiredOption('--threshold <value>', 'fire above this value (error rate 0-1, latency ms, cost USD...)')
    .option('--below', 'fire below the threshold instead (score drops, traffic drops)')
    .option('--window <minutes>', 'window the value is computed over', '15')
    .addOption(
      new Option('--group-by <group>', 'one alert per group')
        .choices(['none', 'model', 'name', 'tag', 'release', 'prompt', 'monitor'])
        .default('none'),
    )
    .addOption(new Option('--percentile <p>', 'latency percentile').choices(['p50', 'p95', 'p99']))
    .option('--score <name>', 'score to watch (with --metric score)')
    .addOption(new Option('--statistic <statistic>', 'score statistic').choices(['mean', 'pass_rate']))
    .option('--monitor <id>', 'drift monitor to watch (default: all)')
    .option('--min-samples <n>', 'skip groups with fewer requests or scores in the window', '1')
    .option('--cooldown <minutes>', 'quiet time after an alert resolves', '30')
    .option(
      '--webhook <url>',
      'webhook to notify (repeat for several)',
      (url, all: string[]) => [...all, url],
      [],
    )
    .option('--description <text>', 'what the rule is for')
    .option('--disabled', 'create it switched off')
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  sextant alerts create errors --metric error_rate --threshold 0.05 --min-samples 20 --webhook https://hooks.slack.com/services/...\n' +
        '  sextant alerts create slow --metric latency --percentile p99 --threshold 3000 --group-by model\n' +
        '  sextant alerts create quality --metric score --score faithfulness --statistic pass_rate --below --threshold 0.8 --window 60',
    )
    .action(async (name: string, options: CreateOptions) => {
      const created = await createApiRequest(options.url, options.apiKey)<RuleView>(
        'POST',
        '/api/alerts/rules',
        ruleFromOptions(name, options),
      );
      if (options.json) return print(JSON.stringify(created, null, 2));
      const hooks = created.definition.webhooks.length;
      print(
        `Created alert rule '${created.name}': ${describeRule(created.definition)} over ${created.definition.windowMinutes} min, ` +
          `${hooks === 0 ? 'no webhooks (history only)' : `${hooks} webhook${hooks > 1 ? 's' : ''}`}. ` +
          `Check the webhooks with \`sextant alerts test ${created.name}\`.`,
      );
    });

  alerts
    .command('test <name>')
    .description("Send a sample notification to the rule's webhooks now and show how each answered")
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .addOption(jsonOption())
    .action(async (name: string, options: Connection) => {
      const { deliveries } = await createApiRequest(options.url, options.apiKey)<{ deliveries: Delivery[] }>(
        'POST',
        `/api/alerts/rules/${encodeURIComponent(name)}/test`,
      );
      if (options.json) print(JSON.stringify(deliveries, null, 2));
      else {
        print(
          formatTable(
            ['WEBHOOK', 'RESULT', 'HTTP', 'ERROR'],
            deliveries.map((delivery) => [
              delivery.url,
              delivery.status,
              delivery.statusCode === null ? '-' : String(delivery.statusCode),
              delivery.error ?? '',
            ]),
          ),
        );
      }
      if (deliveries.some((delivery) => delivery.status === 'failed')) throw new CommandExit(1);
    });

  alerts
    .command('history')
    .description('Fired and resolved alerts, newest first')
    .option('--rule <name>', 'only this rule')
    .addOption(new Option('--status <status>', 'only open or resolved alerts').choices(['open', 'resolved']))
    .option('--limit <n>', 'how many (1-500)', '50')
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .addOption(jsonOption())
    .action(async (options: Connection & { rule?: string; status?: string; limit: string }) => {
      const query = new URLSearchParams({ limit: options.limit });
      if (options.rule) query.set('rule', options.rule);
      if (options.status) query.set('status', options.status);
      const { events } = await createApiRequest(options.url, options.apiKey)<{ events: AlertEvent[] }>(
        'GET',
        `/api/alerts/events?${query}`,
      );
      if (options.json) return print(JSON.stringify(events, null, 2));
      print(
        formatTable(
          ['FIRED', 'STATUS', 'RESOLVED', 'ALERT'],
          events.map((event) => [event.firedAt, event.status, event.resolvedAt ?? '-', event.summary]),
        ),
      );
    });
}
