import { Link } from 'wouter';
import type { TraceSummary } from '../api/types';
import { formatAgo, formatCost, formatCount, formatDuration, formatTimeUs } from '../format/format-values';
import { nextSort, type SortField } from './trace-list-query';

interface Sort {
  sort: SortField;
  order: 'asc' | 'desc';
}

/** The trace list as a dense table with sortable headers; `selected` is the keyboard cursor. */
export function TraceTable({
  traces,
  sort,
  onSort,
  selected,
  onOpen,
  arrived,
}: {
  traces: TraceSummary[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  selected: number;
  onOpen: (traceId: string) => void;
  arrived: ReadonlySet<string>;
}) {
  const header = (field: SortField, label: string, align: 'left' | 'right' = 'left') => {
    const active = sort.sort === field;
    return (
      <th
        scope="col"
        aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'}
        className={`px-2 py-1.5 font-medium ${align === 'right' ? 'text-right' : 'text-left'}`}
      >
        <button
          type="button"
          onClick={() => onSort(nextSort(sort, field))}
          className={`inline-flex items-center gap-1 hover:text-slate-900 ${active ? 'text-slate-900' : ''}`}
        >
          {label}
          <span aria-hidden className="w-2 text-[10px]">
            {active ? (sort.order === 'asc' ? '▲' : '▼') : ''}
          </span>
        </button>
      </th>
    );
  };
  return (
    <table className="w-full border-collapse text-sm">
      <thead className="sticky top-0 z-10 bg-slate-100 text-slate-600 text-xs">
        <tr>
          {header('status', 'Status')}
          {header('time', 'Started')}
          {header('name', 'Name')}
          <th scope="col" className="px-2 py-1.5 text-left font-medium">
            Input → output
          </th>
          <th scope="col" className="px-2 py-1.5 text-left font-medium">
            Models
          </th>
          <th scope="col" className="px-2 py-1.5 text-right font-medium">
            Spans
          </th>
          {header('latency', 'Latency', 'right')}
          {header('tokens', 'Tokens', 'right')}
          {header('cost', 'Cost', 'right')}
          <th scope="col" className="min-w-52 px-2 py-1.5 text-left font-medium">
            Session · user · tags
          </th>
        </tr>
      </thead>
      <tbody>
        {traces.map((trace, index) => (
          <TraceRow
            key={trace.traceId}
            trace={trace}
            selected={index === selected}
            fresh={arrived.has(trace.traceId)}
            onOpen={onOpen}
          />
        ))}
      </tbody>
    </table>
  );
}

function TraceRow({
  trace,
  selected,
  fresh,
  onOpen,
}: {
  trace: TraceSummary;
  selected: boolean;
  fresh: boolean;
  onOpen: (traceId: string) => void;
}) {
  const startMs = trace.startTimeUs / 1000;
  return (
    // Rows are reached with j/k and opened with Enter at the list level; the name is also a link.
    <tr
      data-trace-id={trace.traceId}
      aria-selected={selected}
      onClick={(event) => {
        if (!(event.target as HTMLElement).closest('a')) onOpen(trace.traceId);
      }}
      className={`cursor-pointer border-slate-100 border-b ${
        selected ? 'bg-indigo-50 outline outline-1 outline-indigo-300' : 'hover:bg-slate-50'
      } ${fresh ? 'animate-[arrive_1.5s_ease-out]' : ''}`}
    >
      <td className="whitespace-nowrap px-2 py-1">
        <StatusBadge status={trace.status} errorCount={trace.errorCount} />
      </td>
      <td className="whitespace-nowrap px-2 py-1 text-slate-600" title={formatAgo(startMs)}>
        {formatTimeUs(trace.startTimeUs)}
      </td>
      <td className="max-w-56 px-2 py-1">
        <Link
          href={`/traces/${trace.traceId}`}
          className="block truncate font-medium text-slate-900 hover:underline"
        >
          {trace.name}
        </Link>
        {trace.serviceName && <div className="truncate text-slate-400 text-xs">{trace.serviceName}</div>}
      </td>
      <td className="w-full max-w-0 px-2 py-1 text-slate-600">
        <div className="truncate" title={trace.inputPreview ?? undefined}>
          {trace.inputPreview ?? <span className="text-slate-300">no input</span>}
        </div>
        <div className="truncate text-slate-400" title={trace.outputPreview ?? undefined}>
          → {trace.outputPreview ?? <span className="text-slate-300">no output</span>}
        </div>
      </td>
      <td className="max-w-40 truncate px-2 py-1 text-slate-600 text-xs">{trace.models.join(', ') || '–'}</td>
      <td className="px-2 py-1 text-right text-slate-600">{trace.spanCount}</td>
      <td className="whitespace-nowrap px-2 py-1 text-right">{formatDuration(trace.durationMs)}</td>
      <td
        className="whitespace-nowrap px-2 py-1 text-right"
        title={`${trace.inputTokens} in · ${trace.outputTokens} out`}
      >
        {formatCount(trace.totalTokens)}
      </td>
      <td className="whitespace-nowrap px-2 py-1 text-right">{formatCost(trace.cost)}</td>
      <td className="min-w-52 px-2 py-1 text-xs">
        <div className="flex flex-wrap gap-1">
          {trace.sessionId && (
            <Link
              href={`/sessions/${encodeURIComponent(trace.sessionId)}`}
              className="truncate rounded bg-sky-50 px-1 text-sky-800 hover:underline"
              title={`Session ${trace.sessionId}`}
            >
              {trace.sessionId}
            </Link>
          )}
          {trace.userId && (
            <span className="truncate rounded bg-slate-100 px-1 text-slate-700">{trace.userId}</span>
          )}
          {trace.tags.map((tag) => (
            <span key={tag} className="rounded bg-amber-50 px-1 text-amber-800">
              {tag}
            </span>
          ))}
        </div>
      </td>
    </tr>
  );
}

/** A coloured dot and word for a trace or span status. */
export function StatusBadge({ status, errorCount }: { status: string; errorCount?: number }) {
  const error = status === 'error';
  return (
    <span className={`inline-flex items-center gap-1 text-xs ${error ? 'text-red-700' : 'text-emerald-700'}`}>
      <span
        aria-hidden
        className={`inline-block size-2 rounded-full ${error ? 'bg-red-500' : 'bg-emerald-500'}`}
      />
      {error
        ? errorCount && errorCount > 1
          ? `${errorCount} errors`
          : 'error'
        : status === 'unset'
          ? 'unset'
          : 'ok'}
    </span>
  );
}
