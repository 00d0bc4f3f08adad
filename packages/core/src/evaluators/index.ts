// Evaluators that need no model, the evaluator contract and target selection.
// Imported as `@sextant/core/evaluators`.
export { type BleuEvaluatorOptions, bleu } from './bleu.js';
export {
  type BleuOptions,
  type BleuScore,
  type BleuSmoothing,
  computeBleu,
  corpusBleu,
  sentenceBleu,
} from './bleu-score.js';
export {
  type CodeEvaluatorName,
  canScoreWithoutExpected,
  codeEvaluatorNames,
  codeEvaluatorSettings,
  createCodeEvaluator,
  expectedOutputSetting,
  needsExpectedOutput,
  type ReferenceUse,
} from './code-evaluators.js';
export { type ContainsOptions, contains } from './contains.js';
export { cosineSimilarity } from './cosine-similarity.js';
export {
  type CustomEvaluationReturn,
  type CustomEvaluatorOptions,
  customEvaluator,
} from './custom-evaluator.js';
export { type EmbeddingSimilarityOptions, embeddingSimilarity } from './embedding-similarity.js';
export { type EqualsOptions, equals } from './equals.js';
export { evaluationText } from './evaluation-values.js';
export {
  type EvaluationInput,
  type EvaluationResult,
  type Evaluator,
  type EvaluatorOptions,
  evaluationResultSchema,
  type ThresholdOptions,
} from './evaluator.js';
export { exactMatch } from './exact-match.js';
export { type JsonSchemaOptions, jsonSchema } from './json-schema.js';
export { type JsonSchema, validatedKeywords } from './json-schema-support.js';
export { type SchemaViolation, validateJsonSchema } from './json-schema-validator.js';
export { type JsonValidOptions, jsonValid } from './json-valid.js';
export { askJudge, checkJudgePrompt, type JudgePrompt, judgeVersion } from './judge/ask-judge.js';
export type { EmbedTexts, JudgeMessage, JudgeModel } from './judge/judge-model.js';
export {
  answerRelevanceRubric,
  claimExtractionPrompt,
  claimSupportPrompt,
  contextRelevancePrompt,
  judgePrompts,
  pairwiseJudgePrompt,
  pointwiseJudgePrompt,
} from './judge/judge-templates.js';
export {
  comparePair,
  type PairOutcome,
  type PairwiseComparison,
  type PairwiseJudgeOptions,
  pairwiseJudge,
} from './judge/pairwise-judge.js';
export {
  type BinaryVerdict,
  JudgeVerdictError,
  jsonObjectsIn,
  type PreferenceVerdict,
  parseBinaryVerdict,
  parseClaims,
  parsePreferenceVerdict,
  parseScoreVerdict,
  type ScoreVerdict,
} from './judge/parse-verdict.js';
export { type PointwiseJudgeOptions, pointwiseJudge } from './judge/pointwise-judge.js';
export {
  type LevenshteinOptions,
  levenshtein,
  levenshteinDistance,
  levenshteinSimilarity,
} from './levenshtein.js';
export {
  createModelEvaluator,
  type ModelEvaluatorDependencies,
  type ModelEvaluatorName,
  modelEvaluatorNames,
  modelEvaluatorSettings,
} from './model-evaluators.js';
export { type ObservedToolCall, observedToolCalls, type ToolCallSource } from './observed-tool-calls.js';
export {
  type AnswerRelevanceEmbeddingOptions,
  type AnswerRelevanceOptions,
  answerRelevance,
  answerRelevanceEmbedding,
} from './rag/answer-relevance.js';
export { type ContextRelevanceOptions, contextRelevance } from './rag/context-relevance.js';
export { type FaithfulnessOptions, faithfulness } from './rag/faithfulness.js';
export { contextTexts, retrievalDocuments, retrievedContext } from './rag/retrieved-context.js';
export { type RegexOptions, regex } from './regex.js';
export { type RougeLOptions, type RougeLScore, rougeL, rougeLScore, tokenizeRouge } from './rouge-l.js';
export { type EvaluationFailure, runEvaluator } from './run-evaluator.js';
export {
  selectTarget,
  type TargetField,
  type TargetSelection,
  type TargetSelector,
  targetSelectorSchema,
} from './select-target.js';
export { normalizeSquadAnswer, squadExactMatch, squadTokenF1, type TokenOverlap } from './squad-metrics.js';
export { type StepCountOptions, stepCount } from './step-count.js';
export { tokenF1 } from './token-f1.js';
export { tokenize13a } from './tokenize-13a.js';
export {
  type ExpectedToolCall,
  type ToolCallCorrectnessOptions,
  toolCallCorrectness,
} from './tool-call-correctness.js';
export { type TrajectoryMatchOptions, type TrajectoryMode, trajectoryMatch } from './trajectory-match.js';
