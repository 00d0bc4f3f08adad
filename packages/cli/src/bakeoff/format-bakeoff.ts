import { formatCost, formatDuration, formatTable } from '../output/format-table.js';

/** GET /api/bakeoffs/{id} as the CLI receives it. */
export interface BakeoffJson {
  id: string;
  datasetName: string;
  datasetVersion: number;
  repeats: number;
  qualityMetric: string;
  prompt: string | null;
  contenders: {
    model: string;
    experimentId: string;
    runs: number;
    errors: number;
    items: number;
    quality: { estimate: number; lower: number; upper: number } | null;
    passRate: { estimate: number; lower: number; upper: number } | null;
    costPerRun: number | null;
    totalCost: number | null;
    latencyMs: { mean: number; p50: number; p95: number } | null;
    onFront: boolean;
  }[];
}

const interval = (value: { estimate: number; lower: number; upper: number } | null) =>
  value ? `${value.estimate.toFixed(3)} [${value.lower.toFixed(3)}, ${value.upper.toFixed(3)}]` : '–';

/** One row per model: quality with its 95% interval, pass rate, cost, latency, errors, and the Pareto front. */
export function formatBakeoff(bakeoff: BakeoffJson): string {
  const rows = bakeoff.contenders.map((contender) => [
    `${contender.onFront ? '* ' : '  '}${contender.model}`,
    interval(contender.quality),
    interval(contender.passRate),
    formatCost(contender.costPerRun) || 'unpriced',
    formatCost(contender.totalCost) || '–',
    contender.latencyMs ? formatDuration(contender.latencyMs.p50) : '–',
    contender.latencyMs ? formatDuration(contender.latencyMs.p95) : '–',
    `${contender.errors}/${contender.runs}`,
  ]);
  return [
    `bake-off ${bakeoff.id}: ${bakeoff.datasetName} v${bakeoff.datasetVersion}, ${bakeoff.repeats} repeat${bakeoff.repeats > 1 ? 's' : ''}${bakeoff.prompt ? `, prompt ${bakeoff.prompt}` : ''}`,
    '',
    formatTable(
      [
        `  MODEL`,
        `${bakeoff.qualityMetric.toUpperCase()} [95% CI]`,
        'PASS RATE [95% CI]',
        'COST/RUN',
        'TOTAL',
        'P50',
        'P95',
        'ERRORS',
      ],
      rows,
    ),
    '',
    '* on the Pareto front of quality vs cost: no other model is both better and cheaper.',
  ].join('\n');
}
