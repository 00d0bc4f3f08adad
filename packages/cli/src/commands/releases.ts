import fs from 'node:fs';
import { latestLabel, readReleaseFile, SextantError } from '@sextant/core';
import type { Command } from 'commander';
import { apiKeyOption, jsonOption, urlOption } from '../options.js';
import { formatTable } from '../output/format-table.js';
import { defaultAuthor } from '../prompts/git-context.js';
import { type DiffJson, formatTime, type ReleaseJson } from '../prompts/registry-json.js';
import { createApiRequest, resourcePath } from '../registry-client.js';
import { print } from './projects.js';
import { formatDiff, formatVersions, registerLabelCommands, selectorQuery } from './prompts.js';
import { registerReleaseGateCommands } from './release-gates.js';

interface ServerOptions {
  url: string;
  apiKey?: string;
  json?: boolean;
}

interface CreateOptions extends ServerOptions {
  file?: string;
  prompt: string[];
  model: string[];
  param: string[];
  retriever: string[];
  tool: string[];
  config: string[];
  description?: string;
  label: string[];
  message?: string;
  author?: string;
  expectLatest?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `key=value` with the value read as JSON when it is JSON (`top_k=5`, `rerank=true`), else as text. */
function parsePair(pair: string, flag: string): [string, unknown] {
  const index = pair.indexOf('=');
  if (index < 1) throw new SextantError('bad_request', `${flag} '${pair}' is not KEY=VALUE`);
  const raw = pair.slice(index + 1);
  try {
    return [pair.slice(0, index), JSON.parse(raw)];
  } catch {
    return [pair.slice(0, index), raw];
  }
}

/** The release definition from `--file` and the flags (flags win, key by key). */
function buildDefinition(options: CreateOptions): Record<string, unknown> {
  let definition: Record<string, unknown> = {};
  if (options.file) {
    const read = readReleaseFile(fs.readFileSync(options.file, 'utf8'));
    if (!read.success) throw new SextantError('bad_request', `${options.file}: ${read.error}`);
    definition = read.value;
  }
  const merge = (key: string, entries: [string, unknown][]) => {
    if (entries.length === 0) return;
    const base = (definition[key] as Record<string, unknown> | null | undefined) ?? {};
    definition[key] = { ...base, ...Object.fromEntries(entries) };
  };
  merge(
    'prompts',
    options.prompt.map((pin) => {
      const [name, selector = latestLabel] = pin.split('@');
      return [name ?? pin, /^\d+$/.test(selector) ? Number(selector) : selector];
    }),
  );
  merge(
    'models',
    options.model.map((pair) => parsePair(pair, '--model')),
  );
  merge(
    'parameters',
    options.param.map((pair) => parsePair(pair, '--param')),
  );
  merge(
    'retriever',
    options.retriever.map((pair) => parsePair(pair, '--retriever')),
  );
  merge(
    'config',
    options.config.map((pair) => parsePair(pair, '--config')),
  );
  if (options.tool.length > 0)
    definition.tools = [...((definition.tools as unknown[]) ?? []), ...options.tool];
  if (options.description !== undefined) definition.description = options.description;
  return definition;
}

/** `sextant releases ...`: immutable bundles of prompts, models, parameters, retriever settings and tools. */
export function registerReleaseCommands(program: Command) {
  const releases = program
    .command('releases')
    .description(
      'Releases: versioned bundles of prompt versions, models, parameters, retriever settings and tools',
    );
  const withServer = (command: Command) => command.addOption(urlOption()).addOption(apiKeyOption());

  withServer(
    releases
      .command('create <name>')
      .description('Create a release version (a new one only if the bundle changed)'),
  )
    .option('-f, --file <path>', 'release definition in YAML or JSON')
    .option('--prompt <name@label>', 'pin a prompt: greet@production, greet@3 (repeatable)', collect, [])
    .option('--model <role=id>', 'a model of the chain: generator=openai/gpt-4o (repeatable)', collect, [])
    .option('--param <key=value>', 'a parameter (repeatable)', collect, [])
    .option('--retriever <key=value>', 'a retriever setting: top_k=5 (repeatable)', collect, [])
    .option('--tool <name>', 'a tool of the chain (repeatable)', collect, [])
    .option('--config <key=value>', 'free-form config (repeatable)', collect, [])
    .option('--description <text>', 'what this release is')
    .option('--label <label>', 'move this label to the release (repeatable)', collect, [])
    .option('-m, --message <text>', 'why this release exists')
    .option('--author <name>', 'who creates it, for the audit log (default: git user.name)')
    .option('--expect-latest <version>', "fail unless this is the newest version now ('none': a new release)")
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExample:\n  sextant releases create support-bot --prompt answer@production --model generator=openai/gpt-4o-mini \\\n    --retriever top_k=5 --retriever chunk_size=512 --tool search_docs --label staging',
    )
    .action(async (name: string, options: CreateOptions) => {
      const api = createApiRequest(options.url, options.apiKey);
      const expected = options.expectLatest;
      const created = await api<{ status: string; release: ReleaseJson; warnings: string[] }>(
        'POST',
        resourcePath('releases', name, 'versions'),
        {
          definition: buildDefinition(options),
          labels: options.label,
          commitMessage: options.message,
          author: defaultAuthor(process.cwd(), options.author),
          ...(expected === undefined
            ? {}
            : { expectedLatestVersion: expected === 'none' ? null : Number(expected) }),
        },
      );
      if (options.json) return print(JSON.stringify(created, null, 2));
      const { release } = created;
      const pinned = Object.entries(release.definition.prompts).map(
        ([prompt, version]) => `${prompt}@${version}`,
      );
      print(
        `${created.status === 'created' ? 'Created' : 'Unchanged:'} ${release.id}` +
          `${release.labels.length > 0 ? ` [${release.labels.join(', ')}]` : ''}${pinned.length > 0 ? `; prompts ${pinned.join(', ')}` : ''}`,
      );
      for (const warning of created.warnings) process.stderr.write(`warning: ${warning}\n`);
    });

