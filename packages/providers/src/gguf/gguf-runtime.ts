import type { Llama, LlamaContext, LlamaModel } from 'node-llama-cpp';

/** A model loaded in this process, with one context whose generations run one at a time. */
export interface LoadedGguf {
  model: LlamaModel;
  context: LlamaContext;
  /** Runs `work` after every earlier generation on this model finished. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  dispose(): Promise<void>;
}

let llama: Promise<Llama> | null = null;

/**
 * The process-wide llama.cpp binding, CPU only, never building from source (no toolchain or network is
 * assumed). Loaded on first use: importing node-llama-cpp costs hundreds of milliseconds.
 */
function getCpuLlama(threads: number): Promise<Llama> {
  llama ??= import('node-llama-cpp').then(({ getLlama, LlamaLogLevel }) =>
    getLlama({ gpu: false, build: 'never', maxThreads: threads, logLevel: LlamaLogLevel.error }),
  );
  return llama;
}

/**
 * Loads a GGUF file with an explicit thread count. The count is always set: the library's default
 * (every core) made a 2-core machine about a thousand times slower in our measurements.
 */
export async function loadGguf(
  file: string,
  options: { threads: number; contextSize?: number },
): Promise<LoadedGguf> {
  const runtime = await getCpuLlama(options.threads);
  const model = await runtime.loadModel({ modelPath: file });
  try {
    const context = await model.createContext({
      threads: options.threads,
      contextSize: Math.min(options.contextSize ?? 2048, model.trainContextSize),
      sequences: 1,
    });
    let queue: Promise<unknown> = Promise.resolve();
    return {
      model,
      context,
      exclusive<T>(work: () => Promise<T>) {
        const run = queue.then(work, work);
        queue = run.catch(() => {});
        return run;
      },
      async dispose() {
        await context.dispose();
        await model.dispose();
      },
    };
  } catch (error) {
    await model.dispose();
    throw error;
  }
}
