export { type ErrorCode, type ErrorEnvelope, SextantError, toErrorEnvelope } from './errors.js';
export { normalizeSpan } from './normalize/normalize-span.js';
export { decodeOtlpJson } from './otlp/decode-otlp-json.js';
export { decodeOtlpProtobuf } from './otlp/decode-otlp-protobuf.js';
export type { DecodedExport, OtlpEvent, OtlpSpan } from './otlp/otlp-span.js';
export {
  chooseBucketSeconds,
  type MetricPoint,
  type MetricsQuery,
  type MetricsResult,
  metricPointSchema,
  metricsQuerySchema,
  metricsResultSchema,
} from './query/metrics-query.js';
export {
  type TracePage,
  type TraceQuery,
  type TraceQueryInput,
  type TraceSortField,
  type TraceSummary,
  tracePageSchema,
  traceQuerySchema,
  traceSortFieldSchema,
  traceSummarySchema,
} from './query/trace-query.js';
export { fail, ok, type Result } from './result.js';
export {
  type CanonicalSpan,
  type ChatMessage,
  canonicalSpanSchema,
  chatMessageSchema,
  emptySpan,
  type RetrievedDocument,
  type SpanContent,
  type SpanError,
  type SpanKind,
  type SpanStatus,
  spanContentSchema,
  spanKindSchema,
  type ToolCall,
} from './span/canonical-span.js';
export { spanContentPreview, spanContentText } from './span/span-text.js';
export { buildSpanTree, type SpanNode } from './span/span-tree.js';
