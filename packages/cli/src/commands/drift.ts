import { SextantError } from '@sextant/core';
import type { DriftReference } from '@sextant/core/drift';
import type { DriftCheckReport } from '@sextant/server';
import { type Command, Option } from 'commander';
import { apiKeyOption, jsonOption, urlOption } from '../options.js';
import { formatTable, truncate } from '../output/format-table.js';
import { createApiRequest } from '../registry-client.js';
import { print } from './projects.js';

interface ServerOptions {
  url: string;
  apiKey?: string;
  json?: boolean;
}
interface MonitorJson {
  id: string;
  name: string;
  reference: Record<string, unknown>;
  currentWindowHours: number;
  field: string;
  scheduleEveryMinutes?: number;
  createdAt: string;
}
interface ReportSummary {
  id: string;
  monitorName: string;
  createdAt: string;
  drifted: boolean;
  verdict: string;
  referenceCount: number;
  currentCount: number;
}

const api = (options: ServerOptions) => createApiRequest(options.url, options.apiKey);

/** Accepts a monitor id or its name. */
async function resolveMonitor(options: ServerOptions, monitor: string): Promise<MonitorJson> {
  const { monitors } = await api(options)<{ monitors: MonitorJson[] }>('GET', '/api/drift/monitors');
  const found = monitors.find((entry) => entry.id === monitor || entry.name === monitor);
  if (found) return found;
  throw new SextantError(
    'not_found',
    `no drift monitor '${monitor}'; monitors: ${monitors.map((entry) => entry.name).join(', ') || '(none: create one with `sextant drift create`)'}`,
  );
}

const describeReference = (reference: Record<string, unknown>) =>
  reference.type === 'dataset'
    ? `dataset ${reference.name}${reference.version ? `@${reference.version}` : ''}`
    : reference.type === 'release'
      ? `release ${reference.releaseId}, first ${reference.days} days`
      : `${reference.start} .. ${reference.end}`;

/** `--reference` as `dataset:NAME[@VERSION]`, `release:ID[:DAYS]` or `START..END` (ISO dates). */
export function parseReference(value: string): DriftReference {
  if (value.startsWith('dataset:')) {
    const [name, version] = value.slice('dataset:'.length).split('@');
    return { type: 'dataset', name: name ?? '', ...(version ? { version: Number(version) } : {}) };
  }
  if (value.startsWith('release:')) {
    const rest = value.slice('release:'.length);
    const colon = rest.lastIndexOf(':');
    const days = colon > 0 ? Number(rest.slice(colon + 1)) : Number.NaN;
    return Number.isFinite(days)
      ? { type: 'release', releaseId: rest.slice(0, colon), days }
      : { type: 'release', releaseId: rest, days: 7 };
  }
  const [start, end] = value.split('..');
  if (start && end && !Number.isNaN(Date.parse(start)) && !Number.isNaN(Date.parse(end))) {
    return { type: 'range', start: new Date(start), end: new Date(end) };
  }
  throw new SextantError(
    'bad_request',
    `--reference '${value}' is not a reference; use dataset:NAME[@VERSION], release:ID[:DAYS] or START..END (e.g. 2026-01-01..2026-01-08)`,
  );
}

const pValue = (value: number | null) => (value === null ? '-' : value < 0.001 ? '<0.001' : value.toFixed(3));
const number = (value: number | null | undefined) =>
  value === null || value === undefined ? '-' : Number(value.toPrecision(3)).toString();
const share = (value: number) => `${(100 * value).toFixed(1)}%`;

export function formatReport(report: DriftCheckReport): string {
  const lines = [
    `${report.monitorName}: ${report.drifted ? 'DRIFT' : 'no drift'} (${report.createdAt})`,
    `  ${report.verdict}`,
    `  reference: ${report.reference.description}, ${report.reference.count} texts` +
      ` | current: ${report.current.description}, ${report.current.count} texts` +
      (report.embedder
        ? ` | embeddings: ${report.reference.embedded} + ${report.current.embedded} (${report.embedder.computed} new, ${report.embedder.reused} stored)`
        : ''),
    '',
    formatTable(
      ['FEATURE', 'TEST', 'STATISTIC', 'P', 'P (HOLM)', 'EFFECT', 'DRIFT'],
      report.features.map((feature) => [
        feature.feature,
        feature.test,
        number(feature.statistic),
        pValue(feature.pValue),
        pValue(feature.adjustedPValue),
        `${feature.effectSize.name}=${number(feature.effectSize.value)}`,
        feature.drifted ? 'yes' : '',
      ]),
    ),
  ];
  if (report.topics) {
    lines.push(
      '',
      formatTable(
        ['TOPIC', 'REFERENCE', 'CURRENT', 'CHANGE', 'P (HOLM)', 'EXAMPLE (CURRENT)'],
        report.topics.clusters.map((topic) => [
          topic.label,
          share(topic.referenceShare),
          share(topic.currentShare),
          topic.change,
          pValue(topic.adjustedPValue),
          truncate(topic.currentExamples[0]?.text ?? topic.referenceExamples[0]?.text ?? '', 60),
        ]),
      ),
    );
  }
  if (report.skipped.length) {
    lines.push(
      '',
      `skipped: ${report.skipped.map((entry) => `${entry.feature} (${entry.reason})`).join('; ')}`,
    );
  }
  return lines.join('\n');
}

