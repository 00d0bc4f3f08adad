import fs from 'node:fs';
import path from 'node:path';
import { SextantError } from '@sextant/core';
import { type Command, Option } from 'commander';
import { downloadTo, uploadDatasetFile } from '../dataset-transfer.js';
import { apiKeyOption, jsonOption, urlOption } from '../options.js';
import { formatTable, truncate } from '../output/format-table.js';
import { formatTime } from '../prompts/registry-json.js';
import { createApiRequest } from '../registry-client.js';
import { print } from './projects.js';

interface ServerOptions {
  url: string;
  apiKey?: string;
  json?: boolean;
}

interface DatasetJson {
  name: string;
  description: string;
  latestVersion: number;
  itemCount: number;
  updatedAt: string;
}
interface VersionJson {
  version: number;
  itemCount: number;
  added: number;
  updated: number;
  removed: number;
  message: string | null;
  createdAt: string;
}
interface ItemJson {
  id: string;
  input: unknown;
  expectedOutput: unknown;
  metadata: Record<string, unknown>;
  split: string | null;
}
type SplitCount = { split: string | null; count: number };

const datasetPath = (name: string, ...rest: string[]) =>
  ['/api/datasets', encodeURIComponent(name), ...rest].join('/');
const preview = (value: unknown) =>
  truncate(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''), 50);
const count = (value: number) => value.toLocaleString('en-US');
const formatSplits = (splits: readonly SplitCount[]) =>
  splits.map((entry) => `${entry.split ?? '(none)'} ${count(entry.count)}`).join(', ') || '(no items)';

