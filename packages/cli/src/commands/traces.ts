import { spanKindSchema, type TracePage, type TraceSummary, traceSortFieldSchema } from '@sextant/core';
import type { SpanTreeNode } from '@sextant/server';
import { type Command, Option } from 'commander';
import { callApi } from '../api-client.js';
import { apiKeyOption, jsonOption, urlOption } from '../options.js';
import { formatCost, formatDuration, formatTable, truncate } from '../output/format-table.js';
import { formatTrace } from '../output/format-trace.js';
import { print } from './projects.js';

interface ListOptions {
  url: string;
  apiKey?: string;
  json?: boolean;
  [filter: string]: string | boolean | undefined;
}

const filterNames = [
  'from',
  'to',
  'name',
  'kind',
  'model',
  'status',
  'sessionId',
  'userId',
  'tags',
  'q',
  'sort',
  'order',
  'limit',
  'cursor',
];

export function registerTraceCommands(program: Command) {
  const traces = program.command('traces').description('Read traces from a running Sextant server');

  traces
    .command('list')
    .description('List recent traces, newest first')
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .option('--from <time>', 'only traces started at or after this ISO time')
    .option('--to <time>', 'only traces started before this ISO time')
    .option('--name <name>', 'root span name')
    .addOption(new Option('--kind <kind>', 'contains a span of this kind').choices(spanKindSchema.options))
    .option('--model <model>', 'contains a span that used this model')
    .addOption(new Option('--status <status>', 'trace status').choices(['ok', 'error']))
    .option('--session-id <id>', 'conversation id')
    .option('--user-id <id>', 'user id')
    .option('--tags <tags>', 'comma-separated tags, all required')
    .option('-q, --q <text>', 'full-text search in inputs and outputs')
    .addOption(new Option('--sort <field>', 'sort by').choices(traceSortFieldSchema.options).default('time'))
    .addOption(new Option('--order <order>', 'sort order').choices(['asc', 'desc']).default('desc'))
    .option('--limit <n>', 'rows per page (1-500)', '20')
    .option('--cursor <cursor>', 'nextCursor of a previous page')
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n  sextant traces list --status error --limit 10\n  sextant traces list -q "refund policy" --sort latency',
    )
    .action(async (options: ListOptions) => {
      const params = new URLSearchParams();
      for (const name of filterNames) {
        const value = options[name];
        if (typeof value === 'string') params.set(name, value);
      }
      const page = await callApi<TracePage>(options.url, options.apiKey, `/api/traces?${params}`);
      if (options.json) return print(JSON.stringify(page, null, 2));
      print(formatTraceList(page.traces));
      if (page.nextCursor) print(`\nmore: --cursor ${page.nextCursor}`);
    });

  traces
    .command('show <traceId>')
    .description('Show one trace as a span tree')
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .addOption(jsonOption())
    .action(async (traceId: string, options: { url: string; apiKey?: string; json?: boolean }) => {
      const detail = await callApi<{ trace: TraceSummary; tree: SpanTreeNode[] }>(
        options.url,
        options.apiKey,
        `/api/traces/${encodeURIComponent(traceId)}`,
      );
      print(options.json ? JSON.stringify(detail, null, 2) : formatTrace(detail.trace, detail.tree));
    });
}

function formatTraceList(traces: readonly TraceSummary[]): string {
  return formatTable(
    ['STARTED', 'TRACE ID', 'NAME', 'DURATION', 'SPANS', 'TOKENS', 'COST', 'STATUS'],
    traces.map((trace) => [
      new Date(trace.startTimeUs / 1000).toISOString().replace('T', ' ').slice(0, 19),
      trace.traceId,
      truncate(trace.name, 40),
      formatDuration(trace.durationMs),
      String(trace.spanCount),
      trace.totalTokens ? String(trace.totalTokens) : '',
      formatCost(trace.cost),
      trace.status,
    ]),
  );
}
