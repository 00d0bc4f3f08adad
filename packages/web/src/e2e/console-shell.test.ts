import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingPages } from '../shell/navigation.js';
import { type ConsoleHarness, startConsoleHarness } from './console-harness.js';
import { seedConsoleData } from './seed-console-data.js';

describe('console shell: keys, projects, navigation, failures', { timeout: 60_000 }, () => {
  let harness: ConsoleHarness;
  beforeAll(async () => {
    harness = await startConsoleHarness();
    await seedConsoleData(harness.url, harness.key);
  });
  afterAll(() => harness?.stop());

  it('asks for a key, explains a rejected one, accepts a valid one and keeps it across reloads', async () => {
    const { page, context, pageErrors } = await harness.newPage();
    await page.goto(harness.url);
    const keyInput = page.getByLabel('API key');
    await expect.poll(() => keyInput.isVisible()).toBe(true);
    await harness.screenshot(page, 'key-entry');

    await keyInput.fill('sk-sx-not-a-real-key');
    await page.getByRole('button', { name: 'Connect' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/rejected this key/);
    await harness.screenshot(page, 'key-rejected');

    await keyInput.fill(harness.key);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByTestId('project-name').waitFor();
    expect(await page.getByTestId('project-name').textContent()).toBe('Acme support');
    expect(new URL(page.url()).pathname).toBe('/traces');

    await page.reload();
    await page.getByTestId('project-name').waitFor();
    await page.locator('tbody tr').first().waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('switches between projects saved in this browser; an empty project says how to send traces', async () => {
    const { page, context } = await harness.signedInPage();
    await page.goto(`${harness.url}/traces`);
    await page.locator('tbody tr').first().waitFor();

    await page.getByRole('button', { name: /^Project/ }).click();
    await page.getByRole('menuitem', { name: 'Add a project key…' }).click();
    await page.getByLabel('API key').fill(harness.emptyKey);
    await page.getByLabel(/^Label/).fill('Sandbox');
    await page.getByRole('button', { name: 'Connect' }).click();
    const empty = page.getByTestId('empty-project');
    await empty.waitFor();
    expect(await page.getByTestId('project-name').textContent()).toBe('Empty project');
    const help = await empty.textContent();
    expect(help).toContain('No traces in this project yet');
    expect(help).toContain(`${harness.url}/v1/traces`);
    expect(help).toContain('OTEL_EXPORTER_OTLP_ENDPOINT');
    await harness.screenshot(page, 'empty-project');

    await page.getByRole('button', { name: /^Project/ }).click();
    const items = page.getByRole('menuitem');
    expect(await items.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('e2e'), expect.stringContaining('Sandbox')]),
    );
    await page.getByRole('menuitem', { name: /e2e/ }).click();
    await page.locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('project-name').textContent()).toBe('Acme support');
    await context.close();
  });

  it('has the five phases in the navigation; unbuilt pages name the capability they wait for', async () => {
    const { page, context } = await harness.signedInPage();
    await page.goto(`${harness.url}/traces`);
    const navigation = page.getByRole('navigation', { name: 'Main' });
    await navigation.waitFor();
    const headings = await navigation.getByRole('heading').allTextContents();
    expect(headings).toEqual(['Discover', 'Develop', 'Evaluate', 'Deploy', 'Govern']);

    // Whichever page is still unbuilt (helpers build them in parallel) shows what it waits for.
    const pending = pendingPages[0];
    if (pending?.pending) {
      await navigation
        .getByRole('link', { name: new RegExp(`^${pending.label}`) })
        .first()
        .click();
      const { title, capability, issue } = pending.pending;
      await page.getByText(`${title} arrives with the ${capability} capability (issue ${issue})`).waitFor();
      await harness.screenshot(page, 'pending-page');
    }
    // Built pages show themselves, never the placeholder.
    for (const label of ['Experiments', 'Reviews', 'Gates', 'Drift']) {
      await navigation
        .getByRole('link', { name: new RegExp(`^${label}`) })
        .first()
        .click();
      await expect.poll(() => page.locator('main h1').first().textContent()).toBeTruthy();
      expect(await page.locator('main').textContent()).not.toContain('arrives with');
    }
    // Discover and Develop are built: their pages, not placeholders.
    for (const label of ['Models', 'Prompts', 'Releases', 'Playground']) {
      await navigation.getByRole('link', { name: label, exact: true }).first().click();
      await expect.poll(() => page.locator('main h1').first().textContent()).toBe(label);
      expect(await page.locator('main').textContent()).not.toContain('arrives with');
    }
    await page.goto(`${harness.url}/no-such-page`);
    await page.getByText('No page here').waitFor();
    await context.close();
  });

  it('server unreachable: a clear message, and Retry works once it is back', async () => {
    const { page, context } = await harness.signedInPage();
    await page.route('**/api/**', (route: Route) => route.abort('connectionrefused'));
    await page.goto(`${harness.url}/traces`);
    await page.getByRole('heading', { name: 'Cannot reach the Sextant server' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/sextant serve/);
    await harness.screenshot(page, 'server-unreachable');

    await page.unroute('**/api/**');
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.locator('tbody tr').first().waitFor();

    // Losing the server while in use: the page says so in place and retries on request.
    await page.route('**/api/traces?**', (route: Route) => route.abort('connectionrefused'));
    await page.getByRole('link', { name: 'Sessions' }).click();
    await page.getByText('Cannot reach the Sextant server', { exact: true }).waitFor();
    await page.unroute('**/api/traces?**');
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('link', { name: 'sess-42' }).waitFor();
    await context.close();
  });

  it('an answer the console cannot render: the page says so, the rest of the console keeps working', async () => {
    const { page, context, pageErrors } = await harness.signedInPage();
    const traceId = 'f'.repeat(32);
    // A server from the future (or a proxy) answering with a shape this console does not know.
    await page.route(`**/api/traces/${traceId}`, (route: Route) =>
      route.fulfill({ json: { trace: { traceId, name: 'odd' }, tree: [{ span: null, children: [] }] } }),
    );
    await page.goto(`${harness.url}/traces/${traceId}`);
    await page.getByText('This page failed to render').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    await harness.screenshot(page, 'page-error-boundary');
    await page.getByRole('link', { name: 'Traces' }).click();
    await page.locator('tbody tr').first().waitFor();
    expect(await page.getByText('This page failed to render').count()).toBe(0);
    expect(pageErrors).toEqual([]); // caught by the boundary, not an uncaught page error
    await context.close();
  });

  it('a key revoked while in use: says so, and offers to enter another', async () => {
    const created = await fetch(`${harness.url}/api/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'short-lived' }),
    });
    const { key, apiKey } = (await created.json()) as { key: string; apiKey: { id: string } };
    const { page, context } = await harness.signedInPage(key);
    await page.goto(`${harness.url}/traces`);
    await page.locator('tbody tr').first().waitFor();

    const revoked = await fetch(`${harness.url}/api/keys/${apiKey.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${harness.key}` },
    });
    expect(revoked.status).toBe(204);
    await page.getByRole('link', { name: 'Monitoring' }).click();
    await page.getByText('The server rejected this project key').waitFor();
    await page.getByRole('button', { name: 'Enter another key' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/rejected this key/);
    await context.close();
  });
});
