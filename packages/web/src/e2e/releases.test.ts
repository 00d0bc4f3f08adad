import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from './api-request.js';
import { type ConsoleHarness, startConsoleHarness } from './console-harness.js';
import { type SeededRegistry, seedRegistry } from './seed-registry.js';

const part = (page: Page, name: string) =>
  page.locator(`[data-testid="release-bundle"] [data-part="${name}"]`);

describe('releases', { timeout: 60_000 }, () => {
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

  it('lists releases and shows a version as the bundle it pins, linked to its prompts and models', async () => {
    await page.goto(`${harness.url}/releases`);
    const rows = page.locator('[data-testid="releases-table"] tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toMatch(
      /support-bot.*support-bot@2.*production.*v2.*staging.*v1/,
    );
    await page.keyboard.press('Enter');
    await page.getByTestId('release-bundle').waitFor();
    expect(await page.locator('[data-testid="version-list"] li').count()).toBe(2);
    // v2 pinned the prompt's staging label, which pointed at v2 when the release was made.
    expect(await part(page, 'prompts').textContent()).toContain('support-answer v2');
    expect(await part(page, 'models').textContent()).toMatch(
      /generator.*openai\/gpt-4o-mini.*embedder.*openai\/text-embedding-3-small/,
    );
    expect(await part(page, 'retriever').textContent()).toMatch(/top_k\s*8.*chunk_size\s*800/);
    expect(await part(page, 'tools').textContent()).toMatch(/search_docs.*lookup_order/);
    expect(await part(page, 'config').textContent()).toMatch(/max_turns\s*4/);
    await harness.screenshot(page, 'release-bundle');

    await page.keyboard.press('j');
    await expect.poll(() => part(page, 'prompts').textContent()).toContain('support-answer v1');
    await part(page, 'prompts').getByRole('link', { name: 'support-answer v1' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/prompts/support-answer');
    await expect
      .poll(() =>
        page.locator('[data-testid="version-list"] [aria-current="true"]').getAttribute('data-version'),
      )
      .toBe('1');
  });

  it('diffs release versions and moves their labels', async () => {
    await page.goto(`${harness.url}/releases/support-bot?tab=diff`);
    const diff = page.getByTestId('diff-view');
    await expect.poll(() => diff.locator('[data-diff="added"]').count()).toBeGreaterThan(0);
    expect((await diff.locator('[data-diff="added"]').allTextContents()).join('\n')).toMatch(/top_k: 8/);
    await page.keyboard.press('l');
    await page.getByRole('button', { name: 'Move staging to v2' }).click();
    await expect
      .poll(() => page.locator('[data-testid="labels-panel"] li[data-label="staging"]').textContent())
      .toContain('v2');
    const release = await apiOk<{ labels: string[] }>(
      harness.url,
      harness.key,
      'GET',
      '/api/releases/support-bot/versions/2',
    );
    expect(release.labels).toEqual(expect.arrayContaining(['production', 'staging']));
    await expect
      .poll(() => page.getByTestId('label-history').locator('tbody tr').first().textContent())
      .toMatch(/staging.*v1 → v2/);
    await harness.screenshot(page, 'release-labels');
  });

  it('lists the traces of a release, and links a trace back to its release', async () => {
    await page.goto(`${harness.url}/releases/support-bot?version=2`);
    await page.getByRole('link', { name: 'Traces of support-bot@2' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('releaseId')).toBe('support-bot@2');
    await expect
      .poll(() => page.locator('tbody tr').count(), { timeout: 10_000 })
      .toBe(seeded.promptTraceIds.length);
    expect(await page.getByTestId('registry-filter').textContent()).toContain('release support-bot@2');
    await page.locator('tbody tr').first().click();
    await page.getByRole('link', { name: 'release support-bot@2', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/releases/support-bot');
    await page.getByTestId('release-bundle').waitFor();
  });
});
