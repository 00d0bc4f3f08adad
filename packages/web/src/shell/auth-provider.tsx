import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type ApiClient, createApiClient } from '../api/api-client';
import { type ApiError, toApiError } from '../api/api-error';
import {
  loadActiveKey,
  loadSavedKeys,
  type SavedKey,
  storeActiveKey,
  storeSavedKeys,
  upsertSavedKey,
} from '../api/saved-keys';
import type { Project } from '../api/types';

export type AuthState =
  | { status: 'signed-out'; error: ApiError | null }
  | { status: 'checking'; key: string }
  | { status: 'ready'; key: string; project: Project; client: ApiClient }
  | { status: 'failed'; key: string; error: ApiError };

export interface Auth {
  state: AuthState;
  savedKeys: SavedKey[];
  /** Verifies `key` against /api/project, saves it and makes it active; resolves to the error on failure. */
  addKey(key: string, label: string): Promise<ApiError | null>;
  /** Switches to a saved key. */
  activate(key: string): void;
  /** Removes a saved key from this browser; signs out when it was the active one. */
  forget(key: string): void;
  /** Shows the key entry screen, optionally explaining why. */
  signOut(error?: ApiError): void;
  retry(): void;
}

const AuthContext = createContext<Auth | null>(null);

/** Holds the active project key (kept in localStorage) and the project it belongs to. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [savedKeys, setSavedKeys] = useState(loadSavedKeys);
  const [state, setState] = useState<AuthState>(() => {
    const key = loadActiveKey();
    return key ? { status: 'checking', key } : { status: 'signed-out', error: null };
  });

  const checkingKey = state.status === 'checking' ? state.key : null;
  useEffect(() => {
    if (checkingKey === null) return;
    const controller = new AbortController();
    const client = createApiClient(checkingKey);
    client.getProject(controller.signal).then(
      (project) => setState({ status: 'ready', key: checkingKey, project, client }),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState({ status: 'failed', key: checkingKey, error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [checkingKey]);

  const addKey = useCallback(async (key: string, label: string) => {
    const client = createApiClient(key);
    try {
      const project = await client.getProject();
      const next = upsertSavedKey(loadSavedKeys(), { key, label: label.trim() || project.name });
      storeSavedKeys(next);
      setSavedKeys(next);
      storeActiveKey(key);
      setState({ status: 'ready', key, project, client });
      return null;
    } catch (error) {
      return toApiError(error);
    }
  }, []);

  const activate = useCallback((key: string) => {
    storeActiveKey(key);
    setState({ status: 'checking', key });
  }, []);

  const signOut = useCallback((error?: ApiError) => {
    storeActiveKey(null);
    setState({ status: 'signed-out', error: error ?? null });
  }, []);

  const forget = useCallback(
    (key: string) => {
      const next = loadSavedKeys().filter((item) => item.key !== key);
      storeSavedKeys(next);
      setSavedKeys(next);
      if (loadActiveKey() === key) signOut();
    },
    [signOut],
  );

  const retry = useCallback(() => {
    setState((current) => ('key' in current ? { status: 'checking', key: current.key } : current));
  }, []);

  const auth = useMemo(
    () => ({ state, savedKeys, addKey, activate, forget, signOut, retry }),
    [state, savedKeys, addKey, activate, forget, signOut, retry],
  );
  return <AuthContext value={auth}>{children}</AuthContext>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>');
  return auth;
}

/** The API client of the signed-in project; only for components rendered once signed in. */
export function useApiClient(): ApiClient {
  const { state } = useAuth();
  if (state.status !== 'ready') throw new Error('useApiClient needs a signed-in project');
  return state.client;
}
