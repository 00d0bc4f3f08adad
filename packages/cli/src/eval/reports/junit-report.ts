import type { SuiteVerdict } from '@sextant/core/gates';
import { formatEstimate } from './format-evidence.js';

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (character) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[character]};`,
  );

/** JUnit XML: a testsuite per suite, a testcase per gate (failure = failed gate, error = unchecked gate). */
export function junitReport(suites: readonly SuiteVerdict[]): string {
  const count = (status: string) =>
    suites.reduce(
      (total, suite) => total + suite.verdicts.filter((verdict) => verdict.status === status).length,
      0,
    );
  const total = suites.reduce((sum, suite) => sum + suite.verdicts.length, 0);
  const body = suites.map((suite) => {
    const cases = suite.verdicts.map((verdict) => {
      const open = `    <testcase classname="sextant.eval.${escapeXml(suite.suite)}" name="${escapeXml(verdict.title)}">`;
      const detail = escapeXml(
        `${verdict.summary}\nestimate: ${formatEstimate(verdict)}\nitems: ${verdict.evidence.failingItems.slice(0, 50).join(', ')}`,
      );
      if (verdict.status === 'failed')
        return `${open}\n      <failure message="${escapeXml(verdict.summary)}">${detail}</failure>\n    </testcase>`;
      if (verdict.status === 'error')
        return `${open}\n      <error message="${escapeXml(verdict.summary)}">${detail}</error>\n    </testcase>`;
      return `${open}\n      <system-out>${escapeXml(verdict.summary)}</system-out>\n    </testcase>`;
    });
    const failures = suite.verdicts.filter((verdict) => verdict.status === 'failed').length;
    const errors = suite.verdicts.filter((verdict) => verdict.status === 'error').length;
    return `  <testsuite name="${escapeXml(suite.suite)}" tests="${suite.verdicts.length}" failures="${failures}" errors="${errors}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="sextant eval" tests="${total}" failures="${count('failed')}" errors="${count('error')}">\n${body.join('\n')}\n</testsuites>\n`;
}
