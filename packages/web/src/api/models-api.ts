import type { ApiClient } from './api-client';
import type {
  AddModelRequest,
  ModelAlias,
  ModelCard,
  ModelFilter,
  ModelList,
  ProviderStatus,
} from './model-types';

// Typed calls of the model garden API; they live apart from the shell's client so that only the pages
// that use them load them.

const modelPath = (id: string) => `/api/models/${encodeURIComponent(id)}`;

/** The garden, filtered by the server (filters mean the same here as in `sextant models list`). */
export const listModels = (client: ApiClient, filter: ModelFilter, signal?: AbortSignal) =>
  client.send<ModelList>('GET', '/api/models', { query: { ...filter }, signal });

export const getModel = (client: ApiClient, id: string, signal?: AbortSignal) =>
  client.send<ModelCard>('GET', modelPath(id), { signal });

/** Cards in the order asked; a 404 names the unknown id and its closest matches. */
export const compareModels = (client: ApiClient, ids: readonly string[], signal?: AbortSignal) =>
  client.send<{ models: ModelCard[] }>('GET', '/api/models/compare', {
    query: { ids: ids.join(',') },
    signal,
  });

export const addModels = (client: ApiClient, request: AddModelRequest) =>
  client.send<{ models: ModelCard[] }>('POST', '/api/models', { body: request });

export const removeModel = (client: ApiClient, id: string) => client.send<null>('DELETE', modelPath(id));

export const listProviders = (client: ApiClient, signal?: AbortSignal) =>
  client.send<{ providers: ProviderStatus[] }>('GET', '/api/providers', { signal });

/** Stores a provider key encrypted on the server; it is never returned afterwards. */
export const storeCredential = (client: ApiClient, provider: string, apiKey: string) =>
  client.send<null>('PUT', `/api/providers/${encodeURIComponent(provider)}/credential`, { body: { apiKey } });

export const deleteCredential = (client: ApiClient, provider: string) =>
  client.send<null>('DELETE', `/api/providers/${encodeURIComponent(provider)}/credential`);

export const listAliases = (client: ApiClient, signal?: AbortSignal) =>
  client.send<{ aliases: ModelAlias[] }>('GET', '/api/model-aliases', { signal });