/** `sextant datasets ...`: versioned evaluation datasets on a running server. */
export function registerDatasetCommands(program: Command) {
  const datasets = program.command('datasets').description('Versioned datasets of evaluation items');
  const server = (command: Command) => command.addOption(urlOption()).addOption(apiKeyOption());

  server(datasets.command('list').description('List datasets with their newest version'))
    .addOption(jsonOption())
    .action(async (options: ServerOptions) => {
      const api = createApiRequest(options.url, options.apiKey);
      const { datasets: list } = await api<{ datasets: DatasetJson[] }>('GET', '/api/datasets');
      if (options.json) return print(JSON.stringify(list, null, 2));
      if (list.length === 0) return print('no datasets yet; create one with `sextant datasets create NAME`');
      print(
        formatTable(
          ['NAME', 'VERSION', 'ITEMS', 'UPDATED', 'DESCRIPTION'],
          list.map((entry) => [
            entry.name,
            String(entry.latestVersion),
            count(entry.itemCount),
            formatTime(entry.updatedAt),
            truncate(entry.description, 50),
          ]),
        ),
      );
    });

  server(datasets.command('create <name>').description('Create an empty dataset'))
    .option('--description <text>', 'what the dataset is for', '')
    .action(async (name: string, options: ServerOptions & { description: string }) => {
      const api = createApiRequest(options.url, options.apiKey);
      await api('POST', '/api/datasets', { name, description: options.description });
      print(`created dataset ${name}; add items with \`sextant datasets import ${name} FILE\``);
    });

  server(datasets.command('show <name>').description('Show a dataset: versions and splits'))
    .addOption(jsonOption())
    .action(async (name: string, options: ServerOptions) => {
      const api = createApiRequest(options.url, options.apiKey);
      const shown = await api<{ dataset: DatasetJson; versions: VersionJson[]; splits: SplitCount[] }>(
        'GET',
        datasetPath(name),
      );
      if (options.json) return print(JSON.stringify(shown, null, 2));
      const { dataset } = shown;
      print(
        `${dataset.name}  version ${dataset.latestVersion}, ${count(dataset.itemCount)} items` +
          (dataset.description ? `\n${dataset.description}` : ''),
      );
      print(`splits: ${formatSplits(shown.splits)}\n`);
      print(
        formatTable(
          ['VERSION', 'ITEMS', 'ADDED', 'UPDATED', 'REMOVED', 'CREATED', 'MESSAGE'],
          shown.versions.map((version) => [
            String(version.version),
            count(version.itemCount),
            count(version.added),
            count(version.updated),
            count(version.removed),
            formatTime(version.createdAt),
            version.message ?? '',
          ]),
        ),
      );
    });

  server(
    datasets.command('import <name> <file>').description('Stream a CSV or JSONL file into a new version'),
  )
    .addOption(
      new Option('--format <format>', 'file format (default: from the extension)').choices(['csv', 'jsonl']),
    )
    .option('--input <columns>', 'CSV: input column, or comma-separated columns for an object input', 'input')
    .option('--expected <column>', 'CSV: expected-output column (default: expected_output if present)')
    .option('--metadata <columns>', 'CSV: comma-separated columns to keep as metadata')
    .option('--split <column>', 'CSV: split column (default: split if present)')
    .option('--id <column>', 'CSV: item id column (default: id if present)')
    .option('-m, --message <text>', 'what this version adds')
    .addHelpText(
      'after',
      '\nExamples:\n  sextant datasets import qa questions.csv --input question,context --expected answer --metadata source\n' +
        '  sextant datasets import qa items.jsonl   # lines of {"input":..., "expectedOutput":..., "split":...}',
    )
    .action(async (name: string, file: string, options: ServerOptions & ImportOptions) => {
      const format = options.format ?? formatFromExtension(file);
      const query = new URLSearchParams({ format });
      for (const key of ['input', 'expected', 'metadata', 'split', 'id', 'message'] as const) {
        const value = options[key];
        if (value !== undefined) query.set(key, value);
      }
      const started = performance.now();
      let lastPrinted = 0;
      const progress = (rows: number, final = false) => {
        const now = performance.now();
        if (!final && now - lastPrinted < 250) return;
        lastPrinted = now;
        const rate = Math.round(rows / Math.max((now - started) / 1000, 1e-3));
        process.stderr.write(
          `\rimporting ${name}: ${count(rows)} rows (${count(rate)} rows/s)${final ? '\n' : ''}`,
        );
      };
      const answer = await uploadDatasetFile({
        url: options.url,
        apiKey: options.apiKey,
        path: `${datasetPath(name, 'import')}?${query}`,
        file,
        format,
        onProgress: (rows) => progress(rows),
      });
      progress(answer.rows, true);
      print(
        `imported ${count(answer.rows)} rows into ${name} version ${answer.version.version} ` +
          `(${count(answer.version.itemCount)} items) in ${answer.seconds.toFixed(2)} s, ${count(answer.rowsPerSecond)} rows/s`,
      );
    });

  server(
    datasets
      .command('export <name[@version]>')
      .description('Stream a version (default: the newest) as JSONL or CSV'),
  )
    .addOption(new Option('--format <format>', 'file format').choices(['jsonl', 'csv']).default('jsonl'))
    .option('--split <split>', 'only this split')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (reference: string, options: ServerOptions & ExportOptions) => {
      const { name, version } = parseReference(reference);
      const query = new URLSearchParams({ format: options.format });
      if (version) query.set('version', version);
      if (options.split) query.set('split', options.split);
      const route = `${datasetPath(name, 'export')}?${query}`;
      if (!options.output) {
        return downloadTo(options.url, options.apiKey, route, (chunk) =>
          process.stdout.write(Buffer.from(chunk))
            ? undefined
            : new Promise<void>((resolve) => process.stdout.once('drain', () => resolve())),
        );
      }
      const out = fs.createWriteStream(options.output);
      try {
        await downloadTo(options.url, options.apiKey, route, (chunk) =>
          out.write(chunk) ? undefined : new Promise<void>((resolve) => out.once('drain', () => resolve())),
        );
      } finally {
        await new Promise<void>((resolve) => out.end(resolve));
      }
      process.stderr.write(`wrote ${options.output}\n`);
    });

  server(
    datasets
      .command('add-from-trace <name> <traceId>')
      .description("Add a trace's input and output as an item"),
  )
    .option('--span-id <id>', 'take this span instead of the root span')
    .option('--expected <value>', 'expected output instead of the span output (JSON, or text)')
    .option('--split <split>', 'split of the new item')
    .option('--id <id>', 'item id (default: generated)')
    .addOption(jsonOption())
    .action(async (name: string, traceId: string, options: ServerOptions & FromTraceOptions) => {
      const api = createApiRequest(options.url, options.apiKey);
      const added = await api<{ version: VersionJson; item: ItemJson }>(
        'POST',
        datasetPath(name, 'items', 'from-trace'),
        {
          traceId,
          spanId: options.spanId,
          id: options.id,
          split: options.split,
          expectedOutput: options.expected === undefined ? undefined : jsonOrText(options.expected),
        },
      );
      if (options.json) return print(JSON.stringify(added, null, 2));
      print(
        `added item ${added.item.id} to ${name} version ${added.version.version}\n` +
          `  input:    ${preview(added.item.input)}\n  expected: ${preview(added.item.expectedOutput)}`,
      );
    });

  server(
    datasets.command('items <name[@version]>').description('List items of a version (default: the newest)'),
  )
    .option('--split <split>', 'only this split')
    .option('--limit <n>', 'items per page (1-1000)', '20')
    .option('--cursor <cursor>', 'nextCursor of a previous page')
    .addOption(jsonOption())
    .action(async (reference: string, options: ServerOptions & ItemsOptions) => {
      const { name, version } = parseReference(reference);
      const api = createApiRequest(options.url, options.apiKey);
      const query = new URLSearchParams({ limit: options.limit });
      if (version) query.set('version', version);
      if (options.split) query.set('split', options.split);
      if (options.cursor) query.set('cursor', options.cursor);
      const page = await api<{ version: number; items: ItemJson[]; nextCursor: string | null }>(
        'GET',
        `${datasetPath(name, 'items')}?${query}`,
      );
      if (options.json) return print(JSON.stringify(page, null, 2));
      print(
        formatTable(
          ['ID', 'SPLIT', 'INPUT', 'EXPECTED'],
          page.items.map((item) => [
            item.id,
            item.split ?? '',
            preview(item.input),
            preview(item.expectedOutput),
          ]),
        ),
      );
      if (page.nextCursor) print(`\nmore: --cursor ${page.nextCursor}`);
    });
}

interface ImportOptions {
  format?: 'csv' | 'jsonl';
  input?: string;
  expected?: string;
  metadata?: string;
  split?: string;
  id?: string;
  message?: string;
}
interface ExportOptions {
  format: 'csv' | 'jsonl';
  split?: string;
  output?: string;
}
interface FromTraceOptions {
  spanId?: string;
  expected?: string;
  split?: string;
  id?: string;
}
interface ItemsOptions {
  split?: string;
  limit: string;
  cursor?: string;
}

function formatFromExtension(file: string): 'csv' | 'jsonl' {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  throw new SextantError(
    'bad_request',
    `cannot tell the format of '${file}' from its extension; pass --format csv or jsonl`,
  );
}

/** `qa` (the newest version) or `qa@3`, as prompts are referenced. */
function parseReference(reference: string): { name: string; version?: string } {
  const [name = '', version, ...rest] = reference.split('@');
  if (rest.length > 0 || (version !== undefined && !/^[1-9]\d*$/.test(version))) {
    throw new SextantError('bad_request', `'${reference}' is not NAME or NAME@VERSION (e.g. qa@3)`);
  }
  return { name, version };
}

function jsonOrText(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
