// The example's end-to-end test: the whole walk-through on a fresh embedded store, offline, then a real
// Chromium opening the console on the same store to find what each phase left behind.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestModel } from '../../../../packages/providers/src/test-support/test-model.js';
import type { DemoResults } from './phases.js';
import { cliPath } from './sextant-process.js';

const demo = fileURLToPath(new URL('../../dist/demo/main.js', import.meta.url));
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-demo-'));
const resultFile = path.join(directory, 'result.json');
let results: DemoResults & { url: string; apiKey: string; db: string };
let output = '';

beforeAll(async () => {
  if (!fs.existsSync(demo)) throw new Error(`${demo} is missing: run \`npm run build\` first`);
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [demo, '--keep-running', 'false', '--result-file', resultFile],
      {
        env: {
          ...process.env,
          SEXTANT_DEMO_PORT: '0',
          SEXTANT_LOCAL_MODEL: findTestModel(),
          SEXTANT_LOCAL_MODEL_THREADS: '1',
        },
        timeout: 480_000,
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        output = `${stdout}${stderr}`;
        if (error) reject(new Error(`the walk-through failed:\n${output.slice(-4000)}`));
        else resolve();
      },
    );
  });
  results = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
}, 500_000);
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

describe('npm run demo: the support assistant through all five phases', () => {
  it('Discover: registers the local model beside the built-in baseline', () => {
    expect(results.models).toEqual(['sextant/extractive-baseline', 'local/demo-model']);
    expect(output).toMatch(/693 models in the garden/);
  });

  it('Develop: an agent looks up a real trace and answers from the docs', () => {
    expect(results.releases.wide).toBe(results.releases.narrow + 1);
    expect(results.agentAnswer.steps).toEqual(['lookup_trace', 'search_docs']);
    expect(results.agentAnswer.answer).toMatch(/^Trace [0-9a-f]{32} is "support agent" with \d+ spans/);
  });

  it('Evaluate: two experiments with scores, a paired comparison, and a bake-off with intervals', () => {
    const metrics = results.evaluation.comparison.map((metric) => metric.name).sort();
    expect(metrics).toEqual(['context-recall', 'embedding-similarity', 'token-f1']);
    const f1 = results.evaluation.comparison.find((metric) => metric.name === 'token-f1');
    // The extractive baseline answers with a documentation sentence: well above chance on this dataset.
    expect(f1?.meanBaseline).toBeGreaterThan(0.5);
    expect(f1?.interval.lower).toBeLessThanOrEqual(f1?.meanDifference ?? 0);
    expect(results.bakeoff?.contenders.map((contender) => contender.model).sort()).toEqual([
      'local/demo-model',
      'sextant/extractive-baseline',
    ]);
    const baseline = results.bakeoff?.contenders.find(
      (contender) => contender.model === 'sextant/extractive-baseline',
    );
    const stories = results.bakeoff?.contenders.find((contender) => contender.model === 'local/demo-model');
    // The story model writes stories: judged on mechanics, it must still lose to the baseline.
    expect(baseline?.quality?.estimate ?? 0).toBeGreaterThan(stories?.quality?.estimate ?? 1);
  });

  it('Deploy: the gate refuses promotion until it passed, then production moves', () => {
    expect(results.deployment.refusedBeforeGate).toBe(true);
    expect(results.deployment.gateExitCode).toBe(0);
    expect(results.deployment.promotedVersion).toBeGreaterThan(0);
    expect(results.deployment.markdown).toMatch(/support-answers/);
  });

  it('Govern: online scores, a drift report that found the billing questions, and an alert at the webhook', () => {
    expect(results.governance.onlineScores).toBeGreaterThanOrEqual(results.governance.productionTraces);
    expect(results.governance.drift.drifted).toBe(true);
    expect(results.governance.alertReceived).toBe(true);
  });

  it('the console shows each phase from the same store (Chromium)', async () => {
    const server = spawn(process.execPath, [cliPath, 'serve', '--db', results.db, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let browser: Browser | undefined;
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`no server:\n${text}`)), 30_000);
        server.stdout?.on('data', (chunk: Buffer) => {
          text += chunk;
          const found = /listening on (http:\/\/\S+)/.exec(text)?.[1];
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        });
      });
      browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      // Signed in as the console keeps it: the key entered once, in this browser's storage.
      const saved = JSON.stringify([{ label: 'demo', key: results.apiKey }]);
      await context.addInitScript({
        content: `localStorage.setItem('sextant.savedKeys', ${JSON.stringify(saved)}); localStorage.setItem('sextant.activeKey', ${JSON.stringify(results.apiKey)});`,
      });
      const page = await context.newPage();
      const visit = async (route: string, expected: RegExp) => {
        await page.goto(`${url}${route}`);
        await page.getByText(expected).first().waitFor({ timeout: 15_000 });
      };
      await visit('/experiments', /support-assistant@2 \(top_k 5\)/);
      await visit(`/experiments/${results.evaluation.experiments.wide}`, /token-f1/);
      await visit('/gates', /support-answers/);
      await visit('/drift', /what users ask/);
      await visit('/alerts', /question-drift/);
      await visit('/releases/support-assistant', /production/);
      await visit('/models/bakeoffs', /support-qa-with-context/);
    } finally {
      await browser?.close();
      server.kill('SIGTERM');
    }
  }, 120_000);
});
