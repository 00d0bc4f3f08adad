import {
  buildSpanTree,
  type CanonicalSpan,
  type Score,
  type SessionPage,
  type SessionQuery,
  type TracePage,
  type TraceQuery,
  type TraceSummary,
  traceQuerySchema,
} from '@sextant/core';
import type { Store } from '@sextant/store';

export interface SpanTreeNode {
  span: CanonicalSpan;
  children: SpanTreeNode[];
}

/** Reads traces for the API, the CLI and the console. */
export class TraceService {
  constructor(private readonly store: Store) {}

  listTraces(projectId: string, query: TraceQuery): Promise<TracePage> {
    return this.store.listTraces(projectId, query);
  }

  async getTrace(
    projectId: string,
    traceId: string,
  ): Promise<{ trace: TraceSummary; tree: SpanTreeNode[]; scores: Score[] } | null> {
    const detail = await this.store.getTrace(projectId, traceId);
    if (!detail) return null;
    const scores = await this.store.scores.listScores(projectId, { traceIds: [traceId], limit: 10_000 });
    const strip = (node: ReturnType<typeof buildSpanTree>[number]): SpanTreeNode => ({
      span: node.span,
      children: node.children.map(strip),
    });
    return { trace: detail.trace, tree: buildSpanTree(detail.spans).map(strip), scores };
  }

  /** Conversations with their totals, newest activity first. */
  listSessions(projectId: string, query: SessionQuery): Promise<SessionPage> {
    return this.store.listSessions(projectId, query);
  }

  /** A conversation's traces in order; at most 500, which is far beyond one conversation. */
  sessionTraces(projectId: string, sessionId: string): Promise<TracePage> {
    return this.store.listTraces(
      projectId,
      traceQuerySchema.parse({ sessionId, sort: 'time', order: 'asc', limit: 500 }),
    );
  }
}
