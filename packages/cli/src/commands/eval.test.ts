import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSextant } from '../test-support/run-sextant.js';

// A user's repo: a calculator chain in two versions (v2 mishandles negative numbers), a dataset file,
// and sextant.eval.yaml with statistical gates. Runs the CLI in-process, as CI would.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-eval-cli-'));
const write = (name: string, text: string) => {
  fs.writeFileSync(path.join(root, name), text);
  return path.join(root, name);
};
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const items = Array.from({ length: 40 }, (_, index) => {
  const a = index - 10;
  const b = (index * 7) % 13;
  return { id: `sum-${index}`, input: { a, b }, expected: String(a + b) };
});
write('sums.jsonl', items.map((item) => JSON.stringify(item)).join('\n'));
write('calculator-v1.mjs', 'export default async ({ a, b }) => String(a + b);\n');
write(
  'calculator-v2.mjs',
  'export async function answer({ a, b }, context) {\n  context.reportCost(0.0001);\n  return String(Math.abs(a) + b);\n}\n',
);

const suite = (name: string, task: string, extra = '') => `
  - name: ${name}
    dataset: { file: sums.jsonl }
    task: ${task}
    evaluators:
      - name: equals
    repeats: 2
    concurrency: 2
${extra}`;

describe('sextant eval', () => {
  it('passes the gates of a good chain, writes JUnit, Markdown and JSON, and exits 0', async () => {
    const config = write(
      'sextant.eval.yaml',
      `suites:${suite('sums', '{ module: ./calculator-v1.mjs }', '    gates:\n      - { kind: pass-rate, score: equals, atLeast: 0.85 }\n      - { kind: max-latency, p95Ms: 5000 }')}`,
    );
    const run = await runSextant([
      'eval',
      '--config',
      config,
      '--no-progress',
      '--junit',
      path.join(root, 'out/junit.xml'),
      '--markdown',
      path.join(root, 'out/summary.md'),
      '--json',
      path.join(root, 'out/baseline.json'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/PASS\s+suite sums: 40 items, 80 runs/);
    expect(run.stdout).toMatch(/pass rate 1 \(80\/80 runs of 40 items\); 95% lower bound 0\.9\d* >= 0\.85/);
    const junit = fs.readFileSync(path.join(root, 'out/junit.xml'), 'utf8');
    expect(junit).toContain('<testsuite name="sums" tests="2" failures="0" errors="0">');
    expect(fs.readFileSync(path.join(root, 'out/summary.md'), 'utf8')).toMatch(
      /## ✅ Sextant eval: all gates passed/,
    );
    const json = JSON.parse(fs.readFileSync(path.join(root, 'out/baseline.json'), 'utf8'));
    expect(json.suites[0].results.items).toHaveLength(40);
  });

  it('fails the paired gates of a regressed chain against the baseline results, with annotations, and exits 1', async () => {
    const gates =
      '    baseline: { results: out/baseline.json }\n    gates:\n' +
      '      - { kind: no-regression, score: equals, margin: 0.02 }\n' +
      '      - { kind: no-lost-items, score: equals }\n' +
      '      - { kind: max-cost, atMost: 0.001 }';
    const config = write(
      'regressed.yaml',
      `suites:${suite('sums', '{ module: ./calculator-v2.mjs, export: answer }', gates)}`,
    );
    const markdown = path.join(root, 'out/regressed.md');
    const run = await runSextant([
      'eval',
      '-c',
      config,
      '--no-progress',
      '--github-annotations',
      '--markdown',
      markdown,
    ]);
    expect(run.code).toBe(1);
    // Items with a < 0 (ten of them) now give a wrong answer in every repeat.
    expect(run.stdout).toMatch(/FAIL\s+suite sums/);
    expect(run.stdout).toMatch(
      /10 item\(s\) passed every baseline repeat and now fail every repeat: sum-0, sum-1/,
    );
    expect(run.stdout).toMatch(
      /::error file=\S*regressed.yaml,title=sums%3A no-regression\(equals\) margin 0.02 alpha 0.05::mean equals changed by -0.25/,
    );
    expect(run.stdout).toMatch(/mean cost \$0\.0001 per run <= \$0\.001/);
    expect(fs.readFileSync(markdown, 'utf8')).toMatch(/\| no-lost-items\(equals\) \| ❌ failed \|/);
  });

  it('exits 2 with a clear message when a replay cache would fake a statistical gate', async () => {
    const config = write(
      'cached.yaml',
      `suites:${suite('sums', '{ module: ./calculator-v1.mjs }', '    cache: replay\n    gates:\n      - { kind: pass-rate, score: equals, atLeast: 0.9 }')}`,
    );
    const run = await runSextant(['eval', '-c', config, '--no-progress']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /cache 'replay' replays recorded outputs, but gates pass-rate need independent samples; set cache: off/,
    );
  });

  it('exits 2 naming the bad field, an unknown evaluator, and a TypeScript config', async () => {
    const bad = write(
      'bad.yaml',
      'suites:\n  - name: sums\n    dataset: { file: sums.jsonl }\n    task: { module: ./calculator-v1.mjs }\n    evaluators: []\n',
    );
    const badRun = await runSextant(['eval', '-c', bad]);
    expect(badRun.code).toBe(2);
    expect(badRun.stderr).toMatch(/suites\.0\.evaluators: a suite needs at least one evaluator/);
    const typo = write(
      'typo.yaml',
      `suites:${suite('sums', '{ module: ./calculator-v1.mjs }').replace('name: equals', 'name: equal')}`,
    );
    const typoRun = await runSextant(['eval', '-c', typo, '--no-progress']);
    expect(typoRun.code).toBe(2);
    expect(typoRun.stderr).toMatch(/unknown evaluator 'equal' \(did you mean 'equals'\?\)/);
    const ts = write('sextant.eval.ts', 'export default {}');
    expect((await runSextant(['eval', '-c', ts])).stderr).toMatch(/compile it to \.mjs/);
  });

  it('runs the offline suite of the GitHub Actions example as shipped', async () => {
    const example = path.join(root, 'example');
    fs.cpSync(path.resolve(import.meta.dirname, '../../../../examples/github-actions'), example, {
      recursive: true,
    });
    const run = await runSextant([
      'eval',
      '-c',
      path.join(example, 'sextant.eval.yaml'),
      '--suite',
      'answer-format',
      '--no-progress',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/PASS\s+suite answer-format: 3 items, 3 runs/);
    // cache: record kept the outputs for a later replay.
    expect(fs.readdirSync(path.join(example, '.sextant/eval-cache'))).toEqual(['answer-format.json']);
  });

  it('plans items and repeats from the variance of a previous run', async () => {
    const run = await runSextant([
      'eval',
      'plan',
      '--results',
      path.join(root, 'out/baseline.json'),
      '--suite',
      'sums',
      '--score',
      'equals',
      '--effect',
      '0.05',
    ]);
    // Every run of the baseline agreed, so there is no variance to plan from: the planner says so.
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error:/);
  });
});
