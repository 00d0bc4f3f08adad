import { createOfflineEmbedder, type Embedder } from '@sextant/providers';

let loading: Promise<Embedder> | null = null;

/** The offline sentence encoder, loaded once per process and shared by every evaluator. */
export function offlineEmbedder(): Promise<Embedder> {
  loading ??= createOfflineEmbedder();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
