import type { CanonicalSpan, SpanTreeNode } from '../api/types';

/** One visible row of the span tree. */
export interface SpanRow {
  span: CanonicalSpan;
  depth: number;
  parentSpanId: string | null;
  childCount: number;
  expanded: boolean;
}

/** The rows shown for `tree`, depth first in start order, skipping the children of collapsed spans. */
export function flattenSpanTree(tree: readonly SpanTreeNode[], collapsed: ReadonlySet<string>): SpanRow[] {
  const rows: SpanRow[] = [];
  // An explicit stack, not recursion: agent traces can nest deeply.
  const stack: { node: SpanTreeNode; depth: number; parentSpanId: string | null }[] = [];
  for (let index = tree.length - 1; index >= 0; index--)
    stack.push({ node: tree[index]!, depth: 0, parentSpanId: null });
  while (stack.length > 0) {
    const { node, depth, parentSpanId } = stack.pop()!;
    const expanded = !collapsed.has(node.span.spanId);
    rows.push({ span: node.span, depth, parentSpanId, childCount: node.children.length, expanded });
    if (!expanded) continue;
    for (let index = node.children.length - 1; index >= 0; index--)
      stack.push({ node: node.children[index]!, depth: depth + 1, parentSpanId: node.span.spanId });
  }
  return rows;
}

/** Every span of the tree, for lookups by id. */
export function indexSpans(tree: readonly SpanTreeNode[]): Map<string, CanonicalSpan> {
  const spans = new Map<string, CanonicalSpan>();
  const stack = [...tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    spans.set(node.span.spanId, node.span);
    stack.push(...node.children);
  }
  return spans;
}

/** The time span covered by all spans of the tree, in microseconds. */
export function traceBounds(spans: Iterable<CanonicalSpan>): { startUs: number; endUs: number } {
  let startUs = Number.POSITIVE_INFINITY;
  let endUs = Number.NEGATIVE_INFINITY;
  for (const span of spans) {
    startUs = Math.min(startUs, span.startTimeUs);
    endUs = Math.max(endUs, span.endTimeUs);
  }
  if (!Number.isFinite(startUs)) return { startUs: 0, endUs: 1 };
  return { startUs, endUs: Math.max(endUs, startUs + 1) };
}
