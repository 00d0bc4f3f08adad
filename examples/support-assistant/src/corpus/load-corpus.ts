import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Chunk, chunkMarkdown } from './chunk-markdown.js';

/** The documentation shipped with the example: Sextant's own docs, in `examples/support-assistant/docs`. */
export const docsDirectory = fileURLToPath(new URL('../../docs', import.meta.url));

export function loadCorpus(directory = docsDirectory): Chunk[] {
  return fs
    .readdirSync(directory)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .flatMap((file) => chunkMarkdown(file, fs.readFileSync(path.join(directory, file), 'utf8')));
}
