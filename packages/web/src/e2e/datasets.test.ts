import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from './api-request.js';
import { type ConsoleHarness, startConsoleHarness } from './console-harness.js';
import { type SeededData, seedConsoleData } from './seed-console-data.js';

interface ItemPage {
  items: { id: string; input: unknown; expectedOutput: unknown; metadata: Record<string, unknown> }[];
}

describe('datasets console', { timeout: 90_000 }, () => {
  let harness: ConsoleHarness;
  let seeded: SeededData;
  let page: Page;
  let directory: string;
  beforeAll(async () => {
    harness = await startConsoleHarness();
    seeded = await seedConsoleData(harness.url, harness.key);
    page = (await harness.signedInPage()).page;
    page.setDefaultTimeout(10_000);
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-datasets-e2e-'));
  });
  afterAll(async () => {
    await harness?.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('creates a dataset, uploads JSONL, pages and filters by split, edits an item, exports, and adds a trace', async () => {
    await page.goto(`${harness.url}/datasets`);
    await page.getByText('No datasets yet.').waitFor();
    await page.getByRole('button', { name: 'New dataset' }).click();
    await page.getByLabel('Dataset name').fill('support-questions');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByTestId('dataset-name').textContent()).toBe('support-questions');

    const file = path.join(directory, 'questions.jsonl');
    const lines = Array.from({ length: 120 }, (_, index) =>
      JSON.stringify({
        id: `q${String(index + 1).padStart(3, '0')}`,
        input: { question: `How do I do thing ${index + 1}?` },
        expectedOutput: `Answer ${index + 1}`,
        split: index % 4 === 0 ? 'test' : 'train',
      }),
    );
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    await page.getByLabel('Upload CSV or JSONL').setInputFiles(file);
    await expect.poll(() => page.getByTestId('upload-status').textContent()).toBe('Imported 120 rows as v1');
    const range = page.getByTestId('items-range');
    await expect.poll(() => range.textContent()).toBe('Items 1–50 of v1');
    await page.getByRole('button', { name: 'Next →' }).click();
    await expect.poll(() => range.textContent()).toBe('Items 51–100 of v1');
    expect(await page.locator('[data-item-id="q051"]').count()).toBe(1);

    await page.getByTestId('dataset-splits').getByRole('button', { name: 'test 30' }).click();
    await expect.poll(() => range.textContent()).toBe('Items 1–30 in split test of v1');
    await page.getByTestId('dataset-splits').getByRole('button', { name: 'all' }).click();
    await expect.poll(() => range.textContent()).toBe('Items 1–50 of v1');
    await harness.screenshot(page, 'dataset-items');

    await page.getByRole('button', { name: 'Edit q002' }).click();
    const editor = page.getByTestId('item-editor');
    await editor.getByLabel('Expected output').fill('A corrected answer');
    await editor.getByRole('button', { name: 'Save as new version' }).click();
    await expect.poll(() => range.textContent()).toBe('Items 1–50 of v2');
    // An edited item is stored as a new row, so it now comes last.
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByRole('button', { name: 'Next →' }).click();
    await expect.poll(() => range.textContent()).toBe('Items 101–120 of v2');
    expect(await page.locator('[data-item-id="q002"]').textContent()).toContain('A corrected answer');
    expect(await page.getByTestId('dataset-versions').locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^v2.*120 items.*\+0 ~1 −0 · edited q002 in the console/),
      expect.stringMatching(/^v1.*120 items.*\+120 ~0 −0/),
    ]);

    const download = page.waitForEvent('download');
    await page.getByTestId('dataset-export').getByRole('button', { name: 'JSONL' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('support-questions-v2.jsonl');
    const exported = fs
      .readFileSync((await saved.path()) as string, 'utf8')
      .trim()
      .split('\n');
    expect(exported).toHaveLength(120);
    const edited = exported.map((line) => JSON.parse(line)).find((item) => item.id === 'q002');
    expect(edited).toMatchObject({ expectedOutput: 'A corrected answer', split: 'train' });

    // From production: the RAG trace's root span becomes an item of the same dataset.
    await page.goto(`${harness.url}/traces/${seeded.ragTraceId}`);
    await page.getByRole('button', { name: 'Add to dataset' }).click();
    const form = page.getByTestId('add-to-dataset');
    await form.getByLabel('Dataset (pick one or type a new name)').fill('support-questions');
    await form.getByLabel('Split (optional)').fill('production');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(() => form.getByRole('status').textContent())
      .toMatch(/^Added item .+ to support-questions v3$/);
    const items = await apiOk<ItemPage>(
      harness.url,
      harness.key,
      'GET',
      '/api/datasets/support-questions/items?split=production',
    );
    expect(items.items).toHaveLength(1);
    expect(items.items[0]?.metadata).toMatchObject({ traceId: seeded.ragTraceId });

    // One span of the trace (the llm call) into a new dataset, which the form creates.
    const detail = await apiOk<TraceTree>(
      harness.url,
      harness.key,
      'GET',
      `/api/traces/${seeded.ragTraceId}`,
    );
    const llm = flatten(detail.tree).find((span) => span.kind === 'llm');
    expect(llm).toBeDefined();
    await page.goto(`${harness.url}/traces/${seeded.ragTraceId}?span=${llm?.spanId}`);
    await page.getByRole('button', { name: 'Add span to dataset' }).click();
    const spanForm = page.getByTestId('add-to-dataset');
    await spanForm.getByLabel('Dataset (pick one or type a new name)').fill('llm-calls');
    await spanForm.getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(() => spanForm.getByRole('status').textContent())
      .toMatch(/^Added item .+ to llm-calls v1$/);
    const spanItems = await apiOk<ItemPage>(harness.url, harness.key, 'GET', '/api/datasets/llm-calls/items');
    expect(spanItems.items[0]?.metadata).toMatchObject({ traceId: seeded.ragTraceId, spanId: llm?.spanId });
  });
});

interface TraceTree {
  tree: SpanNode[];
}
interface SpanNode {
  span: { spanId: string; kind: string };
  children: SpanNode[];
}
const flatten = (nodes: SpanNode[]): SpanNode['span'][] =>
  nodes.flatMap((node) => [node.span, ...flatten(node.children)]);
