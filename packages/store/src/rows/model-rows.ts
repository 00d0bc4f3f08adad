import type { ModelAlias, ModelCard } from '@sextant/core';
import type { ProviderCredentialRecord } from '../store.js';

/** Project id under which the shared catalog is stored. */
export const catalogProject = '';

export interface ModelCardRow {
  id: string;
  card: string;
}
export interface ModelAliasRow {
  definition: string;
}
export interface ProviderCredentialRow {
  project_id: string;
  provider: string;
  ciphertext: string;
  updated_at: number;
}

/**
 * A project's models from its own and the catalog's cards, read ordered by id with the project's card
 * first: that card wins over the catalog's of the same id.
 */
export function toModelCards(rows: readonly ModelCardRow[]): ModelCard[] {
  const cards: ModelCard[] = [];
  let previous: string | null = null;
  for (const row of rows) {
    if (row.id === previous) continue;
    previous = row.id;
    cards.push(JSON.parse(row.card) as ModelCard);
  }
  return cards;
}

export const toModelAlias = (row: ModelAliasRow) => JSON.parse(row.definition) as ModelAlias;

export const toProviderCredential = (row: ProviderCredentialRow): ProviderCredentialRecord => ({
  projectId: row.project_id,
  provider: row.provider,
  ciphertext: row.ciphertext,
  updatedAt: new Date(row.updated_at),
});
