import type { Gate } from './gate-config.js';

/** The numbers behind a verdict, so a reader can check it rather than trust it. */
export interface GateEvidence {
  /** Pass rate, mean difference, mean cost or p95 latency, by gate kind. */
  estimate: number;
  /** Interval around the estimate, when the gate has one. */
  interval?: { lower: number; upper: number; level: number };
  /** One-sided bound the gate compared with its threshold. */
  bound?: number;
  pValue?: number;
  items: number;
  runs: number;
  /** Runs' worth of independent information after the design effect of repeats (pass-rate gates). */
  effectiveRuns?: number;
  /** Items that explain a failure (lost items, regressions), most telling first. */
  failingItems: string[];
}

/** One gate's outcome: `error` when it could not be checked (no baseline items in common, no runs). */
export interface GateVerdict {
  gate: Gate;
  /** Short name for reports: "pass-rate(correct) >= 0.9 @95%". */
  title: string;
  status: 'passed' | 'failed' | 'error';
  /** One sentence with the figures, for terminals and annotations. */
  summary: string;
  evidence: GateEvidence;
}

/** A stable, readable title for a gate. */
export function gateTitle(gate: Gate): string {
  switch (gate.kind) {
    case 'pass-rate':
      return `pass-rate(${gate.score}) >= ${gate.atLeast} @${Math.round(gate.confidence * 100)}%`;
    case 'no-regression':
      return `no-regression(${gate.score}) margin ${gate.margin} alpha ${gate.alpha}`;
    case 'no-lost-items':
      return `no-lost-items(${gate.score})`;
    case 'max-cost':
      return `max-cost mean <= $${gate.atMost}`;
    case 'max-latency':
      return `max-latency p95 <= ${gate.p95Ms} ms`;
  }
}