  withServer(releases.command('list').description('List releases with their newest version and labels'))
    .addOption(jsonOption())
    .action(async (options: ServerOptions) => {
      const api = createApiRequest(options.url, options.apiKey);
      const body = await api<{
        releases: {
          name: string;
          latestId: string;
          labels: Record<string, number>;
          description: string;
          updatedAt: string;
        }[];
      }>('GET', '/api/releases');
      if (options.json) return print(JSON.stringify(body, null, 2));
      print(
        formatTable(
          ['NAME', 'LATEST', 'LABELS', 'UPDATED', 'DESCRIPTION'],
          body.releases.map((release) => [
            release.name,
            release.latestId,
            Object.entries(release.labels)
              .map(([label, version]) => `${label}=v${version}`)
              .join(' '),
            formatTime(release.updatedAt),
            release.description,
          ]),
        ),
      );
    });

  withServer(releases.command('show <name> [version-or-label]').description('Show one release version'))
    .addOption(jsonOption())
    .action(async (name: string, selector: string | undefined, options: ServerOptions) => {
      const api = createApiRequest(options.url, options.apiKey);
      const release = await api<ReleaseJson>(
        'GET',
        `${resourcePath('releases', name)}?${selectorQuery(selector ?? latestLabel)}`,
      );
      if (options.json) return print(JSON.stringify(release, null, 2));
      print(
        `${release.id}  labels: ${release.labels.join(', ') || '(none)'}  created ${formatTime(release.createdAt)}`,
      );
      print(JSON.stringify(release.definition, null, 2));
    });

  withServer(releases.command('versions <name>').description('Version history, newest first'))
    .addOption(jsonOption())
    .action(async (name: string, options: ServerOptions) => {
      const api = createApiRequest(options.url, options.apiKey);
      const body = await api<{ versions: ReleaseJson[] }>('GET', resourcePath('releases', name, 'versions'));
      print(options.json ? JSON.stringify(body, null, 2) : formatVersions(body.versions));
    });

  withServer(
    releases.command('diff <name> <from> [to]').description('Diff two release versions (numbers or labels)'),
  )
    .addOption(jsonOption())
    .action(async (name: string, from: string, to: string | undefined, options: ServerOptions) => {
      const api = createApiRequest(options.url, options.apiKey);
      const query = new URLSearchParams({ from, to: to ?? latestLabel });
      const diff = await api<DiffJson>('GET', `${resourcePath('releases', name, 'diff')}?${query}`);
      print(options.json ? JSON.stringify(diff, null, 2) : formatDiff(diff));
    });

  registerLabelCommands(releases, 'releases', withServer);
  registerReleaseGateCommands(releases, withServer);
}
