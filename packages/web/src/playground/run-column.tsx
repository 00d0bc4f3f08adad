import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { formatCost, formatCount, formatDuration } from '../format/format-values';
import type { ModelRun } from './use-model-runs';

const statusStyle: Record<ModelRun['status'], string> = {
  streaming: 'text-indigo-700',
  done: 'text-emerald-700',
  error: 'text-red-700',
  stopped: 'text-slate-500',
};

/** One model's answer as it streams in, with time to first token, latency, tokens and cost. */
export function RunColumn({ run, onRemove }: { run: ModelRun; onRemove: () => void }) {
  const inputTokens = run.span?.inputTokens ?? run.usage?.promptTokens ?? null;
  const outputTokens = run.span?.outputTokens ?? run.usage?.completionTokens ?? null;
  const spanCost = run.span?.cost ?? null;
  return (
    <section
      aria-label={`Run of ${run.model}`}
      data-testid="model-run"
      data-model={run.model}
      data-status={run.status}
      className="flex min-w-0 flex-col rounded border border-slate-200 bg-white"
    >
      <header className="flex items-center gap-2 border-slate-100 border-b px-3 py-1.5">
        <code className="truncate font-medium text-sm" title={run.model}>
          {run.model}
        </code>
        <span className={`text-xs ${statusStyle[run.status]}`} data-testid="run-status">
          {run.status === 'streaming' ? '● streaming' : run.status}
        </span>
        <button
          type="button"
          aria-label={`Remove ${run.model}`}
          onClick={onRemove}
          className="ml-auto text-slate-400 hover:text-slate-700"
        >
          ×
        </button>
      </header>
      <div className="min-h-32 flex-1 overflow-auto px-3 py-2">
        {run.error ? (
          <div role="alert" className="text-red-800 text-sm">
            <p>{run.error}</p>
            {/credential/i.test(run.error) && (
              <Link href="/models/providers" className="mt-1 inline-block text-indigo-700 hover:underline">
                Store a provider key →
              </Link>
            )}
          </div>
        ) : (
          <pre
            className="whitespace-pre-wrap break-words font-sans text-sm leading-relaxed"
            data-testid="run-output"
          >
            {run.text}
            {run.status === 'streaming' && <span className="animate-pulse text-indigo-400">▍</span>}
          </pre>
        )}
      </div>
      <dl
        className="grid grid-cols-3 gap-x-3 gap-y-1 border-slate-100 border-t px-3 py-2 text-xs"
        data-testid="run-figures"
      >
        <Figure label="First token">{formatDuration(run.firstTokenMs)}</Figure>
        <Figure label="Latency">{formatDuration(run.latencyMs)}</Figure>
        <Figure label="Tokens">
          {inputTokens === null ? '–' : `${formatCount(inputTokens)} in · ${formatCount(outputTokens)} out`}
        </Figure>
        <Figure label="Cost">
          {spanCost !== null ? (
            <span title="as recorded on the gateway's span">{formatCost(spanCost)}</span>
          ) : run.estimatedCost !== null ? (
            <span title="from the catalog price and the reported usage">
              ≈ {formatCost(run.estimatedCost)}
            </span>
          ) : (
            '–'
          )}
        </Figure>
        <Figure label="Trace">
          {run.status === 'done' && run.span ? (
            <Link href={`/traces/${run.traceId}`} className="text-indigo-700 hover:underline">
              open
            </Link>
          ) : (
            '–'
          )}
        </Figure>
      </dl>
    </section>
  );
}

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-slate-400">{label}</dt>
      <dd className="truncate text-slate-700">{children}</dd>
    </div>
  );
}
