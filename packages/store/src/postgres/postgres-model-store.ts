import type { ModelAlias, ModelCard } from '@sextant/core';
import type pg from 'pg';
import {
  catalogProject,
  type ModelAliasRow,
  type ModelCardRow,
  type ProviderCredentialRow,
  toModelAlias,
  toModelCards,
  toProviderCredential,
} from '../rows/model-rows.js';
import type { CatalogChanges, ProviderCredentialRecord } from '../store.js';
import { inTransaction, type Queryable } from './postgres-database.js';

const bump = (client: Queryable, projectId: string) =>
  client.query(
    `INSERT INTO model_revisions (project_id, revision) VALUES ($1, 1)
     ON CONFLICT (project_id) DO UPDATE SET revision = model_revisions.revision + 1`,
    [projectId],
  );
const upsertModel = (client: Queryable, projectId: string, card: ModelCard, now: number) =>
  client.query(
    `INSERT INTO models (project_id, id, source, card, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (project_id, id) DO UPDATE SET source = excluded.source, card = excluded.card,
       updated_at = excluded.updated_at`,
    [projectId, card.id, card.source, JSON.stringify(card), now],
  );

/** The model-garden half of the PostgreSQL store: catalog, own models, aliases, credentials. */
export function createPostgresModelStore(pool: pg.Pool) {
  /** Runs one change and bumps the revision in the same transaction when it changed a row. */
  const mutate = (projectId: string, sql: string, params: unknown[]) =>
    inTransaction(pool, async (client) => {
      const changed = ((await client.query(sql, params)).rowCount ?? 0) > 0;
      if (changed) await bump(client, projectId);
      return changed;
    });

  return {
    async listModels(projectId: string): Promise<ModelCard[]> {
      const { rows } = await pool.query<ModelCardRow>(
        `SELECT id, card FROM models WHERE project_id IN ($1, $2) ORDER BY id, project_id = $2 DESC`,
        [catalogProject, projectId],
      );
      return toModelCards(rows);
    },

    replaceCatalog: (cards: readonly ModelCard[]) =>
      inTransaction(pool, async (client): Promise<CatalogChanges> => {
        // Locks the catalog's revision row: two servers replacing the catalog at once take turns.
        await bump(client, catalogProject);
        const { rows } = await client.query<ModelCardRow>(
          'SELECT id, card FROM models WHERE project_id = $1',
          [catalogProject],
        );
        const existing = new Map(rows.map((row) => [row.id, row.card]));
        const changes: CatalogChanges = { added: 0, updated: 0, removed: 0, unchanged: 0 };
        const now = Date.now();
        const seen = new Set<string>();
        for (const card of cards) {
          seen.add(card.id);
          const before = existing.get(card.id);
          if (before === JSON.stringify(card)) {
            changes.unchanged += 1;
            continue;
          }
          if (before === undefined) changes.added += 1;
          else changes.updated += 1;
          await upsertModel(client, catalogProject, card, now);
        }
        const removed = [...existing.keys()].filter((id) => !seen.has(id));
        if (removed.length > 0) {
          await client.query('DELETE FROM models WHERE project_id = $1 AND id = ANY($2::text[])', [
            catalogProject,
            removed,
          ]);
        }
        changes.removed = removed.length;
        // Nothing changed: undo the revision bump, so pollers do not reload for nothing.
        if (changes.added + changes.updated + changes.removed === 0) {
          await client.query('UPDATE model_revisions SET revision = revision - 1 WHERE project_id = $1', [
            catalogProject,
          ]);
        }
        return changes;
      }),

    putModels: (projectId: string, cards: readonly ModelCard[]) =>
      inTransaction(pool, async (client) => {
        const now = Date.now();
        for (const card of cards) await upsertModel(client, projectId, card, now);
        await bump(client, projectId);
      }),

    deleteModel: (projectId: string, modelId: string) =>
      mutate(projectId, 'DELETE FROM models WHERE project_id = $1 AND id = $2', [projectId, modelId]),

    putModelAlias: async (projectId: string, alias: ModelAlias) => {
      await mutate(
        projectId,
        `INSERT INTO model_aliases (project_id, name, definition, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (project_id, name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at`,
        [projectId, alias.name, JSON.stringify(alias), Date.now()],
      );
    },

    async listModelAliases(projectId: string): Promise<ModelAlias[]> {
      const { rows } = await pool.query<ModelAliasRow>(
        'SELECT definition FROM model_aliases WHERE project_id = $1 ORDER BY name',
        [projectId],
      );
      return rows.map(toModelAlias);
    },

    deleteModelAlias: (projectId: string, name: string) =>
      mutate(projectId, 'DELETE FROM model_aliases WHERE project_id = $1 AND name = $2', [projectId, name]),

    putProviderCredential: async (projectId: string, provider: string, ciphertext: string) => {
      await mutate(
        projectId,
        `INSERT INTO provider_credentials (project_id, provider, ciphertext, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (project_id, provider) DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
        [projectId, provider, ciphertext, Date.now()],
      );
    },

    async listProviderCredentials(projectId: string): Promise<ProviderCredentialRecord[]> {
      const { rows } = await pool.query<ProviderCredentialRow>(
        'SELECT * FROM provider_credentials WHERE project_id = $1 ORDER BY provider',
        [projectId],
      );
      return rows.map(toProviderCredential);
    },

    deleteProviderCredential: (projectId: string, provider: string) =>
      mutate(projectId, 'DELETE FROM provider_credentials WHERE project_id = $1 AND provider = $2', [
        projectId,
        provider,
      ]),

    async modelsRevision(projectId: string): Promise<number> {
      const { rows } = await pool.query<{ revision: number }>(
        'SELECT coalesce(sum(revision), 0) AS revision FROM model_revisions WHERE project_id IN ($1, $2)',
        [catalogProject, projectId],
      );
      return rows[0]?.revision ?? 0;
    },
  };
}
