import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTestModel } from '../test-support/test-model.js';
import { createGgufProvider } from './gguf-provider.js';
import { inspectGgufFile } from './inspect-gguf-file.js';

const file = findTestModel();
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-gguf-'));
const provider = createGgufProvider({ file, threads: 1 });
afterAll(async () => {
  await provider.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

const prompt = [
  {
    role: 'user' as const,
    content: [{ type: 'text' as const, text: 'Once upon a time, there was a little girl named Lily.' }],
  },
];

describe('the in-process GGUF provider', () => {
  it('reads the file header: architecture, context length, hash', async () => {
    const facts = await inspectGgufFile(file);
    expect(facts).toMatchObject({
      success: true,
      value: { architecture: 'llama', contextLength: 2048, sizeBytes: 1_185_376, hasChatTemplate: false },
    });
  });

  it('generates deterministically at temperature 0 with exact token usage', async () => {
    const model = provider.languageModel('stories260k');
    const first = await model.doGenerate({ prompt, maxOutputTokens: 24, temperature: 0 });
    const second = await model.doGenerate({ prompt, maxOutputTokens: 24, temperature: 0 });
    const text = first.content[0]?.type === 'text' ? first.content[0].text : '';
    expect(text).toMatch(/^ ?She loved to play outside in the park/);
    expect(second.content).toEqual(first.content);
    expect(first.usage.outputTokens.total).toBe(24);
    expect(first.usage.inputTokens.total).toBeGreaterThan(5);
    expect(first.finishReason.unified).toBe('length');
  });

  it('streams the same text in deltas', async () => {
    const { stream } = await provider.languageModel('stories260k').doStream({ prompt, maxOutputTokens: 24 });
    const parts = [];
    for await (const part of stream) parts.push(part);
    const deltas = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toMatch(/She loved to play outside/);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', usage: { outputTokens: { total: 24 } } });
  });

  it('refuses tools with a clear error instead of ignoring them', async () => {
    const model = provider.languageModel('stories260k');
    await expect(
      model.doGenerate({
        prompt,
        tools: [{ type: 'function', name: 'f', inputSchema: { type: 'object' } }],
      }),
    ).rejects.toThrow(/tool calling/);
  });

  it('names a corrupt file and a changed file instead of crashing', async () => {
    const corrupt = path.join(directory, 'corrupt.gguf');
    fs.writeFileSync(corrupt, Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(64, 0xff)]));
    const broken = createGgufProvider({ file: corrupt, threads: 1 });
    await expect(broken.languageModel('x').doGenerate({ prompt })).rejects.toThrow(/corrupt\.gguf/);
    const notGguf = path.join(directory, 'weights.bin');
    fs.writeFileSync(notGguf, 'not a model');
    expect(await inspectGgufFile(notGguf)).toMatchObject({
      success: false,
      error: expect.stringMatching(/not a GGUF/),
    });
    const changed = createGgufProvider({ file, threads: 1, sha256: 'f'.repeat(64) });
    await expect(changed.languageModel('x').doGenerate({ prompt })).rejects.toThrow(
      /stories260K\.gguf has sha256/,
    );
  });
});
