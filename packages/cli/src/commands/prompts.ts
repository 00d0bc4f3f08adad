import { formatUnifiedDiff, latestLabel, SextantError, serializePromptFile } from '@sextant/core';
import type { Command } from 'commander';
import { apiKeyOption, jsonOption, urlOption } from '../options.js';
import { formatTable, truncate } from '../output/format-table.js';
import { checkPrompts } from '../prompts/check-prompts.js';
import { pullPrompts } from '../prompts/pull-prompts.js';
import { pushPrompts } from '../prompts/push-prompts.js';
import {
  type DiffJson,
  describeActorJson,
  formatTime,
  type LabelEventJson,
  type LabelMoveJson,
  type PromptVersionJson,
} from '../prompts/registry-json.js';
import { createApiRequest, resourcePath } from '../registry-client.js';
import { print } from './projects.js';

interface ServerOptions {
  url: string;
  apiKey?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const parseVersion = (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new SextantError('bad_request', `'${value}' is not a version number; versions are 1, 2, 3…`);
  }
  return Number(value);
};

/** Shared by prompts and releases: `3` selects a version, anything else a label; as a query string. */
export function selectorQuery(selector: string): string {
  return /^\d+$/.test(selector)
    ? `version=${parseVersion(selector)}`
    : `label=${encodeURIComponent(selector)}`;
}

