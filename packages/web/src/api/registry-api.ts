import type { ApiClient } from './api-client';
import type {
  CreatedPromptVersion,
  LabelEvent,
  LabelMove,
  PromptDefinitionInput,
  PromptSummary,
  RegistryResource,
  ReleaseSummary,
  RenderedPrompt,
  VersionDiff,
  VersionRecord,
} from './registry-types';

// Typed calls of the prompt and release registries, which share versions, labels, diffs and audit logs.

const base = (resource: RegistryResource, name: string) => `/api/${resource}/${encodeURIComponent(name)}`;

export const listPrompts = (client: ApiClient, signal?: AbortSignal) =>
  client.send<{ prompts: PromptSummary[] }>('GET', '/api/prompts', { signal });

export const listReleases = (client: ApiClient, signal?: AbortSignal) =>
  client.send<{ releases: ReleaseSummary[] }>('GET', '/api/releases', { signal });

/** Version history, newest first. */
export const listVersions = <V extends VersionRecord<unknown>>(
  client: ApiClient,
  resource: RegistryResource,
  name: string,
  signal?: AbortSignal,
) =>
  client.send<{ versions: V[] }>('GET', `${base(resource, name)}/versions`, {
    query: { limit: 500 },
    signal,
  });

/** `from` and `to` are version numbers, labels, or `latest`. */
export const diffVersions = (
  client: ApiClient,
  resource: RegistryResource,
  name: string,
  from: string,
  to: string,
  signal?: AbortSignal,
) => client.send<VersionDiff>('GET', `${base(resource, name)}/diff`, { query: { from, to }, signal });

/**
 * Points `label` at `version`. `expectedVersion` is where the caller saw the label (null: absent); when it
 * moved since, the server answers 409 and changes nothing.
 */
export const moveLabel = (
  client: ApiClient,
  resource: RegistryResource,
  name: string,
  label: string,
  version: number,
  expectedVersion: number | null,
) =>
  client.send<LabelMove>('PUT', `${base(resource, name)}/labels/${encodeURIComponent(label)}`, {
    body: { version, expectedVersion },
  });

export const removeLabel = (
  client: ApiClient,
  resource: RegistryResource,
  name: string,
  label: string,
  expectedVersion: number,
) =>
  client.send<LabelMove>('DELETE', `${base(resource, name)}/labels/${encodeURIComponent(label)}`, {
    query: { expectedVersion },
  });

/** The label audit log, newest first. */
export const listLabelEvents = (
  client: ApiClient,
  resource: RegistryResource,
  name: string,
  signal?: AbortSignal,
) => client.send<{ events: LabelEvent[] }>('GET', `${base(resource, name)}/label-events`, { signal });

export const renderPrompt = (
  client: ApiClient,
  name: string,
  version: number,
  variables: Record<string, unknown>,
) => client.send<RenderedPrompt>('POST', `${base('prompts', name)}/render`, { body: { version, variables } });

/**
 * Saves a new prompt version. `expectedLatestVersion` is the newest version the editor started from
 * (null: a new prompt); when another version was saved meanwhile the server answers 409.
 */
export const createPromptVersion = (
  client: ApiClient,
  name: string,
  request: {
    definition: PromptDefinitionInput;
    commitMessage: string | null;
    expectedLatestVersion: number | null;
    labels?: string[];
  },
) => client.send<CreatedPromptVersion>('POST', `${base('prompts', name)}/versions`, { body: request });
