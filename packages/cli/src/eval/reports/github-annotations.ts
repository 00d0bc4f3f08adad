import type { SuiteVerdict } from '@sextant/core/gates';

// Workflow commands need %, CR and LF escaped in messages, and also : and , in properties.
const escapeData = (text: string) =>
  text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const escapeProperty = (text: string) => escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');

/** GitHub Actions annotations (`::error file=...::`) pointing at the config file, one per failed gate. */
export function githubAnnotations(suites: readonly SuiteVerdict[], configFile: string): string {
  const lines = suites.flatMap((suite) => [
    ...suite.verdicts
      .filter((verdict) => verdict.status !== 'passed')
      .map(
        (verdict) =>
          `::error file=${escapeProperty(configFile)},title=${escapeProperty(`${suite.suite}: ${verdict.title}`)}::${escapeData(verdict.summary)}`,
      ),
    ...(suite.flaky.length > 0
      ? [
          `::warning file=${escapeProperty(configFile)},title=${escapeProperty(`${suite.suite}: flaky items`)}::${escapeData(
            `${suite.flaky.length} item(s) disagree across repeats: ${suite.flaky
              .slice(0, 10)
              .map((entry) => entry.itemId)
              .join(', ')}`,
          )}`,
        ]
      : []),
  ]);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
