import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { CanonicalSpan } from '../api/types';
import { AddToDataset } from '../datasets/add-to-dataset';
import { formatCost, formatCount, formatDuration, formatTimeUs } from '../format/format-values';
import { AttributesView } from './attributes-view';
import { DocumentsView } from './documents-view';
import { JsonText } from './json-text';
import { promptHref, releaseHref } from './registry-links';
import { SpanContentView } from './span-content-view';
import { styleOf } from './span-kind-style';
import { StatusBadge } from './trace-table';
import { TruncatedText } from './truncated-text';

/** Everything about one span: its figures, its content for people, and its raw attributes on demand. */
export function SpanDetail({ span }: { span: CanonicalSpan }) {
  const durationMs = (span.endTimeUs - span.startTimeUs) / 1000;
  const tokens =
    span.inputTokens === null && span.outputTokens === null
      ? null
      : `${formatCount(span.inputTokens ?? 0)} in · ${formatCount(span.outputTokens ?? 0)} out`;
  return (
    <div className="space-y-4 p-4" data-testid="span-detail">
      <div>
        <div className="mb-1 flex items-center gap-2">
          <span className={`rounded px-1.5 py-0.5 text-xs uppercase ${styleOf(span.kind).badge}`}>
            {span.kind}
          </span>
          <h2 className="truncate font-semibold text-base" title={span.name}>
            {span.name}
          </h2>
          <StatusBadge status={span.status} />
          <span className="ml-auto">
            <AddToDataset traceId={span.traceId} spanId={span.spanId} label="Add span to dataset" />
          </span>
        </div>
        <dl className="grid grid-cols-[repeat(auto-fill,minmax(9rem,1fr))] gap-x-4 gap-y-1 text-sm">
          <Figure label="Latency">{formatDuration(durationMs)}</Figure>
          <Figure label="Model">{span.model ?? '–'}</Figure>
          {span.provider && <Figure label="Provider">{span.provider}</Figure>}
          <Figure label="Tokens">{tokens ?? '–'}</Figure>
          <Figure label="Cost">{formatCost(span.cost)}</Figure>
          <Figure label="Started">{formatTimeUs(span.startTimeUs)}</Figure>
          {span.promptName && (
            <Figure label="Prompt">
              <Link
                href={promptHref(span.promptName, span.promptVersion)}
                className="text-indigo-700 hover:underline"
                data-testid="span-prompt-link"
              >
                {span.promptName}
                {span.promptVersion ? ` v${span.promptVersion}` : ''}
              </Link>
            </Figure>
          )}
          {span.releaseId && (
            <Figure label="Release">
              <Link href={releaseHref(span.releaseId)} className="text-indigo-700 hover:underline">
                {span.releaseId}
              </Link>
            </Figure>
          )}
          {span.agentName && <Figure label="Agent">{span.agentName}</Figure>}
        </dl>
      </div>
      {span.error && (
        <Section title="Error">
          <div
            role="note"
            className="rounded border border-red-200 bg-red-50 px-3 py-2"
            data-testid="span-error"
          >
            <p className="font-medium text-red-800 text-sm">
              {span.error.type ? `${span.error.type}: ` : ''}
              {span.error.message}
            </p>
            {span.error.stack && (
              <TruncatedText
                text={span.error.stack}
                className="mt-2 text-red-900 [&_pre]:font-mono [&_pre]:text-xs"
              />
            )}
          </div>
        </Section>
      )}
      {span.toolName !== null && (span.toolArgs !== null || span.toolResult !== null) && (
        <Section title={`Tool: ${span.toolName}`}>
          <div
            className="space-y-2 rounded border border-amber-200 bg-white px-3 py-2"
            data-testid="tool-span"
          >
            {span.toolArgs !== null && (
              <div>
                <div className="mb-1 text-slate-500 text-xs">Arguments</div>
                <JsonText text={span.toolArgs} />
              </div>
            )}
            {span.toolResult !== null && (
              <div>
                <div className="mb-1 text-slate-500 text-xs">Result</div>
                <JsonText text={span.toolResult} expectJson={false} />
              </div>
            )}
          </div>
        </Section>
      )}
      {span.input && (
        <Section title="Input">
          <SpanContentView content={span.input} />
        </Section>
      )}
      {span.documents && span.documents.length > 0 && (
        <Section title={`Retrieved documents (${span.documents.length})`}>
          <DocumentsView documents={span.documents} />
        </Section>
      )}
      {span.output && (
        <Section title="Output">
          <SpanContentView content={span.output} />
        </Section>
      )}
      <div className="space-y-2">
        <AttributesView title="Span attributes" attributes={span.rawAttributes} />
        <AttributesView title="Resource attributes" attributes={span.resourceAttributes} />
        <p className="font-mono text-[11px] text-slate-400">
          span {span.spanId}
          {span.parentSpanId ? ` · parent ${span.parentSpanId}` : ''}
          {span.scopeName ? ` · scope ${span.scopeName}` : ''}
        </p>
      </div>
    </div>
  );
}

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-slate-500 text-xs">{label}</dt>
      <dd className="truncate">{children}</dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h3 className="mb-1.5 font-semibold text-slate-500 text-xs uppercase tracking-wide">{title}</h3>
      {children}
    </section>
  );
}
