import type { Command } from 'commander';
import { apiKeyOption, jsonOption, urlOption } from '../options.js';
import { formatTable } from '../output/format-table.js';
import { formatTime } from '../prompts/registry-json.js';
import { createApiRequest } from '../registry-client.js';
import { print } from './projects.js';

interface ServerOptions {
  url: string;
  apiKey?: string;
  json?: boolean;
}

interface CanaryLook {
  decision: string;
  reason: string;
  baseline: { count: number; mean: number | null };
  candidate: { count: number; mean: number | null };
}

interface CanaryJson {
  id: string;
  name: string;
  label: string;
  baselineVersion: number;
  candidateVersion: number;
  share: number;
  score: string;
  status: string;
  lastDecision: CanaryLook | null;
  createdAt: string;
}

const arms = (look: CanaryLook | null) =>
  look
    ? `${look.baseline.count} / ${look.candidate.count} scored, means ${look.baseline.mean?.toFixed(3) ?? '-'} / ${look.candidate.mean?.toFixed(3) ?? '-'}`
    : 'no look yet';

/** `sextant canaries ...`: canaries on prompt or release labels, decided by the sequential test. */
export function registerCanaryCommands(program: Command) {
  const canaries = program
    .command('canaries')
    .description(
      'Canaries: a share of a prompt or release label’s traffic on a candidate version, promoted or rolled back by a sequential test',
    );
  const server = (command: Command) => command.addOption(urlOption()).addOption(apiKeyOption());

  server(
    canaries
      .command('start <name> <candidate-version>')
      .description('Start a canary on a prompt label (or a release label with --release)'),
  )
    .option('--release', 'NAME is a release: split `release:NAME@LABEL` calls (its gates must pass first)')
    .option('--label <label>', 'the label whose traffic is split', 'production')
    .option('--share <fraction>', 'share of users (or sessions) on the candidate', '0.1')
    .option('--sticky-by <kind>', 'user or session', 'user')
    .requiredOption(
      '--score <name>',
      'online score in [0, 1] both arms are compared on (from an online evaluation rule)',
    )
    .option('--margin <value>', 'promote when not worse than the baseline by more than this', '0.02')
    .option('--alpha <value>', 'chance of a wrong promotion or rollback, over all looks', '0.05')
    .addHelpText(
      'after',
      '\nExamples:\n  sextant canaries start answer 4 --share 0.1 --score helpful\n  sextant canaries start support-bot 7 --release --score helpful',
    )
    .action(async (name: string, version: string, options: ServerOptions & Record<string, string>) => {
      const api = createApiRequest(options.url, options.apiKey);
      const canary = await api<CanaryJson>('POST', '/api/canaries', {
        [options.release ? 'release' : 'prompt']: name,
        label: options.label,
        candidateVersion: Number(version),
        share: Number(options.share),
        stickyBy: options.stickyBy,
        score: options.score,
        margin: Number(options.margin),
        alpha: Number(options.alpha),
      });
      print(
        `canary ${canary.id}: ${Math.round(canary.share * 100)}% of ${options.release ? 'release ' : ''}${name}@${canary.label} on v${canary.candidateVersion} (baseline v${canary.baselineVersion})`,
      );
    });

  server(canaries.command('list').description('Canaries with their last decision'))
    .addOption(jsonOption())
    .action(async (options: ServerOptions) => {
      const api = createApiRequest(options.url, options.apiKey);
      const { canaries: list } = await api<{ canaries: CanaryJson[] }>('GET', '/api/canaries');
      if (options.json) return print(JSON.stringify(list, null, 2));
      if (list.length === 0)
        return print('no canaries; start one with `sextant canaries start PROMPT VERSION --score NAME`');
      print(
        formatTable(
          ['ID', 'TARGET', 'ARMS', 'STATUS', 'LAST LOOK', 'STARTED'],
          list.map((canary) => [
            canary.id,
            `${canary.name}@${canary.label} v${canary.baselineVersion}→v${canary.candidateVersion}`,
            arms(canary.lastDecision),
            canary.status,
            canary.lastDecision ? `${canary.lastDecision.decision}: ${canary.lastDecision.reason}` : '-',
            formatTime(canary.createdAt),
          ]),
        ),
      );
    });

  server(canaries.command('stop <id>').description('Stop a canary: all traffic returns to the label')).action(
    async (id: string, options: ServerOptions) => {
      const api = createApiRequest(options.url, options.apiKey);
      const canary = await api<CanaryJson>('POST', `/api/canaries/${encodeURIComponent(id)}/stop`);
      print(`canary ${canary.id}: ${canary.status}`);
    },
  );
}