/** `sextant prompts ...`: the prompt registry, and prompts as files in git. */
export function registerPromptCommands(program: Command) {
  const prompts = program
    .command('prompts')
    .description('Versioned prompts: list, show, diff, move labels; push, pull and check prompt files');
  const withServer = (command: Command) => command.addOption(urlOption()).addOption(apiKeyOption());

  withServer(prompts.command('list').description('List prompts with their newest version and labels'))
    .addOption(jsonOption())
    .action(async (options: ServerOptions) => {
      const api = createApiRequest(options.url, options.apiKey);
      const body = await api<{
        prompts: {
          name: string;
          latestVersion: number;
          labels: Record<string, number>;
          type: string;
          model: string | null;
          updatedAt: string;
        }[];
      }>('GET', '/api/prompts');
      if (options.json) return print(JSON.stringify(body, null, 2));
      print(
        formatTable(
          ['NAME', 'LATEST', 'LABELS', 'TYPE', 'MODEL', 'UPDATED'],
          body.prompts.map((prompt) => [
            prompt.name,
            `v${prompt.latestVersion}`,
            Object.entries(prompt.labels)
              .map(([label, version]) => `${label}=v${version}`)
              .join(' '),
            prompt.type,
            prompt.model ?? '',
            formatTime(prompt.updatedAt),
          ]),
        ),
      );
    });

  withServer(
    prompts
      .command('show <name> [version-or-label]')
      .description('Show one version, as its prompt file would read'),
  )
    .addOption(jsonOption())
    .action(async (name: string, selector: string | undefined, options: ServerOptions) => {
      const api = createApiRequest(options.url, options.apiKey);
      const prompt = await api<PromptVersionJson>(
        'GET',
        `${resourcePath('prompts', name)}?${selectorQuery(selector ?? latestLabel)}`,
      );
      if (options.json) return print(JSON.stringify(prompt, null, 2));
      print(`# ${prompt.name} v${prompt.version}  labels: ${prompt.labels.join(', ') || '(none)'}`);
      print(
        `# ${formatTime(prompt.createdAt)} by ${describeActorJson(prompt.createdBy) || 'unknown'}${prompt.commitMessage ? `: ${prompt.commitMessage}` : ''}`,
      );
      process.stdout.write(serializePromptFile(prompt.name, prompt.definition));
    });

  withServer(prompts.command('versions <name>').description('Version history, newest first'))
    .option('--limit <n>', 'how many versions', '50')
    .addOption(jsonOption())
    .action(async (name: string, options: ServerOptions & { limit: string }) => {
      const api = createApiRequest(options.url, options.apiKey);
      const body = await api<{ versions: PromptVersionJson[] }>(
        'GET',
        `${resourcePath('prompts', name, 'versions')}?limit=${parseVersion(options.limit)}`,
      );
      if (options.json) return print(JSON.stringify(body, null, 2));
      print(formatVersions(body.versions));
    });

  withServer(
    prompts
      .command('diff <name> <from> [to]')
      .description('Diff two versions (numbers or labels; to defaults to latest)'),
  )
    .addOption(jsonOption())
    .action(async (name: string, from: string, to: string | undefined, options: ServerOptions) => {
      const api = createApiRequest(options.url, options.apiKey);
      const query = new URLSearchParams({ from, to: to ?? latestLabel });
      const diff = await api<DiffJson>('GET', `${resourcePath('prompts', name, 'diff')}?${query}`);
      print(options.json ? JSON.stringify(diff, null, 2) : formatDiff(diff));
    });

  registerLabelCommands(prompts, 'prompts', withServer);

  withServer(
    prompts.command('push [dir]').description('Push prompt files: a new version only where content changed'),
  )
    .option('--label <label>', 'move this label to each pushed version (repeatable)', collect, [])
    .option('-m, --message <text>', 'commit message (default: the last git commit of each file)')
    .option('--author <name>', 'who pushes, for the audit log (default: git user.name)')
    .option('--dry-run', 'show what would change without pushing')
    .addHelpText(
      'after',
      '\nExamples:\n  sextant prompts push prompts --label staging\n  sextant prompts push --dry-run',
    )
    .action(
      async (
        dir: string | undefined,
        options: ServerOptions & { label: string[]; message?: string; author?: string; dryRun?: boolean },
      ) => {
        const api = createApiRequest(options.url, options.apiKey);
        const ok = await pushPrompts(
          api,
          {
            directory: dir ?? 'prompts',
            labels: options.label,
            message: options.message,
            author: options.author,
            dryRun: options.dryRun,
          },
          print,
        );
        if (!ok) throw new SextantError('conflict', 'some prompts were not pushed; see above');
      },
    );

  withServer(prompts.command('pull [dir]').description('Write registry versions to prompt files'))
    .option('--name <name>', 'only this prompt (repeatable)', collect, [])
    .option('--label <label>', `which version to write (default ${latestLabel})`, latestLabel)
    .option('--force', 'overwrite local edits that were never pushed')
    .action(
      async (
        dir: string | undefined,
        options: ServerOptions & { name: string[]; label: string; force?: boolean },
      ) => {
        const api = createApiRequest(options.url, options.apiKey);
        const ok = await pullPrompts(
          api,
          { directory: dir ?? 'prompts', names: options.name, label: options.label, force: options.force },
          print,
        );
        if (!ok) throw new SextantError('conflict', 'some prompts were not pulled; see above');
      },
    );

  prompts
    .command('check [dir]')
    .description(
      'Check prompt files for CI: syntax, variables, model ids; prints file:line:column and exits 1 on problems',
    )
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .option('--offline', 'do not ask the server about model ids')
    .action(async (dir: string | undefined, options: ServerOptions & { offline?: boolean }) => {
      const note = (line: string) => process.stderr.write(`${line}\n`);
      let api = null;
      if (!options.offline && options.apiKey) api = createApiRequest(options.url, options.apiKey);
      else if (!options.offline)
        note('model ids not checked: no API key (set SEXTANT_API_KEY, or pass --offline)');
      const problems = await checkPrompts(api, { directory: dir ?? 'prompts' }, print, note);
      if (problems > 0)
        throw new SextantError(
          'bad_request',
          `prompt check failed with ${problems} problem${problems === 1 ? '' : 's'}`,
        );
    });
}

