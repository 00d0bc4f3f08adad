import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk, apiRequest } from './api-request.js';
import { type ConsoleHarness, startConsoleHarness } from './console-harness.js';
import { type SeededRegistry, seedRegistry } from './seed-registry.js';

const selectedVersion = (page: Page) =>
  page.locator('[data-testid="version-list"] [aria-current="true"]').getAttribute('data-version');
const labelRow = (page: Page, label: string) =>
  page.locator(`[data-testid="labels-panel"] li[data-label="${label}"]`);

describe('prompts', { timeout: 60_000 }, () => {
  let harness: ConsoleHarness;
  let seeded: SeededRegistry;
  let page: Page;
  beforeAll(async () => {
    harness = await startConsoleHarness();
    seeded = await seedRegistry(harness.url, harness.key);
    page = (await harness.signedInPage()).page;
    page.setDefaultTimeout(10_000); // a missing element fails the step instead of the whole test
  });
  afterAll(() => harness?.stop());

  it('lists prompts with their labels, and opens one with the keyboard', async () => {
    await page.goto(`${harness.url}/prompts`);
    const rows = page.locator('[data-testid="prompts-table"] tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const support = rows.filter({ hasText: 'support-answer' });
    expect(await support.textContent()).toMatch(/chat.*v3.*production.*v1.*staging.*v2/);
    await harness.screenshot(page, 'prompts-list');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('registry-name').textContent()).toBe('greet');
    await page.keyboard.press('Escape');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/prompts');
  });

  it('shows the version history, and any version with its messages, variables and model', async () => {
    await page.goto(`${harness.url}/prompts/support-answer`);
    const versions = page.locator('[data-testid="version-list"] li');
    await expect.poll(() => versions.count()).toBe(3);
    expect(await versions.allTextContents()).toEqual([
      expect.stringMatching(/v3.*latest.*Cite the policy.*alice/),
      expect.stringMatching(/v2.*staging.*Shorter answers.*bob/),
      expect.stringMatching(/v1.*production.*First support prompt.*alice/),
    ]);
    expect(await selectedVersion(page)).toBe('3');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect.poll(() => selectedVersion(page)).toBe('1');
    const version = page.getByTestId('prompt-version');
    await expect
      .poll(() => version.locator('[data-role="system"]').textContent())
      .toContain('You are a {{tone}} support agent.');
    expect(await version.textContent()).toMatch(/tone.*string.*no.*friendly/);
    expect(await version.getByRole('link', { name: 'openai/gpt-4o-mini' }).count()).toBe(1);
    await harness.screenshot(page, 'prompt-history');
  });

  it('diffs any two versions in colour', async () => {
    await page.goto(`${harness.url}/prompts/support-answer?version=3`);
    await page.getByTestId('version-list').waitFor();
    await page.keyboard.press('d');
    const diff = page.getByTestId('diff-view');
    await expect.poll(() => diff.locator('[data-diff="added"]').count()).toBeGreaterThan(0);
    // v2 → v3 by default: the policy line is new and the temperature changed.
    const added = await diff.locator('[data-diff="added"]').allTextContents();
    expect(added.join('\n')).toContain('Cite the policy.');
    expect(added.join('\n')).toContain('temperature: 0.3');
    expect((await diff.locator('[data-diff="removed"]').allTextContents()).join('\n')).toContain(
      'temperature: 0.2',
    );
    await page.getByLabel('Diff from').selectOption('1');
    await expect
      .poll(async () => (await diff.locator('[data-diff="removed"]').allTextContents()).join('\n'))
      .toContain('You are a {{tone}} support agent.');
    const color = await diff
      .locator('[data-diff="added"]')
      .first()
      .evaluate((row) => getComputedStyle(row).backgroundColor);
    expect(color).not.toBe('rgba(0, 0, 0, 0)');
    await harness.screenshot(page, 'prompt-diff');
  });

  it('moves and removes labels, shows a concurrent move as a conflict, and keeps the audit log', async () => {
    await page.goto(`${harness.url}/prompts/support-answer?version=3&tab=labels`);
    await labelRow(page, 'production').waitFor();
    await page.getByRole('button', { name: 'Move production to v3' }).click();
    await expect.poll(() => labelRow(page, 'production').textContent()).toContain('v3');
    await page.getByRole('status').filter({ hasText: 'Moved production to v3.' }).waitFor();

    // Someone else moves production while this page still shows it at v3.
    await apiOk(harness.url, harness.key, 'PUT', '/api/prompts/support-answer/labels/production', {
      version: 2,
      expectedVersion: 3,
      author: 'carol',
    });
    await page.locator('[data-version="1"]').click();
    await page.getByRole('button', { name: 'Move production to v1' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /moved this label meanwhile.*label 'production' of prompt 'support-answer' points at version 2, not at version 3/,
    );
    await expect.poll(() => labelRow(page, 'production').textContent()).toContain('v2'); // refreshed
    await harness.screenshot(page, 'prompt-label-conflict');
    const current = await apiOk<{ labels: string[] }>(
      harness.url,
      harness.key,
      'GET',
      '/api/prompts/support-answer/versions/2',
    );
    expect(current.labels).toContain('production'); // the stale move changed nothing

    await page.getByRole('button', { name: 'Remove staging' }).click();
    await expect.poll(() => labelRow(page, 'staging').count()).toBe(0);
    await page.getByLabel('New label').fill('canary');
    await page.getByRole('button', { name: 'Point at v1' }).click();
    await expect.poll(() => labelRow(page, 'canary').textContent()).toContain('v1');

    const moves = page.getByTestId('label-history').locator('tbody tr');
    await expect.poll(() => moves.count()).toBe(6);
    expect(await moves.allTextContents()).toEqual([
      expect.stringMatching(/canary.*set to v1/),
      expect.stringMatching(/staging.*removed from v2/),
      expect.stringMatching(/production.*v3 → v2.*carol/),
      expect.stringMatching(/production.*v1 → v3/),
      expect.stringMatching(/staging.*set to v2.*bob/),
      expect.stringMatching(/production.*set to v1.*alice/),
    ]);
    const events = await apiRequest<{ events: unknown[] }>(
      harness.url,
      harness.key,
      'GET',
      '/api/prompts/support-answer/label-events',
    );
    expect(events.body.events).toHaveLength(6);
  });

  it('links both ways: a version to the traces made with it, and a span back to the prompt version', async () => {
    await page.goto(`${harness.url}/prompts/support-answer?version=2`);
    await page.getByRole('link', { name: 'Traces made with v2' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?promptName=support-answer&promptVersion=2');
    await expect
      .poll(() => page.locator('tbody tr').count(), { timeout: 10_000 })
      .toBe(seeded.promptTraceIds.length);
    expect(await page.getByLabel('Prompt', { exact: true }).inputValue()).toBe('support-answer');
    await harness.screenshot(page, 'traces-of-prompt-version');
    await page.locator('tbody tr').first().click();
    await page.getByTestId('span-prompt-link').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/prompts/support-answer');
    await expect.poll(() => selectedVersion(page)).toBe('2');
  });
});
