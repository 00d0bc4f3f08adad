import { z } from 'zod';

const scoreName = z.string().min(1).describe('The evaluator (score) name the gate reads');
const confidence = z.number().gt(0.5).lt(1);
const alpha = z.number().gt(0).lt(0.5);

/** "Pass rate at least `atLeast` with confidence `confidence`": the clustered Wilson lower bound must reach it. */
export const passRateGateSchema = z.object({
  kind: z.literal('pass-rate'),
  score: scoreName,
  atLeast: z.number().min(0).max(1),
  confidence: confidence.default(0.95),
  /** Used when the evaluator gives no pass/fail of its own: passed = value >= threshold. */
  threshold: z.number().default(0.5),
});

/** "Mean score not lower than the baseline's by more than `margin`": one-sided paired sign-flip test at `alpha`. */
export const noRegressionGateSchema = z.object({
  kind: z.literal('no-regression'),
  score: scoreName,
  margin: z.number().min(0).default(0),
  alpha: alpha.default(0.05),
});

/** "No item that passed in the baseline (in any repeat) now fails in every repeat." */
export const noLostItemsGateSchema = z.object({
  kind: z.literal('no-lost-items'),
  score: scoreName,
  threshold: z.number().default(0.5),
});

/** Mean cost per run (USD) at most `atMost`. */
export const maxCostGateSchema = z.object({
  kind: z.literal('max-cost'),
  atMost: z.number().min(0),
});

/** 95th percentile run latency at most `p95Ms`. */
export const maxLatencyGateSchema = z.object({
  kind: z.literal('max-latency'),
  p95Ms: z.number().min(0),
});

/** One gate: a statistical claim the candidate's results must support. */
export const gateSchema = z.discriminatedUnion('kind', [
  passRateGateSchema,
  noRegressionGateSchema,
  noLostItemsGateSchema,
  maxCostGateSchema,
  maxLatencyGateSchema,
]);
export type Gate = z.output<typeof gateSchema>;
export type GateInput = z.input<typeof gateSchema>;
export type GateKind = Gate['kind'];

/** An item left out of every gate, with the reason a person gave; shown in every report. */
export const quarantineSchema = z.object({
  itemId: z.string().min(1),
  reason: z.string().min(3, 'say why the item is quarantined (at least 3 characters)'),
});
export type Quarantine = z.infer<typeof quarantineSchema>;

/** What each run of a suite calls: a release through the gateway, or a function exported by a module. */
export const suiteTaskSchema = z.union([
  z
    .object({
      release: z.string().min(1).describe('Release name'),
      label: z.string().min(1).optional(),
      version: z.number().int().positive().optional(),
      /** The release's prompt to render; default the first one. */
      prompt: z.string().min(1).optional(),
    })
    .strict(),
  z
    .object({
      module: z.string().min(1).describe('Path of a .js or .mjs file, relative to the config file'),
      export: z.string().min(1).default('default'),
    })
    .strict(),
]);
export type SuiteTask = z.infer<typeof suiteTaskSchema>;

/** Where the baseline comes from: a stored results file, or the last stored gate run of a release label. */
export const baselineSchema = z.union([
  z.object({ results: z.string().min(1) }).strict(),
  z.object({ release: z.string().min(1), label: z.string().min(1).default('production') }).strict(),
]);

export const suiteSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "a suite name is 1-100 letters, digits or '._-'"),
  dataset: z.union([
    z.object({ name: z.string().min(1), version: z.number().int().positive().optional() }).strict(),
    z.object({ file: z.string().min(1) }).strict(),
  ]),
  task: suiteTaskSchema,
  evaluators: z
    .array(z.object({ name: z.string().min(1), options: z.record(z.string(), z.unknown()).default({}) }))
    .min(1, 'a suite needs at least one evaluator'),
  repeats: z.number().int().min(1).max(100).default(3),
  /** Passed to providers that accept a seed; each repeat uses seed + repeat so repeats stay independent. */
  seed: z.number().int().optional(),
  /** Replays recorded outputs; only allowed when the suite has no statistical gate (see checkSuite). */
  cache: z.enum(['off', 'record', 'replay']).default('off'),
  concurrency: z.number().int().min(1).max(64).default(4),
  baseline: baselineSchema.optional(),
  gates: z.array(gateSchema).default([]),
  quarantine: z.array(quarantineSchema).default([]),
});
export type Suite = z.output<typeof suiteSchema>;

/** `sextant.eval.yaml`: the suites `sextant eval` runs. */
export const evalConfigSchema = z.object({
  suites: z.array(suiteSchema).min(1, 'the config needs at least one suite'),
});
export type EvalConfig = z.output<typeof evalConfigSchema>;
export type EvalConfigInput = z.input<typeof evalConfigSchema>;

const statisticalKinds = new Set<GateKind>(['pass-rate', 'no-regression', 'no-lost-items']);

/** True for gates that need independent samples, which a replay cache would fake. */
export function isStatisticalGate(gate: Gate): boolean {
  return statisticalKinds.has(gate.kind);
}

/** Problems a schema cannot see: a replay cache under a statistical gate, a paired gate with no baseline. */
export function suiteProblems(suite: Suite): string[] {
  const problems: string[] = [];
  const statistical = suite.gates.filter(isStatisticalGate);
  if (suite.cache !== 'off' && statistical.length > 0) {
    problems.push(
      `suite '${suite.name}': cache '${suite.cache}' replays recorded outputs, but gates ${statistical.map((gate) => gate.kind).join(', ')} ` +
        'need independent samples; set cache: off, or move unit-level checks to a suite with no statistical gate',
    );
  }
  const evaluatorNames = new Set(
    suite.evaluators.map((evaluator) => String(evaluator.options.name ?? evaluator.name)),
  );
  for (const gate of suite.gates) {
    if ('score' in gate && !evaluatorNames.has(gate.score)) {
      problems.push(
        `suite '${suite.name}': gate ${gate.kind} reads score '${gate.score}', which no evaluator of the suite gives; evaluators: ${[...evaluatorNames].join(', ')}`,
      );
    }
    if ((gate.kind === 'no-regression' || gate.kind === 'no-lost-items') && !suite.baseline) {
      problems.push(
        `suite '${suite.name}': gate ${gate.kind} compares with a baseline; add baseline: { results: FILE } or { release: NAME }`,
      );
    }
  }
  return problems;
}
