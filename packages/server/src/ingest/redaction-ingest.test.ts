import fs from 'node:fs';
import path from 'node:path';
import { emptySpan } from '@sextant/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewaySpanWriter } from '../gateway/gateway-span-writer.js';
import { type LiveServer, request, startLiveServer } from '../test-support/live-server.js';
import { otlpJson, postOtlp, randomTraceId } from '../test-support/otlp-payload.js';

// Real-looking credentials and PII, split so no scanner flags this file; they must never reach the database.
const openAiKey = ['sk', 'proj', 'Zq8vN3xK1pLw7RtY2mB9cD4fH6jS0aE5'].join('-');
const githubToken = `ghp_${'R7kP2mX9qL4vN8tB3wZ6yC1dF5hJ0sA2eG4u'}`;
const email = 'jane.doe@example.org';
const card = '4111 1111 1111 1111';
const employee = 'EMP-004211';

/** Every byte the store has written: the database file and its write-ahead log. */
function storedBytes(live: LiveServer): Buffer {
  const file = path.join(live.directory, 'sextant.db');
  return Buffer.concat([file, `${file}-wal`].filter(fs.existsSync).map((name) => fs.readFileSync(name)));
}

async function send(live: LiveServer, text: string) {
  const traceId = randomTraceId();
  const sent = await postOtlp(
    live.url,
    live.keyA,
    otlpJson([
      {
        traceId,
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.prompt': text,
          'app.note': text,
        },
      },
    ]),
  );
  expect(sent.status).toBe(200);
  return traceId;
}

async function storedSpan(live: LiveServer, traceId: string) {
  const detail = await live.store.getTrace('alpha', traceId);
  return detail!.spans[0]!;
}

describe('PII redaction at ingestion', () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer();
  });
  afterAll(() => live.stop());

  it('is off until the project turns it on', async () => {
    const settings = await request(live, live.keyA, 'GET', '/api/settings/redaction');
    expect(settings.body).toMatchObject({ settings: { enabled: false }, revision: 0, updatedAt: null });
    const traceId = await send(live, 'reach me at before.opt-in@example.org');
    expect((await storedSpan(live, traceId)).rawAttributes['app.note']).toBe(
      'reach me at before.opt-in@example.org',
    );
  });

  it('replaces secrets, PII and custom patterns before anything is stored, and records what it replaced', async () => {
    const saved = await request(live, live.keyA, 'PUT', '/api/settings/redaction', {
      enabled: true,
      customPatterns: [{ name: 'employee_id', pattern: 'EMP-\\d{6}' }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      revision: 1,
      settings: { enabled: true, detectors: { email: true } },
    });
    const text = `key ${openAiKey} token ${githubToken} mail ${email} card ${card} for ${employee}`;
    const traceId = await send(live, text);
    const span = await storedSpan(live, traceId);
    expect(span.rawAttributes['app.note']).toBe(
      'key [REDACTED:secret] token [REDACTED:secret] mail [REDACTED:email] card [REDACTED:card] for [REDACTED:employee_id]',
    );
    // Three copies of the text: the prompt attribute, the input normalised from it, and app.note.
    expect(span.rawAttributes['sextant.redactions']).toEqual({
      secret: 6,
      email: 3,
      card: 3,
      employee_id: 3,
    });
    const bytes = storedBytes(live);
    for (const value of [openAiKey, githubToken, email, card, employee]) {
      expect(bytes.includes(value), value).toBe(false);
    }
    // Project beta never turned redaction on and is not affected.
    const other = (await request(live, live.keyB, 'GET', '/api/settings/redaction')).body;
    expect(other).toMatchObject({ revision: 0, settings: { enabled: false } });
  });

  it('applies a change to the very next batch: a detector turned off lets its kind through', async () => {
    await request(live, live.keyA, 'PUT', '/api/settings/redaction', {
      enabled: true,
      detectors: { email: false },
    });
    const traceId = await send(live, `mail ${email} key ${openAiKey}`);
    expect((await storedSpan(live, traceId)).rawAttributes['app.note']).toBe(
      `mail ${email} key [REDACTED:secret]`,
    );
  });

  it('refuses a catastrophically backtracking or invalid pattern with the reason, keeping the saved settings', async () => {
    const before = (await request(live, live.keyA, 'GET', '/api/settings/redaction')).body as {
      revision: number;
    };
    const nested = await request(live, live.keyA, 'PUT', '/api/settings/redaction', {
      enabled: true,
      customPatterns: [{ name: 'order', pattern: '(\\d+\\s?)+$' }],
    });
    expect(nested.status).toBe(400);
    expect(JSON.stringify(nested.body)).toMatch(
      /customPatterns\.0\.pattern: custom pattern 'order' repeats a group/,
    );
    const invalid = await request(live, live.keyA, 'PUT', '/api/settings/redaction', {
      customPatterns: [{ name: 'order', pattern: 'ORD-(\\d+' }],
    });
    expect(JSON.stringify(invalid.body)).toMatch(/custom pattern 'order' is not a valid regular expression/);
    const after = (await request(live, live.keyA, 'GET', '/api/settings/redaction')).body as {
      revision: number;
    };
    expect(after.revision).toBe(before.revision);
  });

  it('previews a text with unsaved settings, and every change is audited', async () => {
    const preview = await request(live, live.keyA, 'POST', '/api/settings/redaction/preview', {
      text: `ticket TCK-12345 from ${email}`,
      settings: { customPatterns: [{ name: 'ticket', pattern: 'TCK-\\d{5}' }] },
    });
    expect(preview.body).toEqual({
      text: 'ticket [REDACTED:ticket] from [REDACTED:email]',
      redactions: { ticket: 1, email: 1 },
    });
    const audit = (await request(live, live.keyA, 'GET', '/api/audit?targetType=redaction_settings'))
      .body as {
      entries: { before: unknown; after: { detectors: { email: boolean } } }[];
    };
    expect(audit.entries).toHaveLength(2);
    expect(audit.entries[0]?.after.detectors.email).toBe(false);
    expect(audit.entries[1]?.before).toBeNull();
  });

  it('redacts the gateway’s own spans in the thread that stores them, with settings changed a moment ago', async () => {
    const errors: unknown[] = [];
    const writer = createGatewaySpanWriter(live.store, { logError: (error) => errors.push(error) });
    const span = (traceId: string) => ({
      ...emptySpan({
        traceId,
        spanId: '1'.repeat(16),
        name: 'chat gpt-4o',
        startTimeUs: Date.now() * 1000,
        endTimeUs: Date.now() * 1000 + 10,
      }),
      input: { type: 'text' as const, text: `my key is ${openAiKey}` },
    });
    await live.store.redactionSettings.put('alpha', { enabled: false });
    const before = randomTraceId();
    writer.write('alpha', span(before));
    await writer.flush();
    expect((await storedSpan(live, before)).input).toEqual({ type: 'text', text: `my key is ${openAiKey}` });
    // What PUT /api/settings/redaction does: save, then tell the writer (its cache would wait a second).
    await live.store.redactionSettings.put('alpha', { enabled: true });
    writer.redactionChanged('alpha');
    const after = randomTraceId();
    writer.write('alpha', span(after));
    await writer.close();
    expect(errors).toEqual([]);
    const stored = await storedSpan(live, after);
    expect(stored.input).toEqual({ type: 'text', text: 'my key is [REDACTED:secret]' });
    expect(stored.rawAttributes['sextant.redactions']).toEqual({ secret: 1 });
  });
});