/** `label` and `log`: identical for prompts and releases. */
export function registerLabelCommands(
  parent: Command,
  resource: 'prompts' | 'releases',
  withServer: (command: Command) => Command,
) {
  const kind = resource.slice(0, -1);
  withServer(
    parent
      .command('label <name> <label> [version]')
      .description(`Point a label of a ${kind} at a version, or remove it`),
  )
    .option(
      '--expect <version>',
      "only if the label points here now ('none': only if absent); else fail with the current state",
    )
    .option('--remove', 'remove the label')
    .option('--author <name>', 'who moves it, for the audit log')
    .option(
      '--reason <text>',
      'why; moves a release label past gates that have not passed (an audited override)',
    )
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `\nExamples:\n  sextant ${resource} label NAME production 4 --expect 3\n  sextant ${resource} label NAME staging --remove`,
    )
    .action(
      async (
        name: string,
        label: string,
        version: string | undefined,
        options: ServerOptions & { expect?: string; remove?: boolean; author?: string; reason?: string },
      ) => {
        const api = createApiRequest(options.url, options.apiKey);
        const expectedVersion =
          options.expect === undefined
            ? undefined
            : options.expect === 'none'
              ? null
              : parseVersion(options.expect);
        let moved: LabelMoveJson;
        if (options.remove) {
          const query = new URLSearchParams();
          if (typeof expectedVersion === 'number') query.set('expectedVersion', String(expectedVersion));
          if (options.author) query.set('author', options.author);
          moved = await api(
            'DELETE',
            `${resourcePath(resource, name, 'labels', encodeURIComponent(label))}?${query}`,
          );
        } else {
          if (version === undefined)
            throw new SextantError('bad_request', `give the version to point '${label}' at, or --remove`);
          moved = await api('PUT', resourcePath(resource, name, 'labels', encodeURIComponent(label)), {
            version: parseVersion(version),
            expectedVersion,
            author: options.author,
            reason: options.reason,
          });
        }
        if (options.json) return print(JSON.stringify(moved, null, 2));
        const from = moved.previousVersion === null ? 'none' : `v${moved.previousVersion}`;
        const to = moved.version === null ? 'removed' : `v${moved.version}`;
        print(
          moved.status === 'unchanged'
            ? `${name}: ${label} already at ${to}`
            : `${name}: ${label} ${from} → ${to}`,
        );
      },
    );

  withServer(
    parent.command('log <name>').description(`Audit log of a ${kind}'s label moves: who, when, from, to`),
  )
    .addOption(jsonOption())
    .action(async (name: string, options: ServerOptions) => {
      const api = createApiRequest(options.url, options.apiKey);
      const body = await api<{ events: LabelEventJson[] }>(
        'GET',
        resourcePath(resource, name, 'label-events'),
      );
      if (options.json) return print(JSON.stringify(body, null, 2));
      print(
        formatTable(
          ['WHEN', 'LABEL', 'FROM', 'TO', 'BY'],
          body.events.map((event) => [
            formatTime(event.createdAt),
            event.label,
            event.fromVersion === null ? '-' : `v${event.fromVersion}`,
            event.toVersion === null ? 'removed' : `v${event.toVersion}`,
            describeActorJson(event.actor),
          ]),
        ),
      );
    });
}

export function formatVersions(
  versions: readonly {
    version: number;
    labels: string[];
    createdAt: string;
    createdBy: PromptVersionJson['createdBy'];
    commitMessage: string | null;
  }[],
) {
  return formatTable(
    ['VERSION', 'LABELS', 'CREATED', 'BY', 'MESSAGE'],
    versions.map((version) => [
      `v${version.version}`,
      version.labels.join(' '),
      formatTime(version.createdAt),
      describeActorJson(version.createdBy),
      truncate(version.commitMessage ?? '', 60),
    ]),
  );
}

/** One unified diff per changed part, under a `--- name@from / +++ name@to (part)` header. */
export function formatDiff(diff: DiffJson): string {
  if (!diff.changed) return `${diff.name}: v${diff.from} and v${diff.to} are identical`;
  return diff.sections
    .filter((section) => section.changed)
    .map(
      (section) =>
        `--- ${diff.name}@${diff.from} (${section.name})\n+++ ${diff.name}@${diff.to} (${section.name})\n${formatUnifiedDiff(section.lines)}`,
    )
    .join('\n');
}
