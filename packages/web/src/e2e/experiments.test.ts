import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from './api-request.js';
import { type ConsoleHarness, startConsoleHarness } from './console-harness.js';

/** Two experiments over the same four items, two repeats each, with `contains` pass/fail scores. */
async function seedExperiments(url: string, key: string) {
  await apiOk(url, key, 'POST', '/api/datasets', { name: 'faq' });
  const items = ['a', 'b', 'c', 'd'].map((id) => ({
    id,
    input: `question ${id}`,
    expectedOutput: `answer ${id}`,
  }));
  await apiOk(url, key, 'POST', '/api/datasets/faq/items', { items });
  const seed = async (id: string, name: string, outcomes: Record<string, number[]>, prefix: string) => {
    await apiOk(url, key, 'POST', '/api/experiments', {
      id,
      name,
      datasetName: 'faq',
      repeats: 2,
      evaluators: [{ name: 'contains', version: '1' }],
      ...(id === 'candidate' ? { release: { name: 'bot', version: 2 } } : {}),
    });
    const runs = [];
    const scores = [];
    for (const [item, results] of Object.entries(outcomes)) {
      for (const [repeat, outcome] of results.entries()) {
        const traceId = `${prefix}${item.charCodeAt(0).toString(16)}${repeat}`.padStart(32, '0');
        runs.push({
          itemId: item,
          repeat,
          traceId,
          output: outcome ? `answer ${item}` : 'no idea',
          latencyMs: 40,
        });
        scores.push({ traceId, name: 'contains', value: outcome, passed: outcome === 1 });
      }
    }
    await apiOk(url, key, 'POST', `/api/experiments/${id}/results`, { runs, scores });
    await apiOk(url, key, 'PATCH', `/api/experiments/${id}`, { status: 'completed' });
  };
  await seed('baseline', 'prompt v1', { a: [1, 1], b: [0, 0], c: [0, 1], d: [0, 0] }, '1');
  await seed('candidate', 'prompt v2', { a: [1, 1], b: [1, 1], c: [1, 1], d: [1, 1] }, '2');
}

/** 250 items (more than two pages of 100), two repeats; every seventh item's repeats disagree. */
async function seedLongExperiment(url: string, key: string) {
  const ids = Array.from({ length: 250 }, (_, index) => `item-${String(index).padStart(3, '0')}`);
  await apiOk(url, key, 'POST', '/api/datasets', { name: 'long' });
  await apiOk(url, key, 'POST', '/api/datasets/long/items', {
    items: ids.map((id) => ({ id, input: `question ${id}` })),
  });
  await apiOk(url, key, 'POST', '/api/experiments', {
    id: 'long',
    name: 'long run',
    datasetName: 'long',
    repeats: 2,
    evaluators: [{ name: 'contains', version: '1' }],
  });
  const runs = ids.flatMap((itemId, index) =>
    [0, 1].map((repeat) => ({
      itemId,
      repeat,
      traceId: `3${index.toString(16).padStart(3, '0')}${repeat}`.padStart(32, '0'),
      output: `answer ${itemId}`,
      latencyMs: 40,
    })),
  );
  const passed = (run: (typeof runs)[number]) => !(run.repeat === 1 && ids.indexOf(run.itemId) % 7 === 0);
  const scores = runs.map((run) => ({
    traceId: run.traceId,
    name: 'contains',
    value: Number(passed(run)),
    passed: passed(run),
  }));
  await apiOk(url, key, 'POST', '/api/experiments/long/results', { runs, scores });
  return { ids, flakyIds: ids.filter((_, index) => index % 7 === 0) };
}

const cells = (page: Page, testId: string, row: string) =>
  page.getByTestId(testId).locator(`tr[${row}] td`).allTextContents();

