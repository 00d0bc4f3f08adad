export { type ErrorCode, type ErrorEnvelope, SextantError, toErrorEnvelope } from './errors.js';
export {
  aliasNameSchema,
  type ModelAccess,
  type ModelAlias,
  type ModelAliasInput,
  type ModelCapabilities,
  type ModelCard,
  type ModelPricing,
  type ModelProtocol,
  type ModelSource,
  modelAccessSchema,
  modelAliasSchema,
  modelCapabilitiesSchema,
  modelCardSchema,
  modelPricingSchema,
  modelProtocolSchema,
  modelSourceSchema,
} from './models/model-card.js';
export { modelCallCost, type TokenUsage } from './models/model-cost.js';
export {
  filterModels,
  type ModelFilter,
  type ModelFilterInput,
  modelFilterSchema,
} from './models/model-filter.js';
export { canonicalProvider, closestNames, editDistance, modelNameVariants } from './models/model-names.js';
export { createPriceIndex, type PriceIndex } from './models/price-index.js';
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
