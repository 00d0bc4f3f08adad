import type { Command } from 'commander';
import { jsonOption } from '../options.js';
import { formatTable } from '../output/format-table.js';
import { formatTime } from '../prompts/registry-json.js';
import { createApiRequest, resourcePath } from '../registry-client.js';
import { print } from './projects.js';

interface ServerOptions {
  url: string;
  apiKey?: string;
  json?: boolean;
}

interface PromotionJson {
  label: string;
  kind: string;
  fromVersion: number | null;
  toVersion: number | null;
  reason: string | null;
  gateRunIds: string[];
  actor: string;
  createdAt: string;
}

const version = (value: number | null) => (value === null ? '-' : `v${value}`);

/** `sextant releases gate|rollback|promotions`: gated promotion of release labels. */
export function registerReleaseGateCommands(releases: Command, withServer: (command: Command) => Command) {
  withServer(
    releases
      .command('gate <name> <label> [suites...]')
      .description(
        'Require passing `sextant eval --record` runs of these suites before a version takes the label',
      ),
  )
    .option('--remove', 'remove the gate of the label')
    .addHelpText(
      'after',
      '\nExamples:\n  sextant releases gate support-bot production support-answers safety\n  sextant releases gate support-bot production --remove',
    )
    .action(
      async (
        name: string,
        label: string,
        suites: string[],
        options: ServerOptions & { remove?: boolean },
      ) => {
        const api = createApiRequest(options.url, options.apiKey);
        const body = await api<{ gate: { suites: string[] } | null }>(
          'PUT',
          resourcePath('releases', name, 'gates', encodeURIComponent(label)),
          { suites: options.remove ? [] : suites },
        );
        print(
          body.gate
            ? `${name}: ${label} now requires passing gate runs of ${body.gate.suites.join(', ')}`
            : `${name}: ${label} has no gate`,
        );
      },
    );

  withServer(
    releases
      .command('rollback <name> <label>')
      .description('Move a label back to the version it pointed at before its last move (audited)'),
  )
    .requiredOption('--reason <text>', 'why, for the audit log and the label history')
    .option('--author <name>', 'who rolls back')
    .action(
      async (name: string, label: string, options: ServerOptions & { reason: string; author?: string }) => {
        const api = createApiRequest(options.url, options.apiKey);
        const moved = await api<{ version: number; previousVersion: number }>(
          'POST',
          resourcePath('releases', name, 'labels', encodeURIComponent(label), 'rollback'),
          { reason: options.reason, author: options.author },
        );
        print(`${name}: ${label} rolled back v${moved.previousVersion} → v${moved.version}`);
      },
    );

  withServer(
    releases
      .command('promotions <name>')
      .description(
        'Gated label history: promotions, overrides with their reasons, rollbacks, canary decisions',
      ),
  )
    .option('--label <label>', 'only this label')
    .addOption(jsonOption())
    .action(async (name: string, options: ServerOptions & { label?: string }) => {
      const api = createApiRequest(options.url, options.apiKey);
      const query = options.label ? `?label=${encodeURIComponent(options.label)}` : '';
      const body = await api<{ promotions: PromotionJson[] }>(
        'GET',
        `${resourcePath('releases', name, 'promotions')}${query}`,
      );
      if (options.json) return print(JSON.stringify(body, null, 2));
      if (body.promotions.length === 0) return print(`${name}: no gated label moves yet`);
      print(
        formatTable(
          ['WHEN', 'LABEL', 'KIND', 'FROM', 'TO', 'BY', 'REASON / GATE RUNS'],
          body.promotions.map((entry) => [
            formatTime(entry.createdAt),
            entry.label,
            entry.kind,
            version(entry.fromVersion),
            version(entry.toVersion),
            entry.actor,
            entry.reason ?? entry.gateRunIds.join(', '),
          ]),
        ),
      );
    });
}
