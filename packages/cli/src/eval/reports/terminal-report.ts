import type { SuiteVerdict } from '@sextant/core/gates';
import { formatTable } from '../../output/format-table.js';
import { formatEstimate, overallStatus, statusWord } from './format-evidence.js';

/** The report people read in a terminal or CI log: verdicts with figures, scores, flaky and quarantined items. */
export function terminalReport(suites: readonly SuiteVerdict[]): string {
  const blocks = suites.map((suite) => {
    const lines = [
      `${statusWord[suite.status]}  suite ${suite.suite}: ${suite.items} items, ${suite.runs} runs${suite.erroredRuns > 0 ? `, ${suite.erroredRuns} task errors` : ''}`,
    ];
    if (suite.verdicts.length > 0) {
      lines.push(
        formatTable(
          ['GATE', 'RESULT', 'ESTIMATE', 'P', 'DETAIL'],
          suite.verdicts.map((verdict) => [
            verdict.title,
            statusWord[verdict.status],
            formatEstimate(verdict),
            verdict.evidence.pValue === undefined ? '' : verdict.evidence.pValue.toFixed(4),
            verdict.summary,
          ]),
        ),
      );
    } else lines.push('  (no gates: results only)');
    if (suite.scores.length > 0) {
      lines.push(
        formatTable(
          ['SCORE', 'MEAN', 'PASS RATE', 'PASS@K', 'PASS^K', 'K'],
          suite.scores.map((score) => [
            score.name,
            score.mean.toFixed(3),
            score.passRate.toFixed(3),
            score.passAtK.toFixed(3),
            score.passHatK.toFixed(3),
            String(score.k),
          ]),
        ),
      );
    }
    if (suite.flaky.length > 0) {
      const shown = suite.flaky
        .slice(0, 10)
        .map((entry) => `${entry.itemId} (${entry.score}, mean ${entry.mean.toFixed(2)})`);
      lines.push(
        `flaky (repeats disagree): ${shown.join(', ')}${suite.flaky.length > 10 ? `, … ${suite.flaky.length - 10} more` : ''}`,
      );
    }
    for (const entry of suite.quarantined) lines.push(`quarantined ${entry.itemId}: ${entry.reason}`);
    return lines.join('\n');
  });
  const overall = overallStatus(suites);
  blocks.push(
    overall === 'passed'
      ? 'all gates passed'
      : overall === 'failed'
        ? 'a gate failed (exit 1)'
        : 'a gate could not be checked (exit 2)',
  );
  return blocks.join('\n\n');
}