const collectOptions = (command: Command) => command.addOption(urlOption()).addOption(apiKeyOption());

export function registerDriftCommands(program: Command) {
  const drift = program
    .command('drift')
    .description(
      'Drift monitors: compare production inputs (or outputs) with a reference, on a schedule or now',
    );

  collectOptions(drift.command('monitors').description('List drift monitors'))
    .addOption(jsonOption())
    .action(async (options: ServerOptions) => {
      const { monitors } = await api(options)<{ monitors: MonitorJson[] }>('GET', '/api/drift/monitors');
      if (options.json) return print(JSON.stringify(monitors, null, 2));
      print(
        formatTable(
          ['ID', 'NAME', 'REFERENCE', 'CURRENT', 'FIELD', 'SCHEDULE'],
          monitors.map((monitor) => [
            monitor.id,
            monitor.name,
            describeReference(monitor.reference),
            `last ${monitor.currentWindowHours} h`,
            monitor.field,
            monitor.scheduleEveryMinutes ? `every ${monitor.scheduleEveryMinutes} min` : 'on demand',
          ]),
        ),
      );
    });

  collectOptions(
    drift
      .command('create <name>')
      .description('Create a drift monitor')
      .requiredOption('--reference <reference>', 'dataset:NAME[@VERSION], release:ID[:DAYS] or START..END')
      .option('--window-hours <hours>', 'the rolling current window', Number, 24)
      .addOption(
        new Option('--field <field>', 'what to compare').choices(['input', 'output']).default('input'),
      )
      .addOption(
        new Option('--spans <spans>', 'whole requests or model calls')
          .choices(['root', 'llm'])
          .default('root'),
      )
      .option('--release <id>', 'only traces of this release in the current window')
      .option('--every <minutes>', 'run as a scheduled check this often (minimum 5)', Number)
      .option('--sample <n>', 'texts embedded per side', Number, 750)
      .option('--clusters <k>', 'topic clusters', Number, 8)
      .addHelpText(
        'after',
        '\nExamples:\n  sextant drift create support --reference 2026-01-01..2026-01-08 --every 60\n' +
          '  sextant drift create answers --reference dataset:golden --field output\n' +
          '  sextant drift create since-v3 --reference release:bot@3:7 --window-hours 12',
      ),
  ).action(
    async (
      name: string,
      options: ServerOptions & {
        reference: string;
        windowHours: number;
        field: string;
        spans: string;
        release?: string;
        every?: number;
        sample: number;
        clusters: number;
      },
    ) => {
      const monitor = await api(options)<MonitorJson>('POST', '/api/drift/monitors', {
        name,
        reference: parseReference(options.reference),
        currentWindowHours: options.windowHours,
        field: options.field,
        spans: options.spans,
        embeddingSampleSize: options.sample,
        topicClusters: options.clusters,
        ...(options.release ? { releaseId: options.release } : {}),
        ...(options.every ? { scheduleEveryMinutes: options.every } : {}),
      });
      print(
        `created drift monitor ${monitor.id} (${monitor.name}); run it with: sextant drift run ${monitor.name}`,
      );
    },
  );

  collectOptions(
    drift
      .command('run <monitor>')
      .description('Run a drift check now (monitor id or name) and print the report'),
  )
    .addOption(jsonOption())
    .action(async (monitorName: string, options: ServerOptions) => {
      const monitor = await resolveMonitor(options, monitorName);
      if (!options.json && process.stderr.isTTY)
        process.stderr.write(`checking '${monitor.name}' (embedding may take a while)…\n`);
      const report = await api(options)<DriftCheckReport>('POST', `/api/drift/monitors/${monitor.id}/run`);
      print(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
    });

  collectOptions(drift.command('list').description('List drift reports, newest first'))
    .option('--monitor <monitor>', 'only this monitor (id or name)')
    .option('--limit <n>', 'how many', Number, 20)
    .addOption(jsonOption())
    .action(async (options: ServerOptions & { monitor?: string; limit: number }) => {
      const monitorId = options.monitor ? (await resolveMonitor(options, options.monitor)).id : undefined;
      const query = new URLSearchParams({
        limit: String(options.limit),
        ...(monitorId ? { monitorId } : {}),
      });
      const { reports } = await api(options)<{ reports: ReportSummary[] }>(
        'GET',
        `/api/drift/reports?${query}`,
      );
      if (options.json) return print(JSON.stringify(reports, null, 2));
      print(
        formatTable(
          ['REPORT', 'MONITOR', 'CREATED', 'DRIFT', 'TEXTS', 'VERDICT'],
          reports.map((report) => [
            report.id,
            report.monitorName,
            report.createdAt,
            report.drifted ? 'yes' : 'no',
            `${report.referenceCount} vs ${report.currentCount}`,
            truncate(report.verdict, 80),
          ]),
        ),
      );
    });

  collectOptions(
    drift.command('show <report>').description('Show a drift report: per-feature tests and topics'),
  )
    .addOption(jsonOption())
    .action(async (reportId: string, options: ServerOptions) => {
      const report = await api(options)<DriftCheckReport>(
        'GET',
        `/api/drift/reports/${encodeURIComponent(reportId)}`,
      );
      print(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
    });
}
