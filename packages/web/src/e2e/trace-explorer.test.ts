import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, startConsoleHarness } from './console-harness.js';
import { newTraceId, sendSpans } from './otlp-builder.js';
import { type SeededData, seedConsoleData } from './seed-console-data.js';

const rowNames = (page: Page) => page.locator('tbody tr td:nth-child(3) a').allTextContents();
const selectedRowId = (page: Page) =>
  page.locator('tbody tr[aria-selected="true"]').getAttribute('data-trace-id');
const detailTitle = (page: Page) => page.getByTestId('span-detail').locator('h2').textContent();

/** Waits until the list shows `count` rows (the list refetches after every filter change). */
async function expectRowCount(page: Page, count: number) {
  await expect.poll(() => page.locator('tbody tr').count(), { timeout: 10_000 }).toBe(count);
}

describe('trace explorer', { timeout: 60_000 }, () => {
  let harness: ConsoleHarness;
  let seeded: SeededData;
  let page: Page;
  beforeAll(async () => {
    harness = await startConsoleHarness();
    seeded = await seedConsoleData(harness.url, harness.key);
    page = (await harness.signedInPage()).page;
  });
  afterAll(() => harness?.stop());

  it('lists traces a page at a time, with "load more"', async () => {
    await page.goto(`${harness.url}/traces`);
    await expectRowCount(page, 50);
    await harness.screenshot(page, 'trace-list');
    await page.getByRole('button', { name: 'Load more' }).click();
    await expectRowCount(page, seeded.traceCount);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
  });

  it('filters by status, model and tag, searches the content, and clears', async () => {
    await page.goto(`${harness.url}/traces`);
    await page.getByLabel('Status').selectOption('error');
    await expectRowCount(page, 7); // order-status and every tenth classify-ticket
    expect(await page.locator('tbody tr').filter({ hasText: /error/ }).count()).toBe(7);
    expect(new URL(page.url()).searchParams.get('status')).toBe('error');

    await page.getByLabel('Model').fill('claude-3-5-sonnet');
    await page.getByLabel('Model').press('Enter');
    await expectRowCount(page, 2); // classify-ticket 9 and 39 failed on claude
    await page.getByRole('button', { name: 'Clear filters' }).first().click();

    await page.getByLabel('Tags').fill('billing');
    await page.getByLabel('Tags').press('Enter');
    await expectRowCount(page, 30);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();

    await page.getByLabel('Search inputs and outputs').fill('cancelled');
    await expectRowCount(page, 1);
    expect(await rowNames(page)).toEqual(['support-answer']);
    expect(await page.locator('tbody').textContent()).toContain('Order A-17 has shipped');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expectRowCount(page, 50);
  });

  it('sorts by the column headers, both ways', async () => {
    await page.goto(`${harness.url}/traces`);
    await expectRowCount(page, 50);
    const latency = page.getByRole('columnheader', { name: 'Latency' });
    await latency.getByRole('button').click();
    await expect.poll(() => latency.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => (await rowNames(page))[0]).toBe('summarise-archive');
    await latency.getByRole('button').click();
    await expect.poll(() => latency.getAttribute('aria-sort')).toBe('ascending');
    await expect
      .poll(async () => await page.locator('tbody tr td:nth-child(7)').first().textContent())
      .toBe('200 ms');

    const name = page.getByRole('columnheader', { name: 'Name' });
    await name.getByRole('button').click();
    await expect.poll(async () => (await rowNames(page))[0]).toBe('classify-ticket');
    const tokens = page.getByRole('columnheader', { name: 'Tokens' });
    await tokens.getByRole('button').click();
    await expect.poll(async () => (await rowNames(page))[0]).toBe('summarise-archive');
  });

  it('moves through the list with j/k, opens with Enter, and Esc returns to the same row', async () => {
    await page.goto(`${harness.url}/traces?status=error`);
    await expectRowCount(page, 7);
    await expect.poll(() => selectedRowId(page)).not.toBeNull();
    const ids = await page
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-trace-id')));
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => selectedRowId(page)).toBe(ids[2]);
    await page.keyboard.press('Enter');
    await page.getByTestId('trace-name').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/traces/${ids[2]}`);
    await page.keyboard.press('Escape');
    await expectRowCount(page, 7);
    expect(new URL(page.url()).search).toBe('?status=error');
    await expect.poll(() => selectedRowId(page)).toBe(ids[2]);
  });

  it('shows a trace as a span tree with a waterfall, and each span rendered for people', async () => {
    await page.goto(`${harness.url}/traces/${seeded.ragTraceId}`);
    const rows = page.getByRole('treeitem');
    await expect.poll(() => rows.count()).toBe(4);
    const bars = await page.getByTestId('waterfall-bar').evaluateAll((elements) =>
      elements.map((element) => {
        const style = (element as HTMLElement).style;
        return { left: Number.parseFloat(style.left), width: Number.parseFloat(style.width) };
      }),
    );
    expect(bars[0]).toEqual({ left: 0, width: 100 }); // the root spans the whole trace
    const [, retrieval, llm, tool] = bars;
    expect(retrieval!.left).toBeLessThan(llm!.left);
    expect(llm!.left).toBeLessThan(tool!.left);
    expect(llm!.width).toBeCloseTo((1200 / 1840) * 100, 1);
    expect(await rows.allTextContents()).toEqual([
      expect.stringMatching(/chain.*support-answer.*1\.84 s/),
      expect.stringMatching(/retrieval.*retrieve kb.*310 ms/),
      expect.stringMatching(/llm.*chat gpt-4o-mini.*1\.20 s/),
      expect.stringMatching(/tool.*execute_tool lookup_order.*240 ms/),
    ]);

    await page.getByRole('treeitem', { name: /chat gpt-4o-mini/ }).click();
    const detail = page.getByTestId('span-detail');
    await expect.poll(() => detailTitle(page)).toBe('chat gpt-4o-mini');
    const messages = detail.getByTestId('chat-message');
    expect(
      await messages.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-role'))),
    ).toEqual(['system', 'user', 'assistant']);
    expect(await messages.nth(1).textContent()).toContain('How do refunds work?');
    expect(await messages.nth(2).textContent()).toContain('Refunds go back to your card');
    const toolCall = await detail.getByTestId('tool-call').textContent();
    expect(toolCall).toContain('calls lookup_order');
    expect(toolCall).toContain('"orderId": "A-17"');
    const figures = await detail.locator('dl').textContent();
    expect(figures).toContain('gpt-4o-mini');
    expect(figures).toContain('812 in · 64 out');
    expect(figures).toContain('1.20 s');
    expect(await detail.getByTestId('raw-attributes').first().getAttribute('open')).toBeNull();
    await harness.screenshot(page, 'trace-view-llm');

    await page.getByRole('treeitem', { name: /retrieve kb/ }).click();
    const documents = detail.getByTestId('retrieved-document');
    await expect.poll(() => documents.count()).toBe(2);
    expect(await documents.first().textContent()).toMatch(/kb-12.*score 0\.913.*Refunds are issued/);
    await harness.screenshot(page, 'trace-view-retrieval');

    await page.getByRole('treeitem', { name: /execute_tool/ }).click();
    const tool_ = await detail.getByTestId('tool-span').textContent();
    expect(tool_).toContain('"orderId": "A-17"');
    expect(tool_).toContain('"carrier": "UPS"');
  });

  it('moves through the span tree with the arrow keys, collapsing and expanding', async () => {
    await page.goto(`${harness.url}/traces/${seeded.ragTraceId}`);
    const rows = page.getByRole('treeitem');
    await expect.poll(() => rows.count()).toBe(4);
    await expect.poll(() => detailTitle(page)).toBe('support-answer');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => detailTitle(page)).toBe('retrieve kb');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => detailTitle(page)).toBe('execute_tool lookup_order');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => detailTitle(page)).toBe('chat gpt-4o-mini');
    await page.keyboard.press('ArrowLeft'); // to the parent
    await expect.poll(() => detailTitle(page)).toBe('support-answer');
    await page.keyboard.press('ArrowLeft'); // collapse
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowRight'); // expand
    await expect.poll(() => rows.count()).toBe(4);
    await page.keyboard.press('ArrowRight'); // to the first child
    await expect.poll(() => detailTitle(page)).toBe('retrieve kb');
  });

  it('shows a failed span with its error and stack', async () => {
    await page.goto(`${harness.url}/traces/${seeded.errorTraceId}`);
    await page.getByRole('treeitem', { name: /execute_tool/ }).click();
    const error = page.getByTestId('span-error');
    await error.waitFor();
    const text = await error.textContent();
    expect(text).toContain('TimeoutError: lookup service timed out after 5000 ms');
    expect(text).toContain('at lookupOrder (src/tools/orders.ts:41:11)');
    await harness.screenshot(page, 'trace-view-error');
  });

  it('renders a 1 MB output truncated, with "show all", without freezing', async () => {
    const started = Date.now();
    await page.goto(`${harness.url}/traces/${seeded.hugeTraceId}`);
    const output = page.getByTestId('span-detail').locator('section', { hasText: 'Output' }).locator('pre');
    await output.waitFor();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await output.textContent())!.length).toBeLessThan(20_000);
    const showAll = page.getByRole('button', { name: /Show all \(1\.0 MB/ });
    await showAll.waitFor();
    await harness.screenshot(page, 'trace-view-huge-output');
    const expanding = Date.now();
    await showAll.click();
    await expect.poll(async () => (await output.textContent())!.length).toBe(seeded.hugeOutputLength);
    expect(Date.now() - expanding).toBeLessThan(5_000);
    // The page still answers: keyboard navigation back to the list works.
    await page.keyboard.press('Escape');
    await page.locator('tbody tr').first().waitFor();
  });

  it('shows malformed JSON in attributes raw, flagged, without breaking the page', async () => {
    await page.goto(`${harness.url}/traces/${seeded.malformedTraceId}`);
    const detail = page.getByTestId('span-detail');
    await detail.waitFor();
    expect(await detail.locator('section', { hasText: 'Input' }).textContent()).toContain('"unterminated');
    await detail.getByText('Span attributes').click();
    const attributes = detail.getByTestId('raw-attributes').first();
    expect(await attributes.getByText('not valid JSON; shown raw').count()).toBe(3);
    expect(await attributes.textContent()).toContain('{not: valid json}');
    expect(await page.getByText('This page failed to render').count()).toBe(0);
  });

  it('shows a session as the conversation it was, in order', async () => {
    await page.goto(`${harness.url}/sessions`);
    await page.getByRole('link', { name: seeded.sessionId }).click();
    const turns = page.getByTestId('conversation-turn');
    await expect.poll(() => turns.count()).toBe(3);
    await expect
      .poll(() => page.locator('[data-role="user"]').allTextContents())
      .toEqual([
        expect.stringContaining('How do refunds work?'),
        expect.stringContaining('Can I cancel order A-17?'),
        expect.stringContaining('Then how do I return it?'),
      ]);
    expect(await page.locator('[data-role="assistant"]').allTextContents()).toEqual([
      expect.stringContaining('Refunds go back to your card'),
      expect.stringContaining('Order A-17 has shipped'),
      expect.stringContaining('Start a return'),
    ]);
    await harness.screenshot(page, 'session');
    await turns.nth(1).getByRole('link', { name: 'support-answer' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/traces/${seeded.sessionTraceIds[1]}`);
  });

  it('live mode shows new traces as they arrive', async () => {
    await page.goto(`${harness.url}/traces`);
    await expectRowCount(page, 50);
    await page.getByLabel('Live').check();
    await page.getByText('Live: new traces appear every 2 s').waitFor();
    await expect.poll(() => selectedRowId(page)).not.toBeNull();
    const selectedBefore = await selectedRowId(page);
    const traceId = newTraceId();
    await sendSpans(harness.url, harness.key, [
      {
        traceId,
        name: 'arrived-while-watching',
        startMs: Date.now(),
        durationMs: 50,
        attributes: { 'sextant.input': 'hello' },
      },
    ]);
    await expect
      .poll(async () => (await rowNames(page))[0], { timeout: 8_000 })
      .toBe('arrived-while-watching');
    expect(await page.locator('tbody tr').count()).toBe(51);
    expect(await selectedRowId(page)).toBe(selectedBefore); // the keyboard cursor stays on its trace
    await harness.screenshot(page, 'trace-list-live');
    await page.getByLabel('Live').uncheck();
  });
});
