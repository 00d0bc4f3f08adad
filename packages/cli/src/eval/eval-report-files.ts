import fs from 'node:fs';
import path from 'node:path';
import type { SuiteResults, SuiteVerdict } from '@sextant/core/gates';
import { overallStatus } from './reports/format-evidence.js';
import { githubAnnotations } from './reports/github-annotations.js';
import { junitReport } from './reports/junit-report.js';
import { markdownReport } from './reports/markdown-report.js';

/** Where `sextant eval` writes its reports; each is optional. */
export interface ReportTargets {
  junit?: string;
  markdown?: string;
  json?: string;
  /** Print `::error` workflow commands (default: when GITHUB_ACTIONS is set). */
  githubAnnotations: boolean;
  configFile: string;
}

/** One suite's entry in the JSON report: the verdict and every run (usable later as a baseline). */
export interface SuiteReport {
  verdict: SuiteVerdict;
  results: SuiteResults;
  baseline?: string;
  gateRunId?: string;
}

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text);
};

/** Writes the report files and returns what goes to stdout besides the terminal report (annotations). */
export function writeReports(reports: readonly SuiteReport[], targets: ReportTargets): string {
  const verdicts = reports.map((report) => report.verdict);
  if (targets.junit) write(targets.junit, junitReport(verdicts));
  if (targets.markdown) write(targets.markdown, markdownReport(verdicts));
  if (targets.json) {
    write(targets.json, `${JSON.stringify({ status: overallStatus(verdicts), suites: reports }, null, 2)}\n`);
  }
  return targets.githubAnnotations
    ? githubAnnotations(verdicts, path.relative(process.cwd(), targets.configFile) || targets.configFile)
    : '';
}
