import { randomUUID } from 'node:crypto';
import {
  type CanonicalSpan,
  type CsvColumns,
  type DatasetItem,
  type ParsedDatasetItemInput,
  SextantError,
  type SpanContent,
} from '@sextant/core';
import type { DatasetChanges, DatasetRecord, DatasetVersionRecord, Store } from '@sextant/store';
import { type AuditCaller, AuditLog } from './audit-log.js';
import { exportDataset } from './dataset-export.js';
import { type DatasetFileFormat, parseDatasetFile } from './dataset-import.js';

/** What `addFromTrace` takes: the trace, optionally one span of it, and edits to the proposed item. */
export interface AddFromTraceInput {
  traceId: string;
  /** Default: the trace's root span. */
  spanId?: string;
  id?: string;
  /** Replaces the span's output as the expected output. */
  expectedOutput?: unknown;
  split?: string | null;
  metadata?: Record<string, unknown>;
}

/** Datasets for the API: reads, edits, streamed import and export, and items taken from traces. */
export class DatasetService {
  private readonly audit: AuditLog;

  constructor(private readonly store: Store) {
    this.audit = new AuditLog(store);
  }

  async create(
    projectId: string,
    input: { name: string; description: string },
    caller: AuditCaller,
  ): Promise<DatasetRecord> {
    const dataset = await this.store.datasets.create(projectId, input);
    await this.audit.record(projectId, caller, {
      action: 'dataset.create',
      targetType: 'dataset',
      targetId: dataset.name,
      after: input,
    });
    return dataset;
  }

  async applyChanges(
    projectId: string,
    name: string,
    changes: DatasetChanges,
    caller: AuditCaller,
  ): Promise<DatasetVersionRecord> {
    const version = await this.store.datasets.applyChanges(projectId, name, changes);
    await this.auditVersion(projectId, name, version, caller);
    return version;
  }

  /** A new dataset version: the counts of what changed, not the items (they can be large). */
  private auditVersion(projectId: string, name: string, version: DatasetVersionRecord, caller: AuditCaller) {
    const { createdAt: _createdAt, ...summary } = version;
    return this.audit.record(projectId, caller, {
      action: 'dataset.version.create',
      targetType: 'dataset',
      targetId: `${name}@${version.version}`,
      after: summary,
    });
  }

  get datasets() {
    return this.store.datasets;
  }

  async show(projectId: string, name: string) {
    const dataset = await this.store.datasets.get(projectId, name);
    if (!dataset) {
      throw new SextantError(
        'not_found',
        `dataset '${name}' not found in this project; create it with \`sextant datasets create ${name}\``,
      );
    }
    const [versions, splits] = await Promise.all([
      this.store.datasets.listVersions(projectId, name),
      this.store.datasets.listSplits(projectId, name),
    ]);
    return { dataset, versions, splits: splits.splits };
  }

  /** Streams a CSV or JSONL upload into a new version; the version exists only if every row parsed. */
  async import(
    projectId: string,
    name: string,
    body: AsyncIterable<Uint8Array>,
    options: { format: DatasetFileFormat; columns: CsvColumns; message?: string },
    caller: AuditCaller = { apiKeyId: null },
  ): Promise<{ version: DatasetVersionRecord; rows: number; seconds: number }> {
    const started = performance.now();
    const version = await this.store.datasets.importItems(
      projectId,
      name,
      parseDatasetFile(body, options.format, options.columns),
      { message: options.message },
    );
    await this.auditVersion(projectId, name, version, caller);
    return { version, rows: version.added, seconds: (performance.now() - started) / 1000 };
  }

  async export(
    projectId: string,
    name: string,
    options: { format: DatasetFileFormat; version?: number; split?: string },
  ): Promise<ReadableStream<Uint8Array>> {
    const { dataset } = await this.show(projectId, name);
    const version = options.version ?? dataset.latestVersion;
    if (version > dataset.latestVersion) {
      throw new SextantError(
        'not_found',
        `dataset '${name}' has no version ${version}; versions: 1-${dataset.latestVersion}`,
      );
    }
    return exportDataset(this.store.datasets, projectId, name, { ...options, version });
  }

  /** Adds the root span's (or one span's) input and output as an item, linked to the trace in metadata. */
  async addFromTrace(
    projectId: string,
    name: string,
    input: AddFromTraceInput,
    caller: AuditCaller = { apiKeyId: null },
  ): Promise<{ version: DatasetVersionRecord; item: DatasetItem }> {
    const detail = await this.store.getTrace(projectId, input.traceId);
    if (!detail) {
      throw new SextantError('not_found', `trace '${input.traceId}' not found in this project`);
    }
    const span = input.spanId
      ? detail.spans.find((candidate) => candidate.spanId === input.spanId)
      : rootSpan(detail.spans);
    if (!span) {
      throw new SextantError(
        'not_found',
        `span '${input.spanId}' is not in trace '${input.traceId}'; spans: ${detail.spans.map((entry) => entry.spanId).join(', ')}`,
      );
    }
    if (span.input === null) {
      throw new SextantError(
        'bad_request',
        `span '${span.spanId}' (${span.name}) recorded no input; choose a span with an input (spanId)`,
      );
    }
    const item: ParsedDatasetItemInput = {
      id: input.id ?? randomUUID(),
      input: contentValue(span.input),
      expectedOutput: input.expectedOutput !== undefined ? input.expectedOutput : contentValue(span.output),
      metadata: {
        ...input.metadata,
        source: 'trace',
        traceId: span.traceId,
        spanId: span.spanId,
        spanName: span.name,
        model: span.model,
        promptName: span.promptName,
        promptVersion: span.promptVersion,
      },
      split: input.split,
    };
    const version = await this.applyChanges(
      projectId,
      name,
      { upsert: [item], message: `from trace ${span.traceId}` },
      caller,
    );
    const added: DatasetItem = {
      id: item.id!,
      input: item.input,
      expectedOutput: item.expectedOutput ?? null,
      metadata: item.metadata,
      split: item.split ?? null,
      version: version.version,
    };
    return { version, item: added };
  }
}

/** The span without a parent in this trace; the earliest when several (a trace missing its root). */
function rootSpan(spans: readonly CanonicalSpan[]): CanonicalSpan | undefined {
  const ids = new Set(spans.map((span) => span.spanId));
  const roots = spans.filter((span) => span.parentSpanId === null || !ids.has(span.parentSpanId));
  return roots.sort((a, b) => a.startTimeUs - b.startTimeUs)[0];
}

/** Text as a string, chat messages as an array, JSON as the value: what an evaluator compares. */
function contentValue(content: SpanContent | null): unknown {
  if (content === null) return undefined;
  if (content.type === 'text') return content.text;
  if (content.type === 'messages') return content.messages;
  return content.value;
}
