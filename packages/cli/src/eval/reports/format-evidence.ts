import type { GateVerdict, SuiteVerdict } from '@sextant/core/gates';

/** "0.912 [0.871, 0.941] @95%" or the estimate alone. */
export function formatEstimate(verdict: GateVerdict): string {
  const { estimate, interval } = verdict.evidence;
  const figure = (value: number) =>
    Number.isInteger(value)
      ? String(value)
      : Math.abs(value) < 0.01
        ? value.toPrecision(2)
        : value.toFixed(3);
  if (!Number.isFinite(estimate)) return '-';
  return interval
    ? `${figure(estimate)} [${figure(interval.lower)}, ${figure(interval.upper)}] @${Math.round(interval.level * 100)}%`
    : figure(estimate);
}

export const statusWord = { passed: 'PASS', failed: 'FAIL', error: 'ERROR' } as const;

/** Counts for a one-line overall result. */
export function overallStatus(suites: readonly SuiteVerdict[]): 'passed' | 'failed' | 'error' {
  if (suites.some((suite) => suite.status === 'error')) return 'error';
  return suites.some((suite) => suite.status === 'failed') ? 'failed' : 'passed';
}
