import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from './api-request.js';
import { type ConsoleHarness, startConsoleHarness } from './console-harness.js';
import { seedRegistry } from './seed-registry.js';
import { startStreamingUpstream } from './streaming-upstream.js';

type Upstream = Awaited<ReturnType<typeof startStreamingUpstream>>;

const answers = {
  'alpha-1': 'Refunds go back to your card within five days.',
  'beta-1': 'Your refund is on its way to the original card.',
};
const run = (page: Page, model: string) => page.locator(`[data-testid="model-run"][data-model="${model}"]`);

describe('playground', { timeout: 60_000 }, () => {
  let harness: ConsoleHarness;
  let upstream: Upstream;
  let page: Page;
  beforeAll(async () => {
    harness = await startConsoleHarness();
    upstream = await startStreamingUpstream({
      answers,
      usage: { 'alpha-1': { prompt: 21, completion: 9 }, 'beta-1': { prompt: 21, completion: 11 } },
    });
    await seedRegistry(harness.url, harness.key);
    // $1 and $2 per million input and output tokens, so costs are easy to check.
    await apiOk(harness.url, harness.key, 'POST', '/api/models', {
      type: 'endpoint',
      provider: 'loopback',
      baseUrl: upstream.url,
      models: ['alpha-1', 'beta-1'],
      pricing: { input: 1, output: 2 },
    });
    await apiOk(harness.url, harness.key, 'POST', '/api/prompts/typed/versions', {
      definition: {
        type: 'text',
        template:
          '{{#if formal}}Dear{{else}}Hi{{/if}} {{name}}, {{count}} items: {{#each items}}{{this}};{{/each}}',
        variables: [
          { name: 'formal', type: 'boolean', required: false },
          { name: 'name', type: 'string' },
          { name: 'count', type: 'number' },
          { name: 'items', type: 'json' },
        ],
      },
    });
    page = (await harness.signedInPage()).page;
    page.setDefaultTimeout(10_000); // a missing element fails the step instead of the whole test
  });
  afterAll(async () => {
    await upstream?.close();
    await harness?.stop();
  });

  it('streams a prompt version from two models side by side, with tokens, cost and latency per model', async () => {
    await page.goto(
      `${harness.url}/playground?prompt=support-answer&models=loopback/alpha-1,loopback/beta-1`,
    );
    await page.getByLabel('question').fill('How do refunds work?');
    await page.keyboard.press('Control+Enter');

    // Both answers are on screen while their streams are still open.
    for (const [model, first] of [
      ['loopback/alpha-1', 'Refunds go'],
      ['loopback/beta-1', 'Your refund'],
    ] as const) {
      await expect.poll(() => run(page, model).getByTestId('run-output').textContent()).toContain(first);
      expect(await run(page, model).getAttribute('data-status')).toBe('streaming');
    }
    await harness.screenshot(page, 'playground-streaming');
    expect(upstream.requests.map((request) => request.model).sort()).toEqual(['alpha-1', 'beta-1']);
    const sent = upstream.requests[0]!.body;
    expect(sent).toMatchObject({
      stream: true,
      temperature: 0.3,
      max_tokens: 400,
      messages: [
        {
          role: 'system',
          content: 'You are a friendly support agent. Answer in two sentences.\nCite the policy.',
        },
        { role: 'user', content: 'How do refunds work?' },
      ],
    });

    upstream.release();
    for (const [model, upstreamId, tokens, cost] of [
      ['loopback/alpha-1', 'alpha-1', '21 in · 9 out', '$0.000039'],
      ['loopback/beta-1', 'beta-1', '21 in · 11 out', '$0.000043'],
    ] as const) {
      await expect.poll(() => run(page, model).getAttribute('data-status')).toBe('done');
      expect(await run(page, model).getByTestId('run-output').textContent()).toBe(answers[upstreamId]);
      const figures = run(page, model).getByTestId('run-figures');
      expect(await figures.textContent()).toContain(tokens);
      await expect
        .poll(() => figures.textContent())
        .toMatch(new RegExp(`Cost\\$${cost.slice(1).replace('.', '\\.')}`));
      expect(await figures.textContent()).toMatch(/First token\d[\d.]* m?s.*Latency\d[\d.]* m?s/);
    }
    await expect
      .poll(() => run(page, 'loopback/alpha-1').getByRole('link', { name: 'open' }).count())
      .toBe(1);
    await harness.screenshot(page, 'playground-done');
    expect(await page.getByTestId('sent-messages').textContent()).toContain('Rendered messages (2)');
    // A saved version runs as a prompt reference, so its spans link back to the version.
    await run(page, 'loopback/alpha-1').getByRole('link', { name: 'open' }).click();
    await expect.poll(() => page.getByTestId('span-detail').textContent()).toMatch(/alpha-1.*21 in · 9 out/);
    expect(await page.getByTestId('span-prompt-link').textContent()).toBe('support-answer v3');
  });

  it('runs an edited draft, saves it as a new version, and reports a concurrent save as a conflict', async () => {
    await page.goto(`${harness.url}/playground?prompt=support-answer&models=loopback/alpha-1`);
    await page.getByLabel('question').fill('Can I cancel?');
    const system = page.getByLabel('Message 1 (system)');
    await system.fill('You are a {{tone}} support agent. Be warm, {{customer}}.');
    await page.getByTestId('edited-badge').waitFor();
    await expect
      .poll(() => page.getByTestId('variables-form').textContent())
      .toMatch(/customer.*string, required, new/);
    await page.getByLabel('customer').fill('Ada');
    const before = upstream.requests.length;
    await page.getByRole('button', { name: /^Run/ }).click();
    await expect.poll(() => run(page, 'loopback/alpha-1').getAttribute('data-status')).toBe('done');
    expect(upstream.requests[before]?.body.messages).toEqual([
      { role: 'system', content: 'You are a friendly support agent. Be warm, Ada.' },
      { role: 'user', content: 'Can I cancel?' },
    ]);

    await page.getByLabel('Commit message').fill('Warmer tone, with the customer name');
    await page.getByRole('button', { name: 'Save as v4' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Saved support-answer v4.');
    await expect.poll(() => new URL(page.url()).searchParams.get('version')).toBe('4');
    await expect.poll(() => page.getByTestId('edited-badge').count()).toBe(0); // the new version is the base
    const saved = await apiOk<{
      commitMessage: string;
      definition: { messages: { content: string }[]; variables: { name: string }[] };
    }>(harness.url, harness.key, 'GET', '/api/prompts/support-answer/versions/4');
    expect(saved.commitMessage).toBe('Warmer tone, with the customer name');
    expect(saved.definition.messages[0]?.content).toBe(
      'You are a {{tone}} support agent. Be warm, {{customer}}.',
    );
    expect(saved.definition.variables.map((variable) => variable.name)).toEqual([
      'question',
      'tone',
      'customer',
    ]);
    await harness.screenshot(page, 'playground-saved');

    // Someone pushes v5 while this page still builds on v4.
    await apiOk(harness.url, harness.key, 'POST', '/api/prompts/support-answer/versions', {
      definition: { type: 'text', template: 'Pushed from CI: {{question}}' },
      expectedLatestVersion: 4,
    });
    await system.fill('You are a {{tone}} support agent. Be warm and brief, {{customer}}.');
    await page.getByRole('button', { name: 'Save as v5' }).click();
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toMatch(
        /newer version was saved meanwhile.*expected version 4 to be the newest, but the newest is version 5/,
      );
    await harness.screenshot(page, 'playground-save-conflict');
    await page.getByRole('button', { name: /Load the newest version number/ }).click();
    expect(await system.inputValue()).toContain('Be warm and brief'); // the edit is kept
    await page.getByRole('button', { name: 'Save as v6' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Saved support-answer v6.');
  });

  it('shapes each variable input by its type, and refuses invalid JSON before calling any model', async () => {
    await page.goto(`${harness.url}/playground?prompt=typed&models=loopback/beta-1`);
    await page.getByLabel('count').waitFor();
    expect(await page.getByLabel('count').getAttribute('type')).toBe('number');
    expect(await page.getByLabel('formal').getAttribute('type')).toBe('checkbox');
    await page.getByLabel('name').fill('Ada');
    await page.getByLabel('count').fill('3');
    await page.getByLabel('formal').check();
    await page.getByLabel('items').fill('["a", "b"');
    const before = upstream.requests.length;
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining('not valid JSON'),
          'Fix the variables marked in red first.',
        ]),
      );
    expect(upstream.requests.length).toBe(before);
    await page.getByLabel('items').fill('["a", "b"]');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => run(page, 'loopback/beta-1').getAttribute('data-status')).toBe('done');
    expect(upstream.requests[before]?.body.messages).toEqual([
      { role: 'user', content: 'Dear Ada, 3 items: a;b;' },
    ]);
  });
  it('starts from a scratch prompt and saves it as a new prompt', async () => {
    await page.goto(`${harness.url}/playground?models=loopback/beta-1`);
    expect(await page.getByLabel('Prompt', { exact: true }).inputValue()).toBe('');
    await page.getByLabel('question').fill('Hi there');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => run(page, 'loopback/beta-1').getAttribute('data-status')).toBe('done');
    await page.getByLabel('Prompt name').fill('scratch-helper');
    await page.getByLabel('Commit message').fill('From the playground');
    await page.getByRole('button', { name: 'Save new prompt' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Saved scratch-helper v1.');
    await expect.poll(() => page.getByLabel('Prompt', { exact: true }).inputValue()).toBe('scratch-helper');
    const saved = await apiOk<{ definition: { messages: { content: string }[] } }>(
      harness.url,
      harness.key,
      'GET',
      '/api/prompts/scratch-helper/versions/1',
    );
    expect(saved.definition.messages.map((message) => message.content)).toEqual([
      'You are a helpful assistant.',
      '{{question}}',
    ]);
  });
});
