export {
  createDeterministicEvaluator,
  deterministicEvaluatorNames,
} from './deterministic-evaluators.js';
export { matchesTraceFilter } from './match-trace-filter.js';
export {
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
} from './online-eval-rule.js';
export { sampleTrace, traceIdFraction } from './sample-trace.js';
