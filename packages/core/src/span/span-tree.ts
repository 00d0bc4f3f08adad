import type { CanonicalSpan } from './canonical-span.js';

/** A span with its children, ordered by start time. */
export interface SpanNode {
  span: CanonicalSpan;
  depth: number;
  children: SpanNode[];
}

/**
 * Arranges a trace's spans into trees. Spans whose parent never arrived become roots,
 * so a partially received trace still renders.
 */
export function buildSpanTree(spans: readonly CanonicalSpan[]): SpanNode[] {
  const nodes = new Map<string, SpanNode>();
  for (const span of spans) nodes.set(span.spanId, { span, depth: 0, children: [] });
  const roots: SpanNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.span.parentSpanId ? nodes.get(node.span.parentSpanId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const byStart = (a: SpanNode, b: SpanNode) => a.span.startTimeUs - b.span.startTimeUs;
  const visit = (list: SpanNode[], depth: number) => {
    list.sort(byStart);
    for (const node of list) {
      node.depth = depth;
      visit(node.children, depth + 1);
    }
  };
  visit(roots, 0);
  return roots;
}
