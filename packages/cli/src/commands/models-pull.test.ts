import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestModel, testModel } from '../../../providers/src/test-support/test-model.js';
import { runSextant } from '../test-support/run-sextant.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-cli-pull-'));
const db = path.join(directory, 'sextant.db');
const modelsDir = path.join(directory, 'models');
let hub: http.Server;
let hubUrl: string;
let downloads = 0;

/**
 * A loopback model hub shaped like Hugging Face: `resolve` URLs answer with a redirect to the file and
 * publish the file's sha256 in X-Linked-Etag. One repository lies about its checksum, one publishes none.
 */
beforeAll(async () => {
  const bytes = fs.readFileSync(findTestModel());
  hub = http.createServer((request, response) => {
    const url = request.url ?? '';
    const resolved = /^\/([^/]+)\/([^/]+)\/resolve\/main\/(.+)$/.exec(url);
    if (resolved) {
      const [, , repo] = resolved;
      if (repo === 'missing') return response.writeHead(404).end();
      const etag = repo === 'tampered' ? 'f'.repeat(64) : repo === 'unverified' ? null : testModel.sha256;
      response.writeHead(302, {
        location: `/cdn/${resolved[3]}`,
        ...(etag ? { 'x-linked-etag': `"${etag}"` } : {}),
      });
      return response.end();
    }
    if (url.startsWith('/cdn/')) {
      if (request.method === 'GET') downloads += 1;
      response.writeHead(200, { 'content-length': bytes.length, 'content-type': 'application/octet-stream' });
      return response.end(request.method === 'HEAD' ? undefined : bytes);
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
  hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
  expect((await runSextant(['projects', 'create', 'default', '--db', db])).code).toBe(0);
});
afterAll(async () => {
  await new Promise((resolve) => hub.close(resolve));
  fs.rmSync(directory, { recursive: true, force: true });
});

const pull = (reference: string, ...extra: string[]) =>
  runSextant(['models', 'pull', reference, '--hub', hubUrl, '--dir', modelsDir, '--db', db, ...extra]);

describe('sextant models pull', () => {
  it('downloads a GGUF file, verifies the published sha256, and adds it as a local model', async () => {
    const result = await pull(
      'karpathy/tinyllamas/stories260K.gguf',
      '--id',
      'local/stories',
      '--threads',
      '1',
    );
    expect(result.stderr).toMatch(/downloading stories260K\.gguf \(MB\) 1\/1/);
    expect(result.stdout).toMatch(new RegExp(`sha256 ${testModel.sha256} verified`));
    expect(result.stdout).toMatch(/Added local\/stories/);
    const file = path.join(modelsDir, 'karpathy', 'tinyllamas', 'stories260K.gguf');
    expect(fs.statSync(file).size).toBe(fs.statSync(findTestModel()).size);
    const shown = await runSextant(['models', 'show', 'local/stories', '--db', db]);
    expect(shown.stdout).toMatch(/gguf/);

    const again = await pull('karpathy/tinyllamas/stories260K.gguf', '--id', 'local/stories');
    expect(again.stdout).toMatch(/already here and verified/);
    expect(downloads).toBe(1);
  });

  it('deletes a download whose checksum does not match, and refuses files with no checksum', async () => {
    const tampered = await pull('evil/tampered/stories260K.gguf');
    expect(tampered.code).not.toBe(0);
    expect(tampered.stderr).toMatch(
      /checksum mismatch for stories260K\.gguf: expected sha256 f{64}, got 270cba1b/,
    );
    expect(fs.existsSync(path.join(modelsDir, 'evil'))).toBe(true);
    expect(fs.readdirSync(path.join(modelsDir, 'evil', 'tampered'))).toEqual([]);

    const unverified = await pull('someone/unverified/stories260K.gguf');
    expect(unverified.stderr).toMatch(/publishes no sha256 checksum.*pass --sha256/);
    const pinned = await pull(
      'someone/unverified/stories260K.gguf',
      '--sha256',
      testModel.sha256,
      '--id',
      'local/pinned',
    );
    expect(pinned.stdout).toMatch(/Added local\/pinned/);
  });

  it('names what is wrong with a bad reference or an unknown file', async () => {
    expect((await pull('not-a-reference')).stderr).toMatch(
      /'not-a-reference' is not a model reference; use OWNER\/REPO\/FILE\.gguf/,
    );
    expect((await pull('someone/missing/model.gguf')).stderr).toMatch(
      /answered 404; check the owner, repository and file name/,
    );
    const offline = await runSextant([
      'models',
      'pull',
      'a/b/c.gguf',
      '--hub',
      'http://127.0.0.1:9',
      '--dir',
      modelsDir,
      '--db',
      db,
    ]);
    expect(offline.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9.*SEXTANT_LOCAL_MODEL/);
  });
});
