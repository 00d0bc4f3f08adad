import type { SuiteVerdict } from '@sextant/core/gates';
import { formatEstimate, overallStatus } from './format-evidence.js';

const icon = { passed: '✅', failed: '❌', error: '⚠️' } as const;
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** A Markdown summary for a pull-request comment: one table of gates per suite, details folded. */
export function markdownReport(suites: readonly SuiteVerdict[], context: { title?: string } = {}): string {
  const overall = overallStatus(suites);
  const lines = [
    `## ${icon[overall]} ${context.title ?? 'Sextant eval'}: ${overall === 'passed' ? 'all gates passed' : overall === 'failed' ? 'a gate failed' : 'a gate could not be checked'}`,
    '',
  ];
  for (const suite of suites) {
    lines.push(`### ${icon[suite.status]} ${suite.suite} (${suite.items} items, ${suite.runs} runs)`, '');
    if (suite.verdicts.length > 0) {
      lines.push('| gate | result | estimate | p | detail |', '|---|---|---|---|---|');
      for (const verdict of suite.verdicts) {
        lines.push(
          `| ${cell(verdict.title)} | ${icon[verdict.status]} ${verdict.status} | ${formatEstimate(verdict)} | ${verdict.evidence.pValue?.toFixed(4) ?? ''} | ${cell(verdict.summary)} |`,
        );
      }
      lines.push('');
    }
    if (suite.scores.length > 0) {
      lines.push('| score | mean | pass rate | pass@k | pass^k |', '|---|---|---|---|---|');
      for (const score of suite.scores) {
        lines.push(
          `| ${score.name} | ${score.mean.toFixed(3)} | ${score.passRate.toFixed(3)} | ${score.passAtK.toFixed(3)} | ${score.passHatK.toFixed(3)} (k=${score.k}) |`,
        );
      }
      lines.push('');
    }
    const failing = suite.verdicts.flatMap((verdict) =>
      verdict.evidence.failingItems.slice(0, 20).map((item) => `${item} (${verdict.gate.kind})`),
    );
    if (failing.length > 0 || suite.flaky.length > 0 || suite.quarantined.length > 0) {
      lines.push('<details><summary>items</summary>', '');
      if (failing.length > 0) lines.push(`Failing: ${failing.join(', ')}`, '');
      if (suite.flaky.length > 0)
        lines.push(
          `Flaky: ${suite.flaky
            .slice(0, 30)
            .map((entry) => `${entry.itemId} (${entry.score})`)
            .join(', ')}`,
          '',
        );
      for (const entry of suite.quarantined)
        lines.push(`- quarantined \`${entry.itemId}\`: ${cell(entry.reason)}`);
      lines.push('', '</details>', '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
