import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk, apiRequest } from './api-request.js';
import { type ConsoleHarness, startConsoleHarness } from './console-harness.js';

interface Card {
  id: string;
  name: string;
  pricing: { input: number | null };
}

const rowIds = (page: Page) =>
  page
    .locator('[data-testid="model-table"] tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-model-id')));
const cursorId = (page: Page) =>
  page.locator('[data-testid="model-table"] tbody tr[aria-selected="true"]').getAttribute('data-model-id');

describe('model garden', { timeout: 60_000 }, () => {
  let harness: ConsoleHarness;
  let page: Page;
  const models = (query: string) =>
    apiOk<{ models: Card[]; total: number }>(harness.url, harness.key, 'GET', `/api/models?${query}`);
  beforeAll(async () => {
    harness = await startConsoleHarness();
    page = (await harness.signedInPage()).page;
    page.setDefaultTimeout(10_000); // a missing element fails the step instead of the whole test
  });
  afterAll(() => harness?.stop());

  it('filters by provider, capabilities, price and context, and sorts by any column both ways', async () => {
    const all = await models('');
    await page.goto(`${harness.url}/models`);
    await expect
      .poll(() => page.getByTestId('model-count').textContent())
      .toBe(`${all.total} of ${all.total} models`);
    await page.getByLabel('Provider').selectOption('openai');
    await page.getByLabel('Tools').check();
    await page.getByLabel('Vision').check();
    await page.getByLabel('Max input price').fill('0.5');
    await page.getByLabel('Max input price').press('Enter');
    const expected = await models('provider=openai&capability=tools,vision&maxInputPrice=0.5');
    expect(expected.models.length).toBeGreaterThan(1);
    const byName = [...expected.models].sort(
      (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
    await expect.poll(() => rowIds(page)).toEqual(byName.map((model) => model.id));
    expect(new URL(page.url()).searchParams.get('capability')).toBe('tools,vision');
    for (const row of await page.locator('[data-testid="model-table"] tbody tr').all()) {
      expect(await row.getByTestId('capabilities').textContent()).toMatch(/tools.*vision/);
    }
    await harness.screenshot(page, 'models-garden-filtered');
    await page.getByLabel('Price chart').check(); // loads uPlot on demand
    const chart = page.getByTestId('price-context-chart');
    await expect.poll(() => chart.textContent()).toContain(`${expected.models.length} models`);
    await expect.poll(() => chart.locator('canvas').count()).toBe(1);
    await harness.screenshot(page, 'models-price-chart');
    await page.getByLabel('Price chart').blur();
    await page.keyboard.press('g'); // toggles it off again
    await expect.poll(() => chart.count()).toBe(0);

    const inputHeader = page.getByRole('columnheader', { name: 'Input $/M' });
    await inputHeader.getByRole('button').click();
    const cheapest = [...expected.models].sort((a, b) => (a.pricing.input ?? 0) - (b.pricing.input ?? 0));
    await expect.poll(async () => (await rowIds(page))[0]).toBe(cheapest[0]?.id);
    await inputHeader.getByRole('button').click();
    await expect.poll(() => inputHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => (await rowIds(page))[0]).toBe(cheapest.at(-1)?.id);

    await page.getByLabel('Minimum context').selectOption('1000000');
    const large = await models(
      'provider=openai&capability=tools,vision&maxInputPrice=0.5&minContext=1000000',
    );
    await expect
      .poll(async () => (await rowIds(page)).sort())
      .toEqual(large.models.map((model) => model.id).sort());
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect
      .poll(() => page.getByTestId('model-count').textContent())
      .toBe(`${all.total} of ${all.total} models`);
  });

  it('searches with /, moves with j/k, picks models with x and compares them side by side', async () => {
    await page.goto(`${harness.url}/models?provider=anthropic&sort=input&order=asc`);
    await expect.poll(async () => (await rowIds(page)).length).toBeGreaterThan(3);
    const ids = await rowIds(page);
    await page.keyboard.press('/');
    await page.keyboard.type('haiku');
    await expect.poll(async () => (await rowIds(page)).every((id) => id?.includes('haiku'))).toBe(true);
    await page.getByLabel('Search models').fill('');
    await page.keyboard.press('Escape'); // leaves the search box, so keys move the cursor again
    await expect.poll(() => rowIds(page)).toEqual(ids);
    await expect.poll(() => cursorId(page)).toBe(ids[0]);
    await page.keyboard.press('x'); // the cheapest
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect.poll(() => cursorId(page)).toBe(ids[2]);
    await page.keyboard.press('x');
    await expect.poll(() => page.getByTestId('compare-tray').textContent()).toContain('Compare 2/4');
    await harness.screenshot(page, 'models-garden-compare-picked');
    await page.keyboard.press('c');

    const table = page.getByTestId('compare-table');
    await expect.poll(() => table.locator('thead th').count()).toBe(3);
    expect(await table.locator('thead').textContent()).toContain(ids[0]);
    const inputRow = table.locator('tbody tr', { hasText: 'Input $/M tokens' });
    expect(await inputRow.locator('td').first().getAttribute('data-best')).toBe('true'); // the cheaper one wins
    await page.getByLabel('Add a model to compare').fill('openai/gpt-4o-mini');
    await page.getByLabel('Add a model to compare').press('Enter');
    await expect.poll(() => table.locator('thead th').count()).toBe(4);
    expect(await table.locator('tbody tr', { hasText: 'Vision' }).textContent()).toContain('yes');
    await harness.screenshot(page, 'models-compare');
    await page.getByRole('button', { name: `Remove ${ids[2]} from the comparison` }).click();
    await expect.poll(() => table.locator('thead th').count()).toBe(3);
    // An unknown id names its closest matches.
    await page.getByLabel('Add a model to compare').fill('openai/gpt-4o-mimi');
    await page.getByLabel('Add a model to compare').press('Enter');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/gpt-4o-mimi.*closest.*gpt-4o-mini/);
  });

  it('opens a model card with Enter and returns to the same list with Esc', async () => {
    await page.goto(`${harness.url}/models?provider=openai&q=gpt-4o-mini`);
    await expect.poll(async () => (await rowIds(page)).includes('openai/gpt-4o-mini')).toBe(true);
    while ((await cursorId(page)) !== 'openai/gpt-4o-mini') await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('model-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toMatch(/Input\$0\.15.*Output\$0\.60.*Context window128k tokens/);
    expect(await detail.textContent()).toMatch(/Credential.*missing.*set OPENAI_API_KEY/);
    await harness.screenshot(page, 'model-detail');
    await page.keyboard.press('Escape');
    await expect.poll(() => new URL(page.url()).search).toBe('?provider=openai&q=gpt-4o-mini');
    await expect.poll(() => cursorId(page)).toBe('openai/gpt-4o-mini');
  });

  it('stores a provider key write-only, and deletes it', async () => {
    const secret = 'sk-ant-e2e-0123456789abcdef';
    await page.goto(`${harness.url}/models/providers?provider=anthropic`);
    const row = page.locator('tr[data-provider="anthropic"]');
    await expect.poll(() => row.getByTestId('credential-status').textContent()).toBe('missing');
    expect(await row.textContent()).toContain('ANTHROPIC_API_KEY');
    await row.getByLabel('API key for Anthropic').fill(secret);
    expect(await row.getByLabel('API key for Anthropic').getAttribute('type')).toBe('password');
    await row.getByRole('button', { name: 'Store' }).click();
    await expect.poll(() => row.getByTestId('credential-status').textContent()).toBe('key stored');
    expect(await row.getByLabel('API key for Anthropic').inputValue()).toBe('');
    expect(await page.content()).not.toContain(secret);
    const providers = await apiRequest(harness.url, harness.key, 'GET', '/api/providers');
    expect(JSON.stringify(providers.body)).not.toContain(secret);
    await harness.screenshot(page, 'models-providers');
    await row.getByRole('button', { name: 'Delete stored key' }).click();
    await expect.poll(() => row.getByTestId('credential-status').textContent()).toBe('missing');
  });

  it("adds the project's own models: an OpenAI-compatible endpoint and a local GGUF file", async () => {
    await page.goto(`${harness.url}/models/add`);
    const endpoint = page.getByRole('form', { name: 'OpenAI-compatible endpoint' });
    await endpoint.getByLabel('Provider id').fill('loopback');
    await endpoint.getByLabel('Base URL').fill('http://127.0.0.1:9/v1');
    await endpoint.getByLabel('Model ids').fill('alpha-1, beta-1');
    await endpoint.getByLabel('Input price').fill('1');
    await endpoint.getByLabel('Output price').fill('2');
    await endpoint.getByLabel('Tools').check();
    await endpoint.getByRole('button', { name: 'Add endpoint models' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/Added loopback\/alpha-1, loopback\/beta-1/);

    const gguf = page.getByRole('form', { name: 'Local GGUF file' });
    await gguf.getByLabel('File path').fill('/work/shared/models/missing.gguf');
    await gguf.getByRole('button', { name: 'Add GGUF model' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('missing.gguf');
    await gguf.getByLabel('File path').fill('/work/shared/models/stories260K.gguf');
    await gguf.getByRole('button', { name: 'Add GGUF model' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Added local\/stories260k/);
    await harness.screenshot(page, 'models-add');

    await page.goto(`${harness.url}/models?source=endpoint`);
    await expect.poll(() => rowIds(page)).toEqual(['loopback/alpha-1', 'loopback/beta-1']);
    expect(await page.locator('tr[data-model-id="loopback/alpha-1"]').textContent()).toMatch(
      /\$1\.00.*\$2\.00.*tools/,
    );
    await page.getByLabel('Source').selectOption('gguf');
    await expect.poll(() => rowIds(page)).toEqual(['local/stories260k']);
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('model-detail');
    await expect.poll(() => detail.textContent()).toMatch(/stories260K\.gguf.*sha256.*Threads1/);
  });
});
