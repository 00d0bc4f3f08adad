import { type CanonicalSpan, emptySpan } from '@sextant/core';
import { DriftService } from '@sextant/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, startConsoleHarness } from './console-harness.js';

const hour = 3600_000;
const billing = [
  'Why was I charged twice this month?',
  'How do I update the card you bill me on?',
  'Can I get a copy of last month invoice as a PDF?',
  'Why did my bill go up this month?',
  'Do you charge VAT for customers in Germany?',
  'Can I pay by bank transfer instead of card?',
  'How do refunds work if I downgrade?',
  'Where do I download my receipts?',
  'I was billed after I cancelled, please refund me',
  'Can I switch from monthly to annual billing?',
];
const crashes = [
  'The iPhone app crashes as soon as I open it',
  'The Android app is stuck on the splash screen',
  'The app freezes when I try to upload a photo',
  'The app crashes when I rotate my phone',
  'After the update the app shows a white screen',
  'The tablet app crashes on startup',
  'The app crashes when I open a large attachment',
  'Push notifications make the app crash',
  'The mobile app crashes on Android 10',
  'The beta version of the app keeps crashing',
];

/** Root spans asking each question, spread over an hour starting at `start`. */
function questions(texts: string[], start: number, offset: number): CanonicalSpan[] {
  return texts.map((text, index) => {
    const id = (0x0d1f_0000 + offset + index).toString(16);
    const startUs = (start + index * 60_000) * 1000;
    return {
      ...emptySpan({
        traceId: id.padStart(32, '0'),
        spanId: id.padStart(16, '0'),
        name: 'support-answer',
        startTimeUs: startUs,
        endTimeUs: startUs + 900_000,
      }),
      input: { type: 'messages', messages: [{ role: 'user', content: text }] },
    };
  });
}

describe('drift in the console', { timeout: 90_000 }, () => {
  let harness: ConsoleHarness;
  let page: Page;
  let pageErrors: Error[];
  beforeAll(async () => {
    harness = await startConsoleHarness();
    const now = Date.now();
    // Reference two days ago: billing questions. Current (last hours): half billing, half the app crashing.
    await harness.store.insertSpans('acme', [
      ...questions([...billing, ...billing.map((text) => `${text} Thanks!`)], now - 50 * hour, 0),
      ...questions([...billing.slice(0, 5), ...crashes.slice(0, 5)], now - 6 * hour, 100),
      ...questions([...billing.slice(5), ...crashes.slice(5)], now - 3 * hour, 200),
    ]);
    const drift = new DriftService(harness.store);
    const monitor = await drift.createMonitor('acme', {
      name: 'support questions',
      reference: { type: 'range', start: new Date(now - 51 * hour), end: new Date(now - 48 * hour) },
      currentWindowHours: 12,
    });
    await drift.runCheck('acme', monitor.id);
    ({ page, pageErrors } = await harness.signedInPage());
  }, 90_000);
  afterAll(() => harness?.stop());

  it('lists monitors and reports, shows the report with charts, topics and linked example traces', async () => {
    await page.goto(`${harness.url}/drift`);
    const monitors = page.getByRole('table', { name: 'Drift monitors' });
    await monitors.getByText('support questions').waitFor();
    expect(await monitors.textContent()).toContain('last 12 h');

    // Run now adds a second report (the embeddings are reused, so it is quick).
    await monitors.getByRole('button', { name: 'Run now' }).click();
    const reports = page.getByRole('table', { name: 'Drift reports' });
    await expect.poll(() => reports.locator('tbody tr').count(), { timeout: 30_000 }).toBe(2);
    expect(await reports.textContent()).toContain('20 vs 20');

    await reports.getByRole('link').first().click();
    await page.getByTestId('drift-verdict').waitFor();
    expect(await page.getByTestId('drift-verdict').textContent()).toMatch(/^drift in /);
    const features = page.getByRole('table', { name: 'Drift features' });
    expect(await features.textContent()).toContain('maximum-mean-discrepancy');
    expect(await features.textContent()).toContain('text.characters');
    await page.getByTestId('distribution-chart').locator('canvas').waitFor();
    const legend = await page
      .getByTestId('distribution-chart')
      .locator('.u-legend .u-series th')
      .allTextContents();
    expect(legend.slice(1)).toEqual(['reference', 'current']);
    await features.getByText('text.words').click();
    expect(await page.getByRole('heading', { name: /Distribution of text.words/ }).count()).toBe(1);

    const topics = page.getByRole('table', { name: 'Drift topics' });
    const grown = topics.locator('tbody tr').first();
    expect(await grown.textContent()).toMatch(/appeared|grown/);
    await page
      .getByRole('region', { name: 'Topic shares over the current window' })
      .locator('canvas')
      .waitFor();
    await harness.screenshot(page, 'drift-report');

    const example = grown.getByRole('link').first();
    const text = (await example.textContent()) ?? '';
    expect(crashes).toContain(text);
    await example.click();
    await page.waitForURL(/\/traces\/[0-9a-f]{32}/);
    await page.getByText(text).first().waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('explains a bad monitor instead of creating it', async () => {
    await page.goto(`${harness.url}/drift`);
    await page.getByRole('button', { name: 'New monitor' }).click();
    await page.getByLabel('Name', { exact: true }).fill('from a dataset');
    await page.getByLabel('Reference').selectOption('dataset');
    await page.getByLabel('Dataset', { exact: true }).fill('golden');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/dataset 'golden' not found/);
  });
});
