import type { PromptDefinition, ReleaseDefinition, VersionDiff } from '@sextant/core';

/** Shapes of the prompt and release API's answers, as the CLI reads them. */
export interface ActorJson {
  user: string | null;
  apiKeyId: string | null;
  apiKeyName: string | null;
}

export interface VersionJson<D> {
  name: string;
  version: number;
  labels: string[];
  definition: D;
  contentHash: string;
  commitMessage: string | null;
  createdBy: ActorJson;
  createdAt: string;
}

export type PromptVersionJson = VersionJson<PromptDefinition>;
export type ReleaseJson = VersionJson<ReleaseDefinition> & { id: string };

export interface LabelEventJson {
  id: number;
  label: string;
  fromVersion: number | null;
  toVersion: number | null;
  actor: ActorJson;
  createdAt: string;
}

export interface LabelMoveJson {
  name: string;
  label: string;
  status: 'moved' | 'unchanged';
  version: number | null;
  previousVersion: number | null;
  labels: Record<string, number>;
}

export type DiffJson = VersionDiff & { name: string; from: number; to: number };

/** `alice via key 'ci'`: who did something, for tables. */
export function describeActorJson(actor: ActorJson): string {
  const key = actor.apiKeyName ?? actor.apiKeyId;
  if (actor.user && key) return `${actor.user} (key ${key})`;
  return actor.user ?? (key ? `key ${key}` : '');
}

/** `2025-01-31 12:00:00`: timestamps in tables. */
export const formatTime = (iso: string) => iso.replace('T', ' ').slice(0, 19);
