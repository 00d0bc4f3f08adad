import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { SpanTreeNode } from '../api/types';
import { formatDuration } from '../format/format-values';
import { flattenSpanTree, type SpanRow, traceBounds } from './flatten-span-tree';
import { styleOf } from './span-kind-style';

/**
 * The span tree beside a waterfall timeline. Focus it and use ↑/↓ (or j/k) to move, ← to collapse or go
 * to the parent, → to expand or go to the first child.
 */
export function SpanTreeView({
  tree,
  selectedId,
  onSelect,
}: {
  tree: SpanTreeNode[];
  selectedId: string | null;
  onSelect: (spanId: string) => void;
}) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => flattenSpanTree(tree, collapsed), [tree, collapsed]);
  const bounds = useMemo(() => traceBounds(rows.map((row) => row.span)), [rows]);
  const container = useRef<HTMLDivElement>(null);
  const index = rows.findIndex((row) => row.span.spanId === selectedId);

  useEffect(() => {
    container.current?.focus({ preventScroll: true });
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the selection moves, to keep it in view
  useEffect(() => {
    container.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  const toggle = (spanId: string, expand?: boolean) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (expand ?? next.has(spanId)) next.delete(spanId);
      else next.add(spanId);
      return next;
    });

  const onKeyDown = (event: KeyboardEvent) => {
    const row = rows[index];
    const move = (target: SpanRow | undefined) => {
      event.preventDefault();
      if (target) onSelect(target.span.spanId);
    };
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        return move(rows[Math.min(rows.length - 1, index + 1)]);
      case 'ArrowUp':
      case 'k':
        return move(rows[Math.max(0, index - 1)]);
      case 'Home':
        return move(rows[0]);
      case 'End':
        return move(rows[rows.length - 1]);
      case 'ArrowLeft':
        if (!row) return;
        event.preventDefault();
        if (row.childCount > 0 && row.expanded) toggle(row.span.spanId, false);
        else return move(rows.find((candidate) => candidate.span.spanId === row.parentSpanId));
        return;
      case 'ArrowRight':
        if (!row || row.childCount === 0) return;
        event.preventDefault();
        if (!row.expanded) toggle(row.span.spanId, true);
        else return move(rows[index + 1]);
        return;
    }
  };

  const total = bounds.endUs - bounds.startUs;
  return (
    <div
      ref={container}
      role="tree"
      aria-label="Spans"
      aria-activedescendant={selectedId ? `span-row-${selectedId}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      className="group min-w-0 text-sm outline-none"
    >
      <div className="sticky top-0 z-10 flex border-slate-200 border-b bg-slate-100 text-slate-500 text-xs">
        <div className="w-[42%] shrink-0 px-2 py-1">Span</div>
        <div className="relative flex-1 py-1">
          {[0, 0.25, 0.5, 0.75].map((fraction) => (
            <span key={fraction} className="absolute" style={{ left: `${fraction * 100}%` }}>
              {fraction === 0 ? '0' : formatDuration((total * fraction) / 1000)}
            </span>
          ))}
          <span className="absolute right-2">{formatDuration(total / 1000)}</span>
        </div>
      </div>
      {rows.map((row) => (
        <SpanRowView
          key={row.span.spanId}
          row={row}
          startUs={bounds.startUs}
          totalUs={total}
          selected={row.span.spanId === selectedId}
          onSelect={onSelect}
          onToggle={toggle}
        />
      ))}
    </div>
  );
}

function SpanRowView({
  row,
  startUs,
  totalUs,
  selected,
  onSelect,
  onToggle,
}: {
  row: SpanRow;
  startUs: number;
  totalUs: number;
  selected: boolean;
  onSelect: (spanId: string) => void;
  onToggle: (spanId: string) => void;
}) {
  const { span } = row;
  const left = ((span.startTimeUs - startUs) / totalUs) * 100;
  const width = Math.max(((span.endTimeUs - span.startTimeUs) / totalUs) * 100, 0.15);
  const error = span.status === 'error';
  const style = styleOf(span.kind);
  const labelInside = width > 30;
  const labelOnLeft = left + width > 75;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the tree, which holds the focus
    <div
      role="treeitem"
      id={`span-row-${span.spanId}`}
      tabIndex={-1}
      aria-selected={selected}
      aria-level={row.depth + 1}
      aria-expanded={row.childCount > 0 ? row.expanded : undefined}
      data-span-id={span.spanId}
      onClick={() => onSelect(span.spanId)}
      className={`flex h-7 cursor-pointer items-center border-slate-100 border-b ${
        selected ? 'bg-indigo-50 group-focus-within:bg-indigo-100' : 'hover:bg-slate-50'
      }`}
    >
      <div
        className="flex w-[42%] shrink-0 items-center gap-1 pr-2"
        style={{ paddingLeft: 6 + row.depth * 14 }}
      >
        {row.childCount > 0 ? (
          <button
            type="button"
            tabIndex={-1}
            aria-label={row.expanded ? 'Collapse' : 'Expand'}
            onClick={(event) => {
              event.stopPropagation();
              onToggle(span.spanId);
            }}
            className="w-4 shrink-0 text-slate-400 text-xs hover:text-slate-700"
          >
            {row.expanded ? '▾' : '▸'}
          </button>
        ) : (
          <span className="w-4 shrink-0" />
        )}
        <span className={`shrink-0 rounded px-1 text-[10px] uppercase ${style.badge}`}>{span.kind}</span>
        <span className={`truncate ${error ? 'text-red-700' : ''}`} title={span.name}>
          {span.name}
        </span>
        {error && (
          <span title="error" className="shrink-0 text-red-600 text-xs">
            ● <span className="sr-only">error</span>
          </span>
        )}
      </div>
      <div className="relative h-full flex-1">
        <div
          data-testid="waterfall-bar"
          className={`absolute top-1.5 h-4 rounded-sm ${error ? 'bg-red-500' : style.bar}`}
          style={{ left: `${left}%`, width: `${width}%`, minWidth: 2 }}
          title={`${span.name}: ${formatDuration((span.endTimeUs - span.startTimeUs) / 1000)}`}
        />
        <span
          className={`absolute top-1.5 whitespace-nowrap text-xs leading-4 ${labelInside ? 'text-white' : 'text-slate-600'}`}
          style={
            labelInside
              ? { right: `${100 - left - width}%`, paddingRight: 4 }
              : labelOnLeft
                ? { right: `${100 - left}%`, paddingRight: 4 }
                : { left: `${left + width}%`, paddingLeft: 4 }
          }
        >
          {formatDuration((span.endTimeUs - span.startTimeUs) / 1000)}
        </span>
      </div>
    </div>
  );
}
