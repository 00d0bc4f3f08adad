// CI gates, gated promotion and canaries: config schemas, verdicts with evidence, planning and simulation.
// Imported as `@sextant/core/gates`.
export { type CanaryArm, canaryArm } from './canary-arm.js';
export { type ClusteredPassRate, clusteredPassRate } from './clustered-pass-rate.js';
export { type EvaluateGateOptions, evaluateGate } from './evaluate-gate.js';
export {
  evaluateSuite,
  type ScoreSummary,
  type SuiteVerdict,
  withoutQuarantined,
} from './evaluate-suite.js';
export {
  baselineSchema,
  type EvalConfig,
  type EvalConfigInput,
  evalConfigSchema,
  type Gate,
  type GateInput,
  type GateKind,
  gateSchema,
  isStatisticalGate,
  type Quarantine,
  quarantineSchema,
  type Suite,
  type SuiteTask,
  suiteProblems,
  suiteSchema,
  suiteTaskSchema,
} from './gate-config.js';
export { type GateEvidence, type GateVerdict, gateTitle } from './gate-verdict.js';
export { planSuite, type SuitePlan } from './plan-suite.js';
export {
  type RegressionDesign,
  type SimulatedRate,
  simulateCanary,
  simulatePassRateGate,
  simulateRegressionGate,
} from './simulate-gate-error-rates.js';
export {
  type ItemResult,
  type ItemRun,
  type RunScore,
  runPassed,
  runValue,
  type SuiteResults,
  scoreNames,
  suiteResultsSchema,
} from './suite-results.js';
