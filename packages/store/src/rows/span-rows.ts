import { type CanonicalSpan, spanContentText } from '@sextant/core';

/** Column order shared by the insert statement and `spanToRow`. */
export const spanColumns = [
  'project_id',
  'trace_id',
  'span_id',
  'parent_span_id',
  'name',
  'kind',
  'start_time_us',
  'end_time_us',
  'status',
  'status_message',
  'error',
  'service_name',
  'operation',
  'model',
  'provider',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'cost',
  'input',
  'output',
  'documents',
  'tool_name',
  'tool_call_id',
  'tool_args',
  'tool_result',
  'agent_name',
  'session_id',
  'user_id',
  'prompt_name',
  'prompt_version',
  'release_id',
  'tags',
  'raw_attributes',
  'resource_attributes',
  'scope_name',
  'cost_estimated',
] as const;

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export function spanToRow(projectId: string, span: CanonicalSpan): unknown[] {
  return [
    projectId,
    span.traceId,
    span.spanId,
    span.parentSpanId,
    span.name,
    span.kind,
    span.startTimeUs,
    span.endTimeUs,
    span.status,
    span.statusMessage,
    json(span.error),
    span.serviceName,
    span.operation,
    span.model,
    span.provider,
    span.inputTokens,
    span.outputTokens,
    span.cacheReadTokens,
    span.cacheWriteTokens,
    span.reasoningTokens,
    span.cost,
    json(span.input),
    json(span.output),
    json(span.documents),
    span.toolName,
    span.toolCallId,
    span.toolArgs,
    span.toolResult,
    span.agentName,
    span.sessionId,
    span.userId,
    span.promptName,
    span.promptVersion,
    span.releaseId,
    JSON.stringify(span.tags),
    JSON.stringify(span.rawAttributes),
    JSON.stringify(span.resourceAttributes),
    span.scopeName,
    span.costEstimated ? 1 : 0,
  ];
}

export type SpanRow = Record<(typeof spanColumns)[number], string | number | null>;

const parse = <T>(value: string | number | null): T | null =>
  typeof value === 'string' ? (JSON.parse(value) as T) : null;
const text = (value: string | number | null) => (value === null ? null : String(value));
const num = (value: string | number | null) => (value === null ? null : Number(value));

export function rowToSpan(row: SpanRow): CanonicalSpan {
  return {
    traceId: String(row.trace_id),
    spanId: String(row.span_id),
    parentSpanId: text(row.parent_span_id),
    name: String(row.name),
    kind: row.kind as CanonicalSpan['kind'],
    startTimeUs: Number(row.start_time_us),
    endTimeUs: Number(row.end_time_us),
    status: row.status as CanonicalSpan['status'],
    statusMessage: text(row.status_message),
    error: parse(row.error),
    serviceName: text(row.service_name),
    operation: text(row.operation),
    model: text(row.model),
    provider: text(row.provider),
    inputTokens: num(row.input_tokens),
    outputTokens: num(row.output_tokens),
    cacheReadTokens: num(row.cache_read_tokens),
    cacheWriteTokens: num(row.cache_write_tokens),
    reasoningTokens: num(row.reasoning_tokens),
    cost: num(row.cost),
    costEstimated: row.cost_estimated === 1,
    input: parse(row.input),
    output: parse(row.output),
    documents: parse(row.documents),
    toolName: text(row.tool_name),
    toolCallId: text(row.tool_call_id),
    toolArgs: text(row.tool_args),
    toolResult: text(row.tool_result),
    agentName: text(row.agent_name),
    sessionId: text(row.session_id),
    userId: text(row.user_id),
    promptName: text(row.prompt_name),
    promptVersion: text(row.prompt_version),
    releaseId: text(row.release_id),
    tags: parse<string[]>(row.tags) ?? [],
    rawAttributes: parse(row.raw_attributes) ?? {},
    resourceAttributes: parse(row.resource_attributes) ?? {},
    scopeName: text(row.scope_name),
  };
}

/** Longest text indexed per span; longer inputs are still stored whole, only the index stops. */
const maxIndexedChars = 16_384;

/** What the full-text index holds for a span: its input and output text, or null when both are empty. */
export function spanSearchText(span: CanonicalSpan): string | null {
  const text = `${spanContentText(span.input)}\n${spanContentText(span.output)}`.trim();
  return text ? text.slice(0, maxIndexedChars) : null;
}
