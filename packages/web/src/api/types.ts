// Response shapes of the Sextant REST API (see /api/openapi.json). Declared here rather than imported
// from @sextant/core so the console bundle never pulls in server-side code.

export type SpanKind = 'llm' | 'embedding' | 'retrieval' | 'tool' | 'agent' | 'chain' | 'guardrail' | 'other';
export const spanKinds: readonly SpanKind[] = [
  'llm',
  'embedding',
  'retrieval',
  'tool',
  'agent',
  'chain',
  'guardrail',
  'other',
];

export interface Project {
  id: string;
  name: string;
  createdAt: string;
}

/** One row of the trace list: the root span plus totals rolled up over all spans. Times in µs. */
export interface TraceSummary {
  traceId: string;
  name: string;
  startTimeUs: number;
  endTimeUs: number;
  durationMs: number;
  status: 'ok' | 'error';
  spanCount: number;
  errorCount: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** US dollars; null when unknown. */
  cost: number | null;
  sessionId: string | null;
  userId: string | null;
  releaseId: string | null;
  tags: string[];
  models: string[];
  serviceName: string | null;
  inputPreview: string | null;
  outputPreview: string | null;
}

export interface TracePage {
  traces: TraceSummary[];
  nextCursor: string | null;
}

export interface ToolCall {
  id?: string;
  name: string;
  /** As the model produced them: usually a JSON string, sometimes not valid JSON. */
  arguments: string;
}

export interface ChatMessage {
  role: string;
  content: string | null;
  toolCalls?: ToolCall[];
  toolCallId?: string;
  name?: string;
}

export type SpanContent =
  | { type: 'messages'; messages: ChatMessage[] }
  | { type: 'text'; text: string }
  | { type: 'json'; value: unknown };

export interface RetrievedDocument {
  id?: string;
  content: string;
  score?: number;
  metadata?: Record<string, unknown>;
}

export interface SpanError {
  type?: string;
  message: string;
  stack?: string;
}

/** Sextant's canonical span. Times are microseconds since the Unix epoch. */
export interface CanonicalSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: SpanKind;
  startTimeUs: number;
  endTimeUs: number;
  status: 'unset' | 'ok' | 'error';
  statusMessage: string | null;
  error: SpanError | null;
  serviceName: string | null;
  operation: string | null;
  model: string | null;
  provider: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  cost: number | null;
  input: SpanContent | null;
  output: SpanContent | null;
  documents: RetrievedDocument[] | null;
  toolName: string | null;
  toolCallId: string | null;
  toolArgs: string | null;
  toolResult: string | null;
  agentName: string | null;
  sessionId: string | null;
  userId: string | null;
  promptName: string | null;
  promptVersion: string | null;
  releaseId: string | null;
  tags: string[];
  rawAttributes: Record<string, unknown>;
  resourceAttributes: Record<string, unknown>;
  scopeName: string | null;
}

export interface SpanTreeNode {
  span: CanonicalSpan;
  children: SpanTreeNode[];
}

export interface TraceDetail {
  trace: TraceSummary;
  tree: SpanTreeNode[];
  /** Scores of the trace from experiments, online rules, people and API callers. */
  scores?: TraceScore[];
}

/** One score of a trace, as the API answers it. */
export interface TraceScore {
  id: string;
  name: string;
  value: number;
  label?: string;
  passed?: boolean;
  comment?: string;
  explanation?: string;
  source: 'experiment' | 'online' | 'human' | 'api';
  author?: string;
  evaluatorName?: string;
  createdAt: string;
}

export type MetricsGroupBy = 'none' | 'model' | 'name' | 'tag';

export interface MetricPoint {
  /** Bucket start, epoch milliseconds. */
  time: number;
  group: string | null;
  requests: number;
  errors: number;
  errorRate: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencyP99Ms: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
}

export interface MetricsResult {
  bucketSeconds: number;
  groups: string[];
  points: MetricPoint[];
}