describe('experiments console', { timeout: 90_000 }, () => {
  let harness: ConsoleHarness;
  let page: Page;
  let pageErrors: Error[];
  beforeAll(async () => {
    harness = await startConsoleHarness();
    await seedExperiments(harness.url, harness.key);
    ({ page, pageErrors } = await harness.signedInPage());
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('shows an experiment with Wilson intervals on clustered repeats, flaky items and trace links', async () => {
    await page.goto(`${harness.url}/experiments`);
    await page.getByTestId('experiments-table').getByRole('link', { name: 'prompt v1' }).click();
    await expect
      .poll(() => page.getByTestId('experiment-facts').textContent())
      .toMatch(/faq v1 · custom task · 2 repeat\(s\) · 8\/8 runs · 0 errors · completed/);
    // Item pass fractions 1, 0, 0.5, 0: 1.5 of 4; Wilson 95% interval [9.2%, 78.1%].
    await page.getByTestId('experiment-metrics').waitFor();
    const metric = await page.getByTestId('experiment-metrics').locator('tbody tr td').allTextContents();
    expect(metric).toEqual([
      'contains',
      '0.375',
      '[0.000, 0.750]',
      'contains interval',
      '37.5%',
      '[9.2%, 78.1%]',
      '4',
      '1',
    ]);
    const itemC = await cells(page, 'experiment-items', 'data-item="c"');
    expect(itemC.slice(0, 3)).toEqual(['c', '0.500', 'flaky']);
    expect((await cells(page, 'experiment-items', 'data-item="a"'))[2]).toBe('');
    await page
      .getByTestId('experiment-items')
      .locator('tr[data-item="b"]')
      .getByRole('link', { name: 'run 1' })
      .click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/traces/${'1620'.padStart(32, '0')}`);
    await harness.screenshot(page, 'experiment-trace-link');
  });

  it('pages the items of a large experiment with Load more, and filters flaky items over all of them', async () => {
    const { ids, flakyIds } = await seedLongExperiment(harness.url, harness.key);
    await page.goto(`${harness.url}/experiments/long`);
    const rows = () =>
      page
        .getByTestId('experiment-items')
        .locator('tbody tr')
        .evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-item')));
    const count = () => page.getByTestId('experiment-items-count').textContent();
    await expect.poll(count).toBe('Showing 100 of 250 items, by item id.');
    expect(await rows()).toEqual(ids.slice(0, 100));
    // The aggregates cover all 250 items, not only the page shown.
    const metric = await page.getByTestId('experiment-metrics').locator('tbody tr td').allTextContents();
    expect(metric.slice(-2)).toEqual(['250', String(flakyIds.length)]);
    const loadMore = page.getByRole('button', { name: 'Load more' });
    await loadMore.click();
    await expect.poll(count).toBe('Showing 200 of 250 items, by item id.');
    await loadMore.click();
    await expect.poll(count).toBe('Showing 250 of 250 items, by item id.');
    expect(await rows()).toEqual(ids);
    await expect.poll(() => loadMore.count()).toBe(0);
    // The flaky filter asks the server, so it finds flaky items on pages not loaded yet.
    await page.reload();
    await expect.poll(count).toBe('Showing 100 of 250 items, by item id.');
    await page.getByLabel('only flaky items').check();
    await expect
      .poll(count)
      .toBe(`Showing ${flakyIds.length} of ${flakyIds.length} flaky items, by item id.`);
    expect(await rows()).toEqual(flakyIds);
    await page.getByLabel('only flaky items').uncheck();
    await expect.poll(count).toBe('Showing 100 of 250 items, by item id.');
    await harness.screenshot(page, 'experiment-items-paged');
    expect(pageErrors).toEqual([]);
  });

  it('compares baseline and candidate: paired difference, interval, p-values, McNemar, sortable items', async () => {
    await page.goto(`${harness.url}/experiments`);
    await page.getByLabel('Pick prompt v1 to compare').check();
    await page.getByLabel('Pick prompt v2 to compare').check();
    await page.getByRole('button', { name: 'Compare 2/2' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?baseline=baseline&candidate=candidate');
    // Item differences 0, 1, 0.5, 1: mean 0.625; exact sign-flip p = 4/16; McNemar 0 vs 3 discordant, p = 0.25.
    await page.getByTestId('comparison-metrics').waitFor();
    const row = await cells(page, 'comparison-metrics', 'data-metric="contains"');
    expect(row[0]).toBe('contains');
    expect(row.slice(1, 4)).toEqual(['0.375', '1.000', '+0.625']);
    expect(row[4]).toMatch(/^\[\+0\.\d{3}, \+\d\.\d{3}\]$/);
    expect(row.slice(6)).toEqual(['0.250', '0/3', '0.250']);
    const order = () =>
      page
        .getByTestId('comparison-items')
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((entry) => entry.getAttribute('data-item')));
    await expect.poll(order).toEqual(['a', 'c', 'b', 'd']);
    await page.getByTestId('comparison-items').getByRole('button', { name: 'Δ contains' }).click();
    await expect.poll(order).toEqual(['d', 'b', 'c', 'a']);
    expect(await cells(page, 'comparison-items', 'data-item="b"')).toEqual([
      'b',
      '+1.000',
      '#1no idea#2no idea0.000',
      '#1answer b#2answer b1.000',
    ]);
    await harness.screenshot(page, 'experiment-compare');
    expect(pageErrors).toEqual([]);
  });
});
