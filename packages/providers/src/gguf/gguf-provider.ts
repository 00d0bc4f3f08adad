import { SextantError } from '@sextant/core';
import type { ModelProvider } from '../provider-contract.js';
import { GgufLanguageModel } from './gguf-language-model.js';
import { type LoadedGguf, loadGguf } from './gguf-runtime.js';
import { inspectGgufFile } from './inspect-gguf-file.js';

export interface GgufProviderOptions {
  /** Provider id of the model ids it serves; `local` by default. */
  provider?: string;
  /** Path of the GGUF file. */
  file: string;
  /** Refuse the file unless its sha256 is this. */
  sha256?: string | null;
  /** CPU threads; always explicit. Default 1, right for small machines and tiny models. */
  threads?: number;
  /** Tokens of context; capped at what the model was trained with. Default 2048. */
  contextSize?: number;
}

/**
 * Runs one GGUF file in-process with node-llama-cpp. The file is checked (magic bytes, header, sha256)
 * and loaded on the first call, not at construction; a corrupt or changed file fails that call with a
 * message naming the file, and the next call tries again.
 * @example const provider = createGgufProvider({ file: './stories260K.gguf', threads: 1 });
 */
export function createGgufProvider(options: GgufProviderOptions): ModelProvider & { close(): Promise<void> } {
  const provider = options.provider ?? 'local';
  let loading: Promise<LoadedGguf> | null = null;
  const load = () => {
    loading ??= (async () => {
      const inspected = await inspectGgufFile(options.file, { expectedSha256: options.sha256 });
      if (!inspected.success) throw new SextantError('bad_request', inspected.error);
      try {
        return await loadGguf(inspected.value.file, {
          threads: options.threads ?? 1,
          contextSize: options.contextSize,
        });
      } catch (error) {
        throw new SextantError(
          'bad_request',
          `llama.cpp could not load ${inspected.value.file}: ${(error as Error).message}`,
          { cause: error },
        );
      }
    })();
    loading.catch(() => {
      loading = null;
    });
    return loading;
  };
  return {
    specificationVersion: 'v1',
    provider,
    languageModel: (upstreamId) => new GgufLanguageModel(provider, upstreamId, load),
    async close() {
      const current = loading;
      loading = null;
      if (current) await (await current.catch(() => null))?.dispose();
    },
  };
}
