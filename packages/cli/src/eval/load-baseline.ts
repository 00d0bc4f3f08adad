import fs from 'node:fs';
import path from 'node:path';
import { SextantError } from '@sextant/core';
import { type Suite, type SuiteResults, suiteResultsSchema } from '@sextant/core/gates';
import type { ApiRequest } from '../registry-client.js';

/**
 * Reads one suite's results from a file: a results file (one suite) or the JSON report of `sextant eval --json`
 * (every suite; the one with this suite's name is taken).
 */
export function readResultsFile(file: string, suiteName: string): SuiteResults {
  if (!fs.existsSync(file)) throw new SextantError('bad_request', `results file ${file} does not exist`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SextantError('bad_request', `results file ${file} is not JSON: ${(error as Error).message}`);
  }
  const report = raw as { suites?: Array<{ results?: unknown }> };
  if (Array.isArray(report.suites)) {
    const names = report.suites.map((entry) => (entry.results as { suite?: string } | undefined)?.suite);
    const match = report.suites.find((_, index) => names[index] === suiteName);
    if (!match) {
      throw new SextantError(
        'bad_request',
        `${path.basename(file)} has no suite '${suiteName}'; suites: ${names.join(', ')}`,
      );
    }
    raw = match.results;
  }
  const parsed = suiteResultsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SextantError(
      'bad_request',
      `${path.basename(file)} is not a results file: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

/** The baseline a suite compares with: a results file, or the newest passing gate run stored for a release label. */
export async function loadBaseline(
  suite: Suite,
  directory: string,
  api: ApiRequest | undefined,
  override: string | undefined,
): Promise<{ results: SuiteResults; source: string } | undefined> {
  if (override) return { results: readResultsFile(path.resolve(override), suite.name), source: override };
  const { baseline } = suite;
  if (!baseline) return undefined;
  if ('results' in baseline) {
    return {
      results: readResultsFile(path.resolve(directory, baseline.results), suite.name),
      source: baseline.results,
    };
  }
  if (!api) {
    throw new SextantError(
      'bad_request',
      `suite '${suite.name}' compares with release '${baseline.release}' on the server; pass --api-key`,
    );
  }
  const query = new URLSearchParams({ release: baseline.release, label: baseline.label, suite: suite.name });
  const { results, release } = await api<{
    results: SuiteResults;
    release: { name: string; version: number };
  }>('GET', `/api/gate-runs/baseline?${query}`);
  return { results, source: `${release.name}@${release.version} (${baseline.label})` };
}
