import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from './api-request.js';
import { type ConsoleHarness, startConsoleHarness } from './console-harness.js';

// A bake-off as `sextant models bakeoff` records it: one experiment per model tagged with metadata.bakeoff,
// item runs with latency and cost, and token-f1 scores. Three models: a dear good one, a cheap decent one,
// and a dear poor one that the Pareto front leaves out.
const contenders = [
  { model: 'openai/gpt-4o', quality: [1, 0.9, 0.8, 1], cost: 0.002 },
  { model: 'openai/gpt-4o-mini', quality: [0.8, 0.7, 0.9, 0.6], cost: 0.0002 },
  { model: 'anthropic/claude-3-opus', quality: [0.5, 0.4, 0.6, 0.5], cost: 0.01 },
];

async function seedBakeoff(url: string, key: string) {
  await apiOk(url, key, 'POST', '/api/datasets', { name: 'faq' });
  await apiOk(url, key, 'POST', '/api/datasets/faq/items', {
    items: [1, 2, 3, 4].map((index) => ({ id: `i${index}`, input: `question ${index}` })),
  });
  const bakeoff = {
    id: 'bakeoff-e2e',
    models: contenders.map((entry) => entry.model),
    qualityMetric: 'token-f1',
  };
  for (const [index, contender] of contenders.entries()) {
    const id = `bakeoff-e2e-${index + 1}`;
    await apiOk(url, key, 'POST', '/api/experiments', {
      id,
      name: `bake-off faq: ${contender.model}`,
      datasetName: 'faq',
      model: contender.model,
      repeats: 1,
      evaluators: [{ name: 'token-f1', version: '1' }],
      metadata: { bakeoff },
    });
    const runs = contender.quality.map((_, item) => ({
      itemId: `i${item + 1}`,
      repeat: 0,
      traceId: randomBytes(16).toString('hex'),
      output: 'answer',
      latencyMs: 200 + 100 * index + item,
      cost: contender.cost,
    }));
    const scores = runs.map((run, item) => ({
      traceId: run.traceId,
      name: 'token-f1',
      value: contender.quality[item],
      source: 'experiment',
      experimentId: id,
    }));
    await apiOk(url, key, 'POST', `/api/experiments/${id}/results`, { runs, scores });
    await apiOk(url, key, 'PATCH', `/api/experiments/${id}`, { status: 'completed' });
  }
}

describe('bake-off console', { timeout: 60_000 }, () => {
  let harness: ConsoleHarness;
  let page: Page;
  beforeAll(async () => {
    harness = await startConsoleHarness();
    await seedBakeoff(harness.url, harness.key);
    page = (await harness.signedInPage()).page;
    page.setDefaultTimeout(10_000);
  });
  afterAll(() => harness?.stop());

  it('lists bake-offs and shows quality against cost with intervals and the Pareto front', async () => {
    await page.goto(`${harness.url}/models`);
    await page.getByRole('link', { name: 'Bake-offs' }).click();
    await page.getByRole('link', { name: 'bakeoff-e2e' }).click();
    await expect.poll(() => page.getByTestId('bakeoff-id').textContent()).toBe('bakeoff-e2e');
    const rows = page.locator('[data-testid="bakeoff-table"] tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(0).textContent()).toMatch(
      /^openai\/gpt-4o\s*Pareto front0\.925 \[0\.8\d\d, 1\.000\]/,
    );
    expect(await rows.nth(1).getAttribute('data-front')).toBe('true');
    expect(await rows.nth(2).getAttribute('data-front')).toBe('false');
    expect(await rows.nth(2).textContent()).toContain('$0.010');
    const chart = page.getByTestId('bakeoff-chart').locator('canvas');
    await chart.waitFor();
    const box = await chart.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    await harness.screenshot(page, 'bakeoff');
    // Each model's runs are an experiment: the paired comparison is one click away.
    await rows.nth(1).getByRole('link', { name: 'compare with openai/gpt-4o' }).click();
    await expect
      .poll(() => new URL(page.url()).search)
      .toBe('?baseline=bakeoff-e2e-1&candidate=bakeoff-e2e-2');
  });
});
