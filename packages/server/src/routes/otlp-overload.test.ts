import { SextantError } from '@sextant/core';
import { openSqliteStore } from '@sextant/store';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import type { Ingestor } from '../ingest/ingest-service.js';
import { ProjectService } from '../services/project-service.js';
import { otlpJson } from '../test-support/otlp-payload.js';

describe('/v1/traces when ingestion is behind', () => {
  const store = openSqliteStore(':memory:');
  const logged: unknown[] = [];
  // What the worker pool answers when too many bytes wait to be stored.
  const overloaded: Ingestor = {
    ingestBody: async () => {
      throw new SextantError('unavailable', 'ingestion is behind; send this one again shortly');
    },
    redactionChanged: () => {},
    close: async () => {},
  };
  const app = createApp({ store, ingestor: overloaded, logError: (error) => logged.push(error) });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('answers 503 with Retry-After, in JSON and in protobuf, and logs no error', async () => {
    const projects = new ProjectService(store);
    await projects.createProject('alpha');
    const { key } = await projects.createApiKey('alpha', 'test');
    const post = (contentType: string, body: string | Uint8Array) =>
      app.request('/v1/traces', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
        body,
      });

    const json = await post('application/json', JSON.stringify(otlpJson([{ name: 'step' }])));
    expect(json.status).toBe(503);
    expect(json.headers.get('retry-after')).toBe('1');
    expect(await json.json()).toEqual({
      error: { code: 'unavailable', message: 'ingestion is behind; send this one again shortly' },
    });

    const protobuf = await post('application/x-protobuf', new Uint8Array([]));
    expect(protobuf.status).toBe(503);
    expect(protobuf.headers.get('retry-after')).toBe('1');
    expect(protobuf.headers.get('content-type')).toBe('application/x-protobuf');
    // google.rpc.Status: field 1 (code) = 14, UNAVAILABLE.
    expect([...new Uint8Array(await protobuf.arrayBuffer()).slice(0, 2)]).toEqual([0x08, 14]);
    expect(logged).toEqual([]);
  });
});
