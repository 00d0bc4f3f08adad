import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, startConsoleHarness } from './console-harness.js';
import { type SeededData, seedConsoleData } from './seed-console-data.js';

/** How many opaque, saturated pixels the chart's canvas holds: the series lines (grid and axes are grey). */
function seriesPixels(chart: Locator): Promise<number> {
  return chart.locator('canvas').evaluate((canvas) => {
    const element = canvas as HTMLCanvasElement;
    const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height);
    let count = 0;
    for (let index = 0; index < data.length; index += 4) {
      const [red, green, blue, alpha] = [data[index]!, data[index + 1]!, data[index + 2]!, data[index + 3]!];
      if (alpha > 200 && Math.max(red, green, blue) - Math.min(red, green, blue) > 80) count++;
    }
    return count;
  });
}

const chartTitled = (page: Page, title: string) => page.getByRole('region', { name: title });

describe('monitoring dashboard', { timeout: 60_000 }, () => {
  let harness: ConsoleHarness;
  let seeded: SeededData;
  let page: Page;
  const requested: string[] = [];
  beforeAll(async () => {
    harness = await startConsoleHarness();
    seeded = await seedConsoleData(harness.url, harness.key);
    page = (await harness.signedInPage()).page;
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  });
  afterAll(() => harness?.stop());

  it('loads the chart library only when a chart is shown', async () => {
    await page.goto(`${harness.url}/traces`);
    await page.locator('tbody tr').first().waitFor();
    await page.waitForTimeout(2_000); // past the idle prefetch of the other pages
    expect(requested.filter((path) => path.includes('uplot'))).toEqual([]);
    await page.getByRole('link', { name: 'Monitoring' }).click();
    await page.getByTestId('uplot-chart').first().waitFor();
    expect(requested.filter((path) => /\/assets\/uplot-chart-.*\.js$/.test(path))).toHaveLength(1);
  });

  it('charts volume, error rate, latency, tokens and cost over the window, with totals', async () => {
    await page.goto(`${harness.url}/monitoring?window=1h`);
    const charts = page.getByTestId('metric-chart');
    await expect.poll(() => charts.locator('canvas').count(), { timeout: 10_000 }).toBe(5);
    expect(await charts.locator('h2').allTextContents()).toEqual([
      'Requests',
      'Error rate',
      'Latency p50 / p95 / p99',
      'Tokens',
      expect.stringMatching(/^CostUSD/),
    ]);
    const totals = await page.getByTestId('metric-totals').textContent();
    expect(totals).toContain(`Requests${seeded.traceCount}`);
    expect(totals).toContain('Errors7 (');
    for (const title of ['Requests', 'Error rate', 'Latency p50 / p95 / p99', 'Tokens']) {
      // A drawn line covers at least a couple hundred pixels; an empty chart has none.
      expect(await seriesPixels(chartTitled(page, title)), title).toBeGreaterThan(200);
      expect(await chartTitled(page, title).getByText('no data in this window').count(), title).toBe(0);
    }
    const latencyLegend = await chartTitled(page, 'Latency p50 / p95 / p99')
      .locator('.u-legend')
      .textContent();
    expect(latencyLegend).toMatch(/p50.*p95.*p99/);
    await harness.screenshot(page, 'monitoring');
  });

  it('groups by model, span name or tag, one line per group', async () => {
    await page.goto(`${harness.url}/monitoring?window=1h`);
    await page.getByLabel('Group by').selectOption('model');
    const requests = chartTitled(page, 'Requests by model');
    await requests.locator('canvas').waitFor();
    const labels = await requests.locator('.u-legend .u-series th').allTextContents();
    expect(labels.slice(1).sort()).toEqual(['claude-3-5-sonnet', 'gpt-4o', 'gpt-4o-mini']);
    expect(await page.getByText('Grouped by model, a request is one model call.').count()).toBe(1);
    await harness.screenshot(page, 'monitoring-by-model');

    await page.getByLabel('Group by').selectOption('tag');
    const byTag = chartTitled(page, 'Requests by tag');
    await byTag.locator('canvas').waitFor();
    await expect
      .poll(async () => (await byTag.locator('.u-legend .u-series th').allTextContents()).slice(1).sort())
      .toEqual(['billing', 'prod', 'rag', 'shipping']);
    await page.getByLabel('Latency percentile').selectOption('latencyP99Ms');
    await chartTitled(page, 'Latency p99 by tag').waitFor();
  });

  it('switches windows: 1 hour, 24 hours, 7 days, 30 days', async () => {
    await page.goto(`${harness.url}/monitoring`);
    for (const [label, bucket] of [
      ['1 hour', '1 minute'],
      ['24 hours', '15 minutes'],
      ['7 days', '6 hours'],
      ['30 days', '6 hours'],
    ]) {
      await page.getByRole('button', { name: label, exact: true }).click();
      await expect
        .poll(() => page.getByRole('button', { name: label, exact: true }).getAttribute('aria-pressed'))
        .toBe('true');
      await page.getByText(`One point per ${bucket}.`).waitFor();
      await expect
        .poll(() => page.getByTestId('metric-totals').textContent())
        .toContain(`Requests${seeded.traceCount}`);
    }
  });
});
