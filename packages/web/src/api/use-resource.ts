import { useCallback, useEffect, useState } from 'react';
import { type ApiError, toApiError } from './api-error';

export type Resource<T> =
  | { status: 'loading'; data: T | null; error: null }
  | { status: 'ok'; data: T; error: null }
  | { status: 'error'; data: T | null; error: ApiError };

type Loaded<T> = Resource<T> & { key: string };

/**
 * Loads `load` whenever `key` changes, cancelling the previous request; `reload` runs it again.
 * While reloading the same key the last data stays, so views do not flash empty; a new key starts empty.
 */
export function useResource<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
): Resource<T> & { reload: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T>>({ key, status: 'loading', data: null, error: null });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names everything `load` depends on
  useEffect(() => {
    const controller = new AbortController();
    const keep = (current: Loaded<T>) => (current.key === key ? current.data : null);
    setLoaded((current) => ({ key, status: 'loading', data: keep(current), error: null }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setLoaded({ key, status: 'ok', data, error: null });
      },
      (error: unknown) => {
        if (!controller.signal.aborted)
          setLoaded((current) => ({ key, status: 'error', data: keep(current), error: toApiError(error) }));
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((value) => value + 1), []);
  const resource: Resource<T> = loaded.key === key ? loaded : { status: 'loading', data: null, error: null };
  return { ...resource, reload };
}
