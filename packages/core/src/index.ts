export {
  type AlertCondition,
  type AlertMetric,
  type AlertNotice,
  type AlertObservation,
  type AlertRuleDefinition,
  type AlertRuleInput,
  type AlertTransitions,
  alertConditionSchema,
  alertGroupings,
  alertMessage,
  alertRuleInputSchema,
  describeAlertMetric,
  describeAlertValue,
  isBreaching,
  type OpenAlert,
  planAlertTransitions,
  type SlackMessage,
} from './alerts/index.js';
export { type CsvRecord, createCsvParser, csvField } from './datasets/csv-parser.js';
export {
  type DatasetItem,
  type DatasetItemInput,
  datasetItemIdSchema,
  datasetItemInputSchema,
  datasetNameSchema,
  type ParsedDatasetItemInput,
  splitNameSchema,
} from './datasets/dataset-item.js';
export {
  type CsvColumns,
  type CsvColumnsInput,
  type CsvItemMapper,
  createCsvItemMapper,
  csvColumnsSchema,
  parseJsonlItem,
} from './datasets/import-mapping.js';
export { createLineSplitter, type NumberedLine } from './datasets/line-splitter.js';
export { type ErrorCode, type ErrorEnvelope, SextantError, toErrorEnvelope } from './errors.js';
export {
  compareExperiments,
  type ExperimentComparison,
  type ItemComparison,
  type MetricComparison,
} from './experiments/compare-experiments.js';
export {
  type Experiment,
  type ExperimentInput,
  type ExperimentRun,
  type ExperimentRunInput,
  type ExperimentStatus,
  experimentEvaluatorSchema,
  experimentIdSchema,
  experimentInputSchema,
  experimentRunSchema,
  experimentStatusSchema,
  type ParsedExperimentInput,
} from './experiments/experiment.js';
export {
  groupScoredItems,
  type RunScore,
  type ScoredItem,
  type ScoredRun,
} from './experiments/experiment-scores.js';
export {
  decodeItemsCursor,
  encodeItemsCursor,
  type ItemFilter,
  type ItemPage,
  type ItemPageQuery,
  pageItemSummaries,
} from './experiments/page-item-summaries.js';
export {
  type ExperimentSummary,
  type Interval,
  type ItemSummary,
  type MetricSummary,
  type SummaryOptions,
  summarizeExperiment,
} from './experiments/summarize-experiment.js';
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
export {
  createDeterministicEvaluator,
  deterministicEvaluatorNames,
  matchesTraceFilter,
  type OnlineEvalEvaluator,
  type OnlineEvalFilter,
  type OnlineEvalRule,
  type OnlineEvalRuleDefinition,
  type OnlineEvalRuleInput,
  type OnlineEvalRulePatch,
  onlineEvalEvaluatorSchema,
  onlineEvalFilterSchema,
  onlineEvalRuleInputSchema,
  onlineEvalRulePatchSchema,
  sampleTrace,
  traceIdFraction,
} from './online-eval/index.js';
export { decodeOtlpJson } from './otlp/decode-otlp-json.js';
export { decodeOtlpProtobuf } from './otlp/decode-otlp-protobuf.js';
export type { DecodedExport, OtlpEvent, OtlpSpan } from './otlp/otlp-span.js';
export { type CompiledPrompt, compilePrompt } from './prompts/compile-prompt.js';
export { canonicalJson, contentHash } from './prompts/content-hash.js';
export { type DiffLine, diffLines, formatUnifiedDiff } from './prompts/line-diff.js';
export {
  acceptAnyModel,
  createModelChecker,
  type ModelCheck,
  type ModelChecker,
} from './prompts/model-checker.js';
export { parseTemplate, type TemplateNode, type TemplateSyntaxError } from './prompts/parse-template.js';
export {
  describeLocation,
  type PreparedPrompt,
  type PromptLocation,
  type PromptProblem,
  type PromptProblemCode,
  preparePrompt,
} from './prompts/prepare-prompt.js';
export {
  type ModelConfig,
  modelConfigSchema,
  type PromptDefinition,
  type PromptDefinitionInput,
  type PromptMessage,
  type PromptRole,
  type PromptVariable,
  type PromptVariableInput,
  type PromptVariableType,
  promptDefinitionInputSchema,
  promptDefinitionSchema,
  promptLimits,
  promptMessageSchema,
  promptRoleSchema,
  promptTemplates,
  promptVariableSchema,
} from './prompts/prompt-definition.js';
export { diffPrompts, promptText } from './prompts/prompt-diff.js';
export {
  type PromptFile,
  type PromptFileProblem,
  promptFileName,
  promptFileSuffix,
  readPromptFile,
  serializePromptFile,
} from './prompts/prompt-file.js';
export {
  defaultLabel,
  describeSelector,
  labelNameSchema,
  latestLabel,
  type PromptReference,
  parsePromptReference,
  parseReleaseReference,
  registryNameSchema,
  type VersionSelector,
  variableNameSchema,
} from './prompts/prompt-names.js';
export { renderTemplate } from './prompts/render-template.js';
export { suggestName } from './prompts/suggest-name.js';
export { type TemplateVariable, templateVariables, type VariableUse } from './prompts/template-variables.js';
export type { TextPosition } from './prompts/text-position.js';
export type { DiffSection, VersionDiff } from './prompts/version-diff.js';
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
  type SessionPage,
  type SessionQuery,
  type SessionQueryInput,
  type SessionSummary,
  sessionPageSchema,
  sessionQuerySchema,
  sessionSummarySchema,
} from './query/session-query.js';
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
export {
  type ReleaseDefinition,
  type ReleaseDefinitionInput,
  releaseDefinitionInputSchema,
  releaseDefinitionSchema,
  releaseId,
  retrieverSettingsSchema,
} from './releases/release-definition.js';
export { diffReleases } from './releases/release-diff.js';
export { readReleaseFile } from './releases/release-file.js';
export { fail, ok, type Result } from './result.js';
export {
  type CalibrationPair,
  calibrateJudge,
  correctedPassRate,
  type JudgeCalibration,
  minimumCalibrationItems,
} from './reviews/judge-calibration.js';
export {
  type HeadToHead,
  type PairwisePreference,
  type PairwiseResults,
  pairwiseResults,
} from './reviews/pairwise-results.js';
export { reviewAgreement, type ScoreAgreement } from './reviews/review-agreement.js';
export {
  type JudgeCalibrationRecord,
  type PairwiseCandidate,
  type ParsedReviewQueueInput,
  pairwiseCandidateSchema,
  type ReviewAnswer,
  type ReviewItem,
  type ReviewItemInput,
  type ReviewQueue,
  type ReviewQueueCounts,
  type ReviewQueueInput,
  type ReviewQueueKind,
  reviewItemSchema,
  reviewQueueInputSchema,
  reviewQueueKindSchema,
} from './reviews/review-queue.js';
export {
  type ScoreAnswerValue,
  type ScoreCategory,
  type ScoreConfig,
  type ScoreConfigInput,
  type ScoreConfigType,
  scoreAnswer,
  scoreCategoriesOf,
  scoreConfigFieldsSchema,
  scoreConfigSchema,
  scoreConfigTypeSchema,
} from './reviews/score-config.js';
export {
  type Score,
  type ScoreInput,
  type ScorePostInput,
  type ScoreQuery,
  type ScoreSeriesGroup,
  type ScoreSeriesPoint,
  type ScoreSeriesQuery,
  type ScoreSource,
  scoreInputSchema,
  scoreNameSchema,
  scoreSchema,
  scoreSeriesGroupSchema,
  scoreSourceSchema,
} from './scores/score.js';
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
export { spanContentParts, spanContentPreview, spanContentText } from './span/span-text.js';
export { buildSpanTree, type SpanNode } from './span/span-tree.js';
