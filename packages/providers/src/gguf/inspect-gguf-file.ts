import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fail, ok, type Result } from '@sextant/core';

/** What Sextant reads from a GGUF file's header to describe it in the model garden. */
export interface GgufFileFacts {
  file: string;
  sizeBytes: number;
  sha256: string;
  architecture: string | null;
  name: string | null;
  license: string | null;
  /** Context length the model was trained with. */
  contextLength: number | null;
  /** True when the file carries a chat template (instruction-tuned models usually do). */
  hasChatTemplate: boolean;
}

/** sha256 of a file, streamed (model files are gigabytes). */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Reads a GGUF file's header (never its weights) and hashes it. A missing, unreadable or corrupt file
 * is an expected failure with a message that names the file; a hash that differs from `expectedSha256`
 * is refused.
 * @example const facts = await inspectGgufFile('./models/qwen3-0.6b-q8_0.gguf');
 */
export async function inspectGgufFile(
  file: string,
  options: { expectedSha256?: string | null } = {},
): Promise<Result<GgufFileFacts, string>> {
  const absolute = path.resolve(file);
  const stat = fs.statSync(absolute, { throwIfNoEntry: false });
  if (!stat?.isFile()) return fail(`GGUF file ${absolute} does not exist`);
  const magic = Buffer.alloc(4);
  const handle = fs.openSync(absolute, 'r');
  try {
    fs.readSync(handle, magic, 0, 4, 0);
  } finally {
    fs.closeSync(handle);
  }
  if (magic.toString('latin1') !== 'GGUF') {
    return fail(`${absolute} is not a GGUF model file (it does not start with the GGUF magic bytes)`);
  }
  const sha256 = await sha256File(absolute);
  if (options.expectedSha256 && sha256 !== options.expectedSha256) {
    return fail(
      `${absolute} has sha256 ${sha256}, not the expected ${options.expectedSha256}; ` +
        'the file changed since it was added: add it again if the change is intended',
    );
  }
  try {
    const { readGgufFileInfo } = await import('node-llama-cpp');
    const info = await readGgufFileInfo(absolute, {
      sourceType: 'filesystem',
      readTensorInfo: false,
      logWarnings: false,
    });
    const metadata = info.metadata as unknown as Record<string, Record<string, unknown> | undefined>;
    const general = metadata.general ?? {};
    const architecture = typeof general.architecture === 'string' ? general.architecture : null;
    const contextLength = architecture ? metadata[architecture]?.context_length : undefined;
    return ok({
      file: absolute,
      sizeBytes: stat.size,
      sha256,
      architecture,
      name: typeof general.name === 'string' ? general.name : null,
      license: typeof general.license === 'string' ? general.license : null,
      contextLength: typeof contextLength === 'number' ? contextLength : null,
      hasChatTemplate: typeof metadata.tokenizer?.chat_template === 'string',
    });
  } catch (error) {
    return fail(`${absolute} is not a readable GGUF model: ${(error as Error).message}`);
  }
}
