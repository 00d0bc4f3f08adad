import { type CanonicalSpan, emptySpan } from '@sextant/core';
import { createOnlineEvalJob, JobRunner, OnlineEvalService } from '@sextant/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, startConsoleHarness } from './console-harness.js';

/** One-span traces over the last 50 minutes: release bot@1 answers JSON half the time, bot@2 always. */
function productionTraces(): CanonicalSpan[] {
  const now = Date.now();
  return Array.from({ length: 120 }, (_, index) => {
    const release = index % 2 === 0 ? 'bot@1' : 'bot@2';
    const json = release === 'bot@2' || index % 4 === 0;
    const startUs = (now - 50 * 60_000 + index * 25_000) * 1000;
    const id = (0x0e2e_0000 + index).toString(16);
    return {
      ...emptySpan({
        traceId: id.padStart(32, '0'),
        spanId: id.padStart(16, '0'),
        name: 'answer',
        startTimeUs: startUs,
        endTimeUs: startUs + 400_000,
      }),
      kind: 'llm',
      model: 'gpt-4o',
      releaseId: release,
      output: { type: 'text', text: json ? '{"answer": "refund in 30 days"}' : 'Refunds take 30 days.' },
    };
  });
}

describe('online evaluation in the console', { timeout: 60_000 }, () => {
  let harness: ConsoleHarness;
  let page: Page;
  beforeAll(async () => {
    harness = await startConsoleHarness();
    await new OnlineEvalService(harness.store).create('acme', {
      name: 'answers-are-json',
      evaluators: [{ name: 'json-valid' }],
    });
    await harness.store.insertSpans('acme', productionTraces());
    await harness.store.jobs.enqueue({
      projectId: 'acme',
      kind: 'online-eval.run',
      dedupeKey: 'online-eval.run',
    });
    await new JobRunner({ store: harness.store }).register('online-eval.run', createOnlineEvalJob()).tick();
    page = (await harness.signedInPage()).page;
  });
  afterAll(() => harness?.stop());

  it('charts online scores over time per release on the monitoring page', async () => {
    await page.goto(`${harness.url}/monitoring?window=1h`);
    const scores = page.getByRole('region', { name: 'Scores' });
    await expect
      .poll(() => scores.getByLabel('Score', { exact: true }).inputValue(), { timeout: 10_000 })
      .toBe('json-valid');
    const mean = page.getByRole('region', { name: 'Mean json-valid by release' });
    await mean.locator('canvas').waitFor();
    const legend = await mean.locator('.u-legend .u-series th').allTextContents();
    expect(legend.slice(1).sort()).toEqual(['bot@1', 'bot@2']);
    await page.getByRole('region', { name: 'Pass rate json-valid by release' }).locator('canvas').waitFor();
    expect(await scores.textContent()).toContain('120 scores in this window');
    await scores.scrollIntoViewIfNeeded();
    await harness.screenshot(page, 'monitoring-scores');

    await scores.getByLabel('Split scores by').selectOption('none');
    const overall = page.getByRole('region', { name: 'Mean json-valid' });
    await overall.locator('canvas').waitFor();
    expect((await overall.locator('.u-legend .u-series th').allTextContents()).slice(1)).toEqual(['all']);
  });

  it('shows the online score on the scored trace', async () => {
    const traceId = (0x0e2e_0000 + 1).toString(16).padStart(32, '0'); // bot@2: always JSON
    await page.goto(`${harness.url}/traces/${traceId}`);
    const chips = page.getByTestId('trace-scores');
    await expect
      .poll(() => chips.textContent(), { timeout: 10_000 })
      .toMatch(/json-valid 1 ✓ · online · json-valid/);
  });

  it('lists, creates, pauses and refuses bad rules on the rules page', async () => {
    await page.goto(`${harness.url}/online-evals`);
    const table = page.getByTestId('online-eval-rules');
    await table.getByText('answers-are-json').waitFor();

    await page.getByRole('button', { name: 'New rule' }).click();
    const form = page.getByRole('form', { name: 'New rule' });
    await form.getByLabel('Name', { exact: true }).fill('mentions-refund');
    await form.getByLabel(/Sample/).fill('25');
    await form.getByLabel('Release').fill('bot@2');
    await form.getByLabel(/Evaluators/).fill('contains values=refund|credit mode=any ignoreCase=true');
    await form.getByRole('button', { name: 'Create rule' }).click();
    await table.getByText('mentions-refund').waitFor();
    const created = (await harness.store.onlineEvals.listRules('acme')).find(
      (rule) => rule.name === 'mentions-refund',
    );
    expect(created).toMatchObject({
      sampleRate: 0.25,
      filter: { releaseId: 'bot@2' },
      evaluators: [
        { name: 'contains', settings: { values: ['refund', 'credit'], mode: 'any', ignoreCase: true } },
      ],
      enabled: true,
    });

    // The box follows the stored rule: it clears once the server has paused it.
    await page.getByLabel('mentions-refund enabled').click();
    await expect.poll(() => page.getByLabel('mentions-refund enabled').isChecked()).toBe(false);
    await expect
      .poll(async () => (await harness.store.onlineEvals.getRule('acme', created!.id))?.enabled)
      .toBe(false);
    // Pausing changes nothing else about the rule.
    expect(await harness.store.onlineEvals.getRule('acme', created!.id)).toMatchObject({
      sampleRate: 0.25,
      filter: { releaseId: 'bot@2' },
    });
    expect(await page.getByTestId('online-eval-rules').textContent()).toContain('25%');

    await page.getByRole('button', { name: 'New rule' }).click();
    await form.getByLabel('Name', { exact: true }).fill('vibes');
    await form.getByLabel(/Evaluators/).fill('vibes');
    await form.getByRole('button', { name: 'Create rule' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/unknown evaluator 'vibes'/);
    expect((await harness.store.onlineEvals.listRules('acme')).map((rule) => rule.name)).toEqual([
      'answers-are-json',
      'mentions-refund',
    ]);
    await harness.screenshot(page, 'online-evals');
  });

  it('turns retention on and off from the retention page, with the audited history', async () => {
    await page.goto(`${harness.url}/settings/retention`);
    const status = page.getByTestId('retention-status');
    await expect.poll(() => status.textContent()).toMatch(/^Off/);
    await page.getByLabel('Keep (days)').fill('45');
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect.poll(() => status.textContent()).toMatch(/older than 45 days are deleted/);
    expect((await harness.store.retention.get('acme')).days).toBe(45);
    await page.getByRole('button', { name: 'Turn off' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^Off/);
    const history = page.getByRole('region', { name: 'Retention history' });
    await expect.poll(() => history.locator('tbody tr').count()).toBe(2);
    expect(await history.textContent()).toContain('Changed from 45 days to off');
    expect(await history.textContent()).toContain('Changed from off to 45 days');
    await harness.screenshot(page, 'retention');
  });
});
