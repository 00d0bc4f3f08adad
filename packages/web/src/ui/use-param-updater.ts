import { useCallback } from 'react';
import { useSearchParams } from 'wouter';

/** Applies changes to URL parameters in one navigation; an empty value removes the parameter. */
export type UpdateParams = (changes: Record<string, string>) => void;

/** The page's URL parameters, and a function that changes several at once (replacing the history entry). */
export function useParamUpdater(): [URLSearchParams, UpdateParams] {
  const [params, setParams] = useSearchParams();
  const update: UpdateParams = useCallback(
    (changes) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(changes)) {
            if (value) next.set(name, value);
            else next.delete(name);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [params, update];
}
