import { type CanonicalSpan, spanContentPreview, type TraceSummary } from '@sextant/core';
import { formatCost, formatDuration, truncate } from './format-table.js';

interface Node {
  span: CanonicalSpan;
  children: Node[];
}

/** A trace as a readable tree: one line per span with its kind, model, timing, tokens and cost. */
export function formatTrace(trace: TraceSummary, tree: readonly Node[]): string {
  const header = [
    `Trace ${trace.traceId}  ${trace.name}`,
    [
      new Date(trace.startTimeUs / 1000).toISOString(),
      formatDuration(trace.durationMs),
      `${trace.spanCount} spans`,
      trace.totalTokens ? `${trace.totalTokens} tokens` : '',
      formatCost(trace.cost),
      trace.status,
    ]
      .filter(Boolean)
      .join(' · '),
  ];
  const lines: string[] = [];
  const visit = (node: Node, prefix: string, isLast: boolean, isRoot: boolean) => {
    lines.push(`${prefix}${isRoot ? '' : isLast ? '└─ ' : '├─ '}${describeSpan(node.span)}`);
    const childPrefix = isRoot ? prefix : `${prefix}${isLast ? '   ' : '│  '}`;
    for (const [index, child] of node.children.entries()) {
      visit(child, childPrefix, index === node.children.length - 1, false);
    }
  };
  for (const root of tree) visit(root, '', true, true);
  const io = [
    trace.inputPreview ? `input:  ${truncate(trace.inputPreview.replace(/\s+/g, ' '), 200)}` : '',
    trace.outputPreview ? `output: ${truncate(trace.outputPreview.replace(/\s+/g, ' '), 200)}` : '',
  ].filter(Boolean);
  return [...header, '', ...lines, ...(io.length ? ['', ...io] : [])].join('\n');
}

function describeSpan(span: CanonicalSpan): string {
  const duration = (span.endTimeUs - span.startTimeUs) / 1000;
  const parts = [`${span.name} [${span.kind}]`, formatDuration(duration)];
  if (span.model) parts.push(span.model);
  if (span.inputTokens !== null || span.outputTokens !== null) {
    parts.push(`${span.inputTokens ?? 0}→${span.outputTokens ?? 0} tokens`);
  }
  if (span.cost !== null) parts.push(formatCost(span.cost));
  if (span.documents) parts.push(`${span.documents.length} documents`);
  if (span.toolName) parts.push(`tool ${span.toolName}`);
  if (span.status === 'error') parts.push(`ERROR ${span.error?.message ?? span.statusMessage ?? ''}`.trim());
  const output = spanContentPreview(span.output, 80);
  if (output && span.kind === 'llm') parts.push(`“${output.replace(/\s+/g, ' ')}”`);
  return parts.join(' · ');
}
