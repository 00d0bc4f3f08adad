import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, request, startLiveServer } from '../test-support/live-server.js';
import { otlpJson, postOtlp, randomSpanId, randomTraceId } from '../test-support/otlp-payload.js';

async function upload(live: LiveServer, route: string, body: string, contentType: string) {
  const response = await fetch(`${live.url}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${live.keyA}`, 'content-type': contentType },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function download(live: LiveServer, route: string) {
  const response = await fetch(`${live.url}${route}`, { headers: { authorization: `Bearer ${live.keyA}` } });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

const items = async (live: LiveServer, route: string) =>
  (
    (await request(live, live.keyA, 'GET', route)).body as {
      items: {
        id: string;
        input: unknown;
        expectedOutput: unknown;
        metadata: unknown;
        split: string | null;
      }[];
    }
  ).items;

describe('dataset routes', () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer();
  });
  afterAll(() => live.stop());

  it('creates a dataset, edits it into versions, and reads any version', async () => {
    const created = await request(live, live.keyA, 'POST', '/api/datasets', {
      name: 'qa',
      description: 'FAQ',
    });
    expect(created.status).toBe(201);
    expect((await request(live, live.keyA, 'POST', '/api/datasets', { name: 'qa' })).status).toBe(409);
    const bad = await request(live, live.keyA, 'POST', '/api/datasets', { name: 'no spaces' });
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/name:.*letters/) } },
    });

    const first = await request(live, live.keyA, 'POST', '/api/datasets/qa/items', {
      items: [
        { id: 'a', input: { question: 'hours?' }, expectedOutput: '9-5', split: 'train' },
        { id: 'b', input: 'refunds?', split: 'test' },
      ],
    });
    expect(first).toMatchObject({ status: 201, body: { version: { version: 1, itemCount: 2, added: 2 } } });
    const second = await request(live, live.keyA, 'POST', '/api/datasets/qa/items', {
      items: [{ id: 'a', input: { question: 'opening hours?' }, expectedOutput: '9-17', split: 'train' }],
      delete: ['b'],
      message: 'fix a, drop b',
    });
    expect(second.body).toMatchObject({ version: { version: 2, itemCount: 1, updated: 1, removed: 1 } });

    expect((await items(live, '/api/datasets/qa/items?version=1')).map((item) => item.id)).toEqual([
      'a',
      'b',
    ]);
    expect(await items(live, '/api/datasets/qa/items')).toEqual([
      {
        id: 'a',
        input: { question: 'opening hours?' },
        expectedOutput: '9-17',
        metadata: {},
        split: 'train',
        version: 2,
      },
    ]);
    const shown = await request(live, live.keyA, 'GET', '/api/datasets/qa');
    expect(shown.body).toMatchObject({
      dataset: { name: 'qa', latestVersion: 2, itemCount: 1 },
      versions: [{ version: 2, message: 'fix a, drop b' }, { version: 1 }],
      splits: [{ split: 'train', count: 1 }],
    });
    const splits = await request(live, live.keyA, 'GET', '/api/datasets/qa/splits?version=1');
    expect(splits.body).toEqual({
      version: 1,
      splits: [
        { split: 'test', count: 1 },
        { split: 'train', count: 1 },
      ],
    });
    const missing = await request(live, live.keyA, 'GET', '/api/datasets/qa/items?version=9');
    expect(missing).toMatchObject({
      status: 404,
      body: { error: { message: expect.stringMatching(/no version 9/) } },
    });
  });

  it('refuses an item without input, and documents every dataset route in the OpenAPI document', async () => {
    await request(live, live.keyA, 'POST', '/api/datasets', { name: 'strict' });
    const refused = await request(live, live.keyA, 'POST', '/api/datasets/strict/items', {
      items: [{ id: 'a', expectedOutput: 'x' }],
    });
    expect(refused).toMatchObject({
      status: 400,
      body: { error: { message: 'items.0.input: an input is required' } },
    });
    const document = (await (await fetch(`${live.url}/api/openapi.json`)).json()) as {
      paths: Record<string, object>;
    };
    for (const path of [
      '/api/datasets',
      '/api/datasets/{name}',
      '/api/datasets/{name}/splits',
      '/api/datasets/{name}/items',
      '/api/datasets/{name}/items/from-trace',
      '/api/datasets/{name}/import',
      '/api/datasets/{name}/export',
    ]) {
      expect(document.paths[path], path).toBeDefined();
    }
  });

  it('imports CSV with chosen columns and tricky quoting, and refuses a malformed file whole', async () => {
    await request(live, live.keyA, 'POST', '/api/datasets', { name: 'csv' });
    const csv =
      'question,context,answer,source,split\r\n' +
      '"What is 1,000 + 1?",math,"1,001",book,train\r\n' +
      '"Say ""hi""","multi\nline",hi,web,test\r\n';
    const imported = await upload(
      live,
      '/api/datasets/csv/import?input=question,context&expected=answer&metadata=source',
      csv,
      'text/csv',
    );
    expect(imported).toMatchObject({ status: 201, body: { rows: 2, version: { version: 1, added: 2 } } });
    const rows = await items(live, '/api/datasets/csv/items?split=test');
    expect(rows).toEqual([
      expect.objectContaining({
        input: { question: 'Say "hi"', context: 'multi\nline' },
        expectedOutput: 'hi',
        metadata: { source: 'web' },
        split: 'test',
      }),
    ]);

    const broken = `question,answer\n${'q,a\n'.repeat(1500)}"unterminated,a\nq,a\n`;
    const refused = await upload(
      live,
      '/api/datasets/csv/import?input=question&expected=answer',
      broken,
      'text/csv',
    );
    expect(refused).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'bad_request',
          message: expect.stringMatching(/^line 1502: .*never closed.*nothing was imported/),
        },
      },
    });
    const shortRow = await upload(live, '/api/datasets/csv/import', 'input,expected_output\nx\n', 'text/csv');
    expect(shortRow.body).toMatchObject({
      error: { message: expect.stringMatching(/^line 2: 1 fields, but the header has 2/) },
    });
    expect((await request(live, live.keyA, 'GET', '/api/datasets/csv')).body).toMatchObject({
      dataset: { latestVersion: 1, itemCount: 2 },
    });
  });

  it('imports JSONL, naming the line of a bad one, and exports JSONL and CSV that re-import', async () => {
    await request(live, live.keyA, 'POST', '/api/datasets', { name: 'lines' });
    const jsonl = [
      {
        id: 'x',
        input: { q: 'a, "b"' },
        expectedOutput: { answer: 1 },
        metadata: { tag: 't' },
        split: 'validation',
      },
      { input: 'plain', expected_output: 'p' },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');
    const refused = await upload(
      live,
      '/api/datasets/lines/import',
      `${jsonl}\n\n{"input": 1,}\n`,
      'application/x-ndjson',
    );
    expect(refused.body).toMatchObject({
      error: { message: expect.stringMatching(/^line 4: not valid JSON/) },
    });
    const noInput = await upload(
      live,
      '/api/datasets/lines/import?format=jsonl',
      '{"expected":1}',
      'text/plain',
    );
    expect(noInput.body).toMatchObject({
      error: { message: 'line 1: the object has no "input" field; nothing was imported' },
    });
    const imported = await upload(live, '/api/datasets/lines/import', jsonl, 'application/x-ndjson');
    expect(imported).toMatchObject({ status: 201, body: { rows: 2 } });

    const exported = await download(live, '/api/datasets/lines/export');
    expect(exported.type).toBe('application/x-ndjson');
    const lines = exported.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0]).toEqual({
      id: 'x',
      input: { q: 'a, "b"' },
      expectedOutput: { answer: 1 },
      metadata: { tag: 't' },
      split: 'validation',
    });
    const csv = await download(live, '/api/datasets/lines/export?format=csv&split=validation');
    expect(csv.text).toBe(
      'id,input,expected_output,metadata,split\nx,"{""q"":""a, \\""b\\""""}","{""answer"":1}","{""tag"":""t""}",validation\n',
    );

    await request(live, live.keyA, 'POST', '/api/datasets', { name: 'copy' });
    const again = await upload(live, '/api/datasets/copy/import', exported.text, 'application/x-ndjson');
    expect(again.body).toMatchObject({ rows: 2 });
    expect(await items(live, '/api/datasets/copy/items')).toEqual(
      await items(live, '/api/datasets/lines/items'),
    );
  });

  it('adds items from a trace: root span by default, or a chosen span, linked in metadata', async () => {
    const traceId = randomTraceId();
    const rootId = randomSpanId();
    const childId = randomSpanId();
    const sent = await postOtlp(
      live.url,
      live.keyA,
      otlpJson([
        {
          traceId,
          spanId: rootId,
          name: 'answer-question',
          attributes: {
            'sextant.input': 'What are your hours?',
            'sextant.output': 'We open at 9.',
            'gen_ai.request.model': 'gpt-4o-mini',
            'sextant.prompt.name': 'support',
            'sextant.prompt.version': '3',
          },
        },
        {
          traceId,
          spanId: childId,
          parentSpanId: rootId,
          name: 'retrieve',
          attributes: { 'sextant.input': 'hours', 'sextant.output': 'doc: 9-17' },
        },
      ]),
    );
    expect(sent.status).toBe(200);
    await request(live, live.keyA, 'POST', '/api/datasets', { name: 'from-prod' });
    const root = await request(live, live.keyA, 'POST', '/api/datasets/from-prod/items/from-trace', {
      traceId,
      split: 'test',
    });
    expect(root).toMatchObject({
      status: 201,
      body: {
        version: { version: 1 },
        item: {
          input: 'What are your hours?',
          expectedOutput: 'We open at 9.',
          split: 'test',
          metadata: {
            traceId,
            spanId: rootId,
            model: 'gpt-4o-mini',
            promptName: 'support',
            promptVersion: '3',
          },
        },
      },
    });
    const edited = await request(live, live.keyA, 'POST', '/api/datasets/from-prod/items/from-trace', {
      traceId,
      spanId: childId,
      id: 'retrieval-1',
      expectedOutput: 'doc: 9-17 (checked)',
    });
    expect(edited.body).toMatchObject({
      item: {
        id: 'retrieval-1',
        input: 'hours',
        expectedOutput: 'doc: 9-17 (checked)',
        metadata: { spanId: childId },
      },
    });
    const wrongSpan = await request(live, live.keyA, 'POST', '/api/datasets/from-prod/items/from-trace', {
      traceId,
      spanId: '0000000000000001',
    });
    expect(wrongSpan).toMatchObject({
      status: 404,
      body: { error: { message: expect.stringContaining(rootId) } },
    });
    const otherProject = await request(live, live.keyB, 'POST', '/api/datasets', { name: 'from-prod' });
    expect(otherProject.status).toBe(201);
    const crossTrace = await request(live, live.keyB, 'POST', '/api/datasets/from-prod/items/from-trace', {
      traceId,
    });
    expect(crossTrace.status).toBe(404);
  });
});
