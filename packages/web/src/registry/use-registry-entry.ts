import { useMemo } from 'react';
import type { ApiError } from '../api/api-error';
import { listLabelEvents, listVersions } from '../api/registry-api';
import type { LabelEvent, RegistryResource, VersionRecord } from '../api/registry-types';
import { useResource } from '../api/use-resource';
import { useApiClient } from '../shell/auth-provider';

/** The label every read resolves to; it points at the newest version and cannot be moved. */
export const latestLabel = 'latest';

export interface RegistryEntry<V extends VersionRecord<unknown>> {
  /** Newest first. */
  versions: V[];
  events: LabelEvent[];
  /** Movable labels (not `latest`) and the version each points at. */
  labels: Record<string, number>;
  latestVersion: number | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/** A prompt's or release's version history and label audit log, reloaded together after a change. */
export function useRegistryEntry<V extends VersionRecord<unknown>>(
  resource: RegistryResource,
  name: string,
): RegistryEntry<V> {
  const client = useApiClient();
  const key = `${resource}:${name}`;
  const versions = useResource(`versions:${key}`, (signal) =>
    listVersions<V>(client, resource, name, signal),
  );
  const events = useResource(`events:${key}`, (signal) => listLabelEvents(client, resource, name, signal));
  const list = versions.data?.versions;
  const labels = useMemo(() => {
    const result: Record<string, number> = {};
    for (const version of list ?? []) {
      for (const label of version.labels) if (label !== latestLabel) result[label] = version.version;
    }
    return result;
  }, [list]);
  return {
    versions: list ?? [],
    events: events.data?.events ?? [],
    labels,
    latestVersion: list?.[0]?.version ?? null,
    error: versions.error ?? events.error,
    loading: versions.status === 'loading' && !list,
    reload: () => {
      versions.reload();
      events.reload();
    },
  };
}

/** Who acted: the user the client named, else the API key's name. */
export function describeActor(actor: { user: string | null; apiKeyName: string | null }): string {
  if (actor.user && actor.apiKeyName) return `${actor.user} (key ${actor.apiKeyName})`;
  return actor.user ?? (actor.apiKeyName ? `key ${actor.apiKeyName}` : 'unknown');
}
