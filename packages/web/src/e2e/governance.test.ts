import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { emptySpan } from '@sextant/core';
import { evaluateAlertRules } from '@sextant/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from './api-request.js';
import { type ConsoleHarness, startConsoleHarness } from './console-harness.js';

/** A real webhook receiver on loopback that accepts everything and keeps the message texts. */
async function startReceiver() {
  const texts: string[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      texts.push(JSON.parse(body).text);
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    texts,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const traceId = 'a11e47'.padStart(32, '0');

describe('governance in the console: alerts, audit log, PII redaction, lineage', { timeout: 90_000 }, () => {
  let harness: ConsoleHarness;
  let page: Page;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    harness = await startConsoleHarness();
    receiver = await startReceiver();
    const now = Date.now() * 1000;
    // Five failing model calls of release bot@1 using prompt answer v1.
    await apiOk(harness.url, harness.key, 'POST', '/api/prompts/answer/versions', {
      definition: { type: 'text', template: 'Answer {{q}}' },
    });
    await apiOk(harness.url, harness.key, 'POST', '/api/releases/bot/versions', {
      definition: { prompts: { answer: 1 } },
      labels: ['production'],
    });
    await harness.store.insertSpans(
      'acme',
      Array.from({ length: 5 }, (_, index) => ({
        ...emptySpan({
          traceId: index === 0 ? traceId : String(index).padStart(32, 'b'),
          spanId: String(index + 1).padStart(16, '0'),
          name: 'answer',
          startTimeUs: now - 60_000_000,
          endTimeUs: now - 59_000_000,
        }),
        kind: 'llm' as const,
        status: 'error' as const,
        model: 'gpt-4o',
        provider: 'openai',
        releaseId: 'bot@1',
        promptName: 'answer',
        promptVersion: '1',
      })),
    );
    page = (await harness.signedInPage()).page;
  });
  afterAll(async () => {
    await receiver?.close();
    await harness?.stop();
  });

  it('creates an alert rule, sends a test, and shows a fired alert with its deliveries', async () => {
    await page.goto(`${harness.url}/alerts`);
    await page.getByText('No alert rules yet.').waitFor();
    await page.getByRole('button', { name: 'New rule' }).click();
    const form = page.getByRole('form', { name: 'New alert rule' });
    await form.getByLabel('Name', { exact: true }).fill('errors');
    await form.getByLabel('Threshold').fill('0.1');
    await form.getByLabel('Webhooks').fill(receiver.url);
    await form.getByRole('button', { name: 'Create rule' }).click();
    const rules = page.getByTestId('alert-rules');
    await rules.getByText('error rate > 0.1').waitFor();

    await rules.getByRole('button', { name: 'Send test' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/delivered \(200\)/);
    expect(receiver.texts.at(-1)).toMatch(/^:test_tube: Test alert: errors/);

    expect(await evaluateAlertRules(harness.store, 'acme')).toMatchObject({ fired: 1 });
    // The server's job runner delivers the notification to the webhook.
    await expect
      .poll(() => receiver.texts.at(-1), { timeout: 15_000 })
      .toMatch(/^:rotating_light: Alert firing: errors/);
    await page.reload();
    const history = page.getByTestId('alert-history');
    await history.getByText(/errors: error rate 100\.0% above 10\.0% over 15 min/).click();
    const deliveries = page.getByTestId('alert-deliveries');
    await deliveries.waitFor();
    expect(await deliveries.textContent()).toMatch(/firedattempt 1delivered 200/);
    await harness.screenshot(page, 'alerts');
    expect(await page.getByText('1 open alert').count()).toBe(1);
  });

  it('shows who changed what in the audit log, with before and after', async () => {
    await page.goto(`${harness.url}/audit`);
    const log = page.getByTestId('audit-log');
    await log.getByText('alert_rule.create').waitFor();
    expect(await log.textContent()).toContain("key 'e2e'");
    await page.getByLabel('Object type').selectOption('release');
    await log.getByText('release.label.move').click();
    const diff = page.getByTestId('audit-diff');
    expect(await diff.textContent()).toMatch(/Before—After\{\s*"label": "production",\s*"version": 1\s*\}/);
    await harness.screenshot(page, 'audit-log');
  });

  it('saves redaction settings, refuses a backtracking pattern, and previews a text', async () => {
    await page.goto(`${harness.url}/settings/redaction`);
    await page.getByText('(off until saved)').waitFor();
    await page.getByLabel("Redact this project's spans").check();
    await page.getByRole('button', { name: 'Add pattern' }).click();
    await page.getByLabel('Pattern name').fill('order');
    await page.getByLabel('Regular expression').fill('(\\d+\\s?)+$');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/custom pattern 'order' repeats a group that itself repeats/);
    await page.getByLabel('Regular expression').fill('ORD-\\d{5}');
    await page.getByLabel('Sample text').fill('order ORD-12345 for jane@example.org');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect
      .poll(() => page.getByTestId('redaction-preview').textContent())
      .toContain('order [REDACTED:order] for [REDACTED:email]');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Saved \(revision 1\)/);
    expect((await harness.store.redactionSettings.get('acme'))?.settings).toMatchObject({ enabled: true });
  });

  it('leads from a trace to its release, prompt version and model, and from the release to its approvals', async () => {
    await page.goto(`${harness.url}/traces/${traceId}`);
    const lineage = page.getByTestId('trace-lineage');
    await lineage.getByRole('link', { name: /release bot@1 · production/ }).waitFor();
    expect(await lineage.getByRole('link', { name: 'prompt answer v1' }).getAttribute('href')).toBe(
      '/prompts/answer?version=1',
    );
    expect(await lineage.getByRole('link', { name: 'model gpt-4o' }).getAttribute('href')).toBe(
      '/models/openai%2Fgpt-4o',
    );
    await lineage.getByRole('link', { name: /release bot@1/ }).click();
    await page.getByTestId('release-approvals').getByText('No experiment ran this version.').waitFor();
    expect(await page.getByTestId('release-approvals').textContent()).toContain(
      'No gate checked this version.',
    );
  });
});
