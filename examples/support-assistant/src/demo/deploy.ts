import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { releaseName } from './develop.js';
import { datasetName } from './evaluate.js';
import type { DemoReport } from './report.js';
import { cli, type RunningSextant, runCli } from './sextant-process.js';

const releaseTask = fileURLToPath(new URL('../eval/release-task.js', import.meta.url));

export interface Deployment {
  gateExitCode: number;
  promotedVersion: number;
  refusedBeforeGate: boolean;
  markdown: string;
}

/**
 * Deploy: production requires the `support-answers` gate; the chosen release is refused until
 * `sextant eval --record` passes for it, then promoted. The eval config is what a repository would keep.
 */
export async function deploy(
  sextant: RunningSextant,
  version: number,
  demoDirectory: string,
  report: DemoReport,
): Promise<Deployment> {
  report.phase('Deploy', 'gate the chosen release in CI and promote it to production');
  const config = path.join(demoDirectory, 'sextant.eval.yaml');
  fs.writeFileSync(
    config,
    `# What a repository keeps: the suite CI runs before a release may take the production label.
suites:
  - name: support-answers
    dataset: { name: ${datasetName} }
    task: { module: ${JSON.stringify(releaseTask)} }
    evaluators:
      - { name: token-f1, options: { threshold: 0.5 } }
    repeats: 1
    gates:
      - { kind: pass-rate, score: token-f1, atLeast: 0.6, confidence: 0.95 }
      - { kind: max-latency, p95Ms: 10000 }
`,
  );
  await cli(sextant, ['releases', 'gate', releaseName, 'production', 'support-answers']);
  const early = await runCli(sextant, ['releases', 'label', releaseName, 'production', String(version)]);
  const refusedBeforeGate = early.code !== 0;
  report.detail(`before the gate ran: ${(early.stderr || early.stdout).trim().split('\n')[0]}`);

  const markdown = path.join(demoDirectory, 'eval-summary.md');
  const gate = await runCli(
    sextant,
    [
      'eval',
      '--config',
      config,
      '--record',
      '--release',
      `${releaseName}@${version}`,
      '--no-progress',
      '--markdown',
      markdown,
      '--junit',
      path.join(demoDirectory, 'junit.xml'),
    ],
    { env: { SEXTANT_EVAL_RELEASE: `${releaseName}@${version}` } },
  );
  report.detail(gate.stdout.trim());
  if (gate.code === 2) throw new Error(`sextant eval failed to run:\n${gate.stderr}`);
  if (gate.code === 0) {
    report.detail(await cli(sextant, ['releases', 'label', releaseName, 'production', String(version)]));
    report.outcome(`gate support-answers passed for ${releaseName}@${version}; production now points at it`);
  } else {
    report.outcome(`gate support-answers failed for ${releaseName}@${version}; production was not moved`);
  }
  return {
    gateExitCode: gate.code,
    promotedVersion: gate.code === 0 ? version : 0,
    refusedBeforeGate,
    markdown: fs.readFileSync(markdown, 'utf8'),
  };
}
