import fs from 'node:fs';
import { createCsvParser, createLineSplitter, SextantError } from '@sextant/core';

/** Counts rows of a file as it streams past, for the progress line (the server does the real parsing). */
function createRowCounter(format: 'csv' | 'jsonl') {
  if (format === 'jsonl') {
    const lines = createLineSplitter();
    const count = (numbered: { text: string }[]) => numbered.filter((line) => line.text.trim() !== '').length;
    return { push: (text: string) => count(lines.push(text)), end: () => count(lines.end()) };
  }
  const parser = createCsvParser();
  let header = true;
  const count = (result: ReturnType<typeof parser.push>) => {
    if (!result.success) return 0; // the server names the malformed line
    let rows = result.value.length;
    if (header && rows > 0) {
      header = false;
      rows -= 1;
    }
    return rows;
  };
  return { push: (text: string) => count(parser.push(text)), end: () => count(parser.end()) };
}

/** What the server answered to an import. */
export interface ImportAnswer {
  version: { version: number; itemCount: number };
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

/**
 * Streams a file to the import endpoint (never reading it whole), calling `onProgress` with the rows sent so
 * far. The server reads at the pace it writes, so rows sent track rows imported closely.
 */
export async function uploadDatasetFile(options: {
  url: string;
  apiKey: string | undefined;
  path: string;
  file: string;
  format: 'csv' | 'jsonl';
  onProgress: (rows: number) => void;
}): Promise<ImportAnswer> {
  if (!options.apiKey) {
    throw new SextantError(
      'unauthorized',
      'no API key: pass --api-key or set SEXTANT_API_KEY (create one with `sextant keys create`)',
    );
  }
  if (!fs.existsSync(options.file))
    throw new SextantError('not_found', `file '${options.file}' does not exist`);
  const counter = createRowCounter(options.format);
  const decoder = new TextDecoder();
  let rows = 0;
  async function* chunks() {
    for await (const chunk of fs.createReadStream(options.file, { highWaterMark: 256 * 1024 })) {
      rows += counter.push(decoder.decode(chunk as Buffer, { stream: true }));
      options.onProgress(rows);
      yield chunk as Buffer;
    }
    rows += counter.push(decoder.decode()) + counter.end();
    options.onProgress(rows);
  }
  const response = await send(options.url, options.path, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.apiKey}`,
      'content-type': options.format === 'csv' ? 'text/csv' : 'application/x-ndjson',
    },
    body: chunks(),
    duplex: 'half',
  });
  return (await response.json()) as ImportAnswer;
}

/** Streams a GET answer into `write` chunk by chunk. */
export async function downloadTo(
  url: string,
  apiKey: string | undefined,
  path: string,
  write: (chunk: Uint8Array) => Promise<void> | void,
): Promise<void> {
  if (!apiKey) {
    throw new SextantError('unauthorized', 'no API key: pass --api-key or set SEXTANT_API_KEY');
  }
  const response = await send(url, path, { headers: { authorization: `Bearer ${apiKey}` } });
  if (!response.body) return;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) await write(chunk);
}

async function send(baseUrl: string, path: string, init: Record<string, unknown>): Promise<Response> {
  let response: Response;
  try {
    // `duplex` and an async-iterable body are Node fetch features the DOM RequestInit type does not list.
    response = await fetch(new URL(path, baseUrl), init as RequestInit);
  } catch (error) {
    throw new SextantError(
      'internal',
      `cannot reach Sextant at ${baseUrl} (${(error as Error).cause ?? (error as Error).message}); ` +
        'is `sextant serve` running? Set --url or SEXTANT_URL',
    );
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new SextantError(
      response.status === 404 ? 'not_found' : response.status === 409 ? 'conflict' : 'bad_request',
      `${response.status} from ${path}: ${body?.error?.message ?? response.statusText}`,
    );
  }
  return response;
}
