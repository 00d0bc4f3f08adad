import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { SextantError } from '@sextant/core';

/** A GGUF file on a Hugging Face-style hub: `OWNER/REPO/FILE.gguf`, optionally `@REVISION`. */
export interface ModelReference {
  owner: string;
  repo: string;
  file: string;
  revision: string;
}

export function parseModelReference(name: string): ModelReference {
  const match = /^([\w.-]+)\/([\w.-]+)\/([\w./-]+\.gguf)(?:@([\w.-]+))?$/i.exec(name.trim());
  if (!match) {
    throw new SextantError(
      'bad_request',
      `'${name}' is not a model reference; use OWNER/REPO/FILE.gguf, e.g. Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf`,
    );
  }
  const [, owner = '', repo = '', file = '', revision = 'main'] = match;
  return { owner, repo, file, revision };
}

export interface PullOptions {
  /** Hub base URL. Default https://huggingface.co. */
  hubUrl: string;
  /** Where model files are kept. */
  directory: string;
  /** Expected sha256; default: the checksum the hub publishes for the file. */
  sha256?: string;
  onProgress?: (receivedBytes: number, totalBytes: number | null) => void;
}

export interface PulledModel {
  file: string;
  sha256: string;
  bytes: number;
  /** True when a verified copy was already on disk and nothing was downloaded. */
  reused: boolean;
}

const sha256Pattern = /^[0-9a-f]{64}$/;

/**
 * Downloads a GGUF file and verifies it before it is kept: the bytes are hashed while they stream to a
 * `.partial` file, which is renamed only when the sha256 matches, so an interrupted or tampered
 * download never looks like a model. The expected checksum is `--sha256` or the one the hub publishes
 * (Hugging Face sends it as `X-Linked-Etag` on its LFS redirects); with neither, the pull is refused.
 */
export async function pullModel(reference: ModelReference, options: PullOptions): Promise<PulledModel> {
  const url = `${options.hubUrl.replace(/\/$/, '')}/${reference.owner}/${reference.repo}/resolve/${reference.revision}/${reference.file}`;
  const head = await request(url, { method: 'HEAD', redirect: 'manual' });
  const published = (head.headers.get('x-linked-etag') ?? '')
    .replace(/^W\//, '')
    .replace(/"/g, '')
    .toLowerCase();
  const expected = (options.sha256 ?? published).toLowerCase();
  if (!sha256Pattern.test(expected)) {
    throw new SextantError(
      'bad_request',
      `${url} publishes no sha256 checksum, so the download cannot be verified; pass --sha256 with the checksum from the model's page`,
    );
  }
  const target = path.join(options.directory, reference.owner, reference.repo, path.basename(reference.file));
  if (fs.existsSync(target) && (await sha256OfFile(target)) === expected) {
    return { file: target, sha256: expected, bytes: fs.statSync(target).size, reused: true };
  }

  fs.mkdirSync(path.dirname(target), { recursive: true });
  const response = await request(url, { redirect: 'follow' });
  if (!response.body) throw new SextantError('bad_request', `${url} answered without a body`);
  const total = Number(response.headers.get('content-length')) || null;
  const partial = `${target}.partial`;
  const hash = createHash('sha256');
  let received = 0;
  const output = fs.createWriteStream(partial);
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      received += chunk.length;
      options.onProgress?.(received, total);
      if (!output.write(chunk)) await once(output, 'drain');
    }
    output.end();
    await finished(output);
  } catch (error) {
    output.destroy();
    fs.rmSync(partial, { force: true });
    throw new SextantError(
      'bad_request',
      `download of ${url} failed after ${received} bytes: ${(error as Error).message}`,
    );
  }
  const actual = hash.digest('hex');
  if (actual !== expected) {
    fs.rmSync(partial, { force: true });
    throw new SextantError(
      'bad_request',
      `checksum mismatch for ${reference.file}: expected sha256 ${expected}, got ${actual}; the file was deleted`,
    );
  }
  fs.renameSync(partial, target);
  return { file: target, sha256: actual, bytes: received, reused: false };
}

async function request(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new SextantError(
      'bad_request',
      `cannot reach ${new URL(url).origin} (${(error as Error).message}); without network, download the file elsewhere and use \`sextant models add --gguf FILE\` or SEXTANT_LOCAL_MODEL=FILE`,
    );
  }
  if (response.status >= 400) {
    throw new SextantError(
      'bad_request',
      `${url} answered ${response.status}; check the owner, repository and file name`,
    );
  }
  return response;
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
