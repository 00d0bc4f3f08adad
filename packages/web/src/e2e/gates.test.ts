import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk, apiRequest } from './api-request.js';
import { type ConsoleHarness, startConsoleHarness } from './console-harness.js';

// Deploy › Gates in Chromium: a stored gate run with its evidence, a gated label history with an override and a
// rollback, and a canary with its arms and the sequential test's decision.

const gateRun = (version: number, status: 'passed' | 'failed', estimate: number) => ({
  suite: 'support-answers',
  release: { name: 'support-bot', version },
  dataset: 'support-faq@3',
  verdict: {
    status,
    verdicts: [
      {
        title: 'pass-rate(contains) >= 0.8 @95%',
        status,
        summary: `pass rate ${estimate} (114/120 runs of 40 items); 95% lower bound ${(estimate - 0.06).toFixed(3)}`,
        evidence: {
          estimate,
          interval: { lower: estimate - 0.06, upper: 0.98, level: 0.95 },
          items: 40,
          runs: 120,
          failingItems: ['refund-1'],
        },
      },
    ],
    quarantined: [{ itemId: 'refund-window-2023', reason: 'policy changed in March' }],
  },
  results: { suite: 'support-answers', items: [] },
});

describe('gates', { timeout: 60_000 }, () => {
  let harness: ConsoleHarness;
  let page: Page;
  const api = (method: string, path: string, body?: unknown) =>
    apiOk(harness.url, harness.key, method, path, body);

  beforeAll(async () => {
    harness = await startConsoleHarness();
    await api('POST', '/api/prompts/answer/versions', {
      definition: { type: 'text', template: 'v1 {{q}}' },
      labels: ['production'],
    });
    await api('POST', '/api/prompts/answer/versions', { definition: { type: 'text', template: 'v2 {{q}}' } });
    for (const temperature of [0, 0.3]) {
      await api('POST', '/api/releases/support-bot/versions', {
        definition: { prompts: { answer: 1 }, parameters: { temperature } },
      });
    }
    await api('PUT', '/api/releases/support-bot/labels/production', { version: 1 });
    await api('PUT', '/api/releases/support-bot/gates/production', { suites: ['support-answers'] });
    await api('POST', '/api/gate-runs', gateRun(2, 'failed', 0.71));
    const refused = await apiRequest(
      harness.url,
      harness.key,
      'PUT',
      '/api/releases/support-bot/labels/production',
      { version: 2 },
    );
    expect(refused.status).toBe(409);
    await api('PUT', '/api/releases/support-bot/labels/production', {
      version: 2,
      reason: 'hotfix for incident 12',
    });
    await api('POST', '/api/releases/support-bot/labels/production/rollback', {
      reason: 'answers got worse',
    });
    await api('POST', '/api/canaries', {
      prompt: 'answer',
      candidateVersion: 2,
      share: 0.2,
      score: 'helpful',
    });
    await api('POST', '/api/canaries/evaluate');
    page = (await harness.signedInPage()).page;
    page.setDefaultTimeout(10_000);
  });
  afterAll(() => harness?.stop());

  it('shows gate runs with evidence, label history with override and rollback, and canaries with their arms', async () => {
    await page.goto(`${harness.url}/gates`);
    const runs = page.locator('[data-testid="gate-runs"] tbody tr');
    await expect.poll(() => runs.count()).toBe(1);
    expect(await runs.first().textContent()).toMatch(
      /failed.*support-answers.*support-bot@2.*0\/1 passed.*support-faq@3/,
    );
    await runs.first().click();
    const verdicts = page.getByTestId('gate-verdicts');
    await verdicts.waitFor();
    expect(await verdicts.textContent()).toMatch(
      /pass-rate\(contains\) >= 0.8 @95%.*0\.710 \[0\.650, 0\.980\].*refund-1/,
    );
    expect(await page.getByText('quarantined refund-window-2023: policy changed in March').count()).toBe(1);

    const history = page.getByTestId('label-history-support-bot');
    await expect.poll(() => history.textContent()).toMatch(/production requires support-answers/);
    expect(await history.textContent()).toMatch(
      /production.*v2 → v1.*rollback.*answers got worse.*production.*v1 → v2.*override.*hotfix for incident 12/,
    );

    const canary = page.locator('[data-testid="canaries"] article');
    await expect.poll(() => canary.count()).toBe(1);
    expect(await canary.textContent()).toMatch(
      /running.*answer@production.*v1 vs v2.*baseline v1 · 80% of users.*candidate v2 · 20% of users.*continue.*collecting/,
    );
    await harness.screenshot(page, 'gates');
  });
});
