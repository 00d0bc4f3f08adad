import type { ModelAlias, ModelCard } from '@sextant/core';
import type Database from 'better-sqlite3';
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

/** The model-garden half of the SQLite store: catalog, own models, aliases, credentials. */
export function createSqliteModelStore(db: Database.Database) {
  const bump = db.prepare(
    `INSERT INTO model_revisions (project_id, revision) VALUES (?, 1)
     ON CONFLICT (project_id) DO UPDATE SET revision = revision + 1`,
  );
  const upsertModel = db.prepare(
    `INSERT INTO models (project_id, id, source, card, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (project_id, id) DO UPDATE SET source = excluded.source, card = excluded.card,
       updated_at = excluded.updated_at`,
  );

  const replaceCatalog = db.transaction((cards: readonly ModelCard[]): CatalogChanges => {
    const existing = new Map(
      (
        db.prepare('SELECT id, card FROM models WHERE project_id = ?').all(catalogProject) as ModelCardRow[]
      ).map((row) => [row.id, row.card]),
    );
    const changes: CatalogChanges = { added: 0, updated: 0, removed: 0, unchanged: 0 };
    const now = Date.now();
    const seen = new Set<string>();
    for (const card of cards) {
      seen.add(card.id);
      const json = JSON.stringify(card);
      const before = existing.get(card.id);
      if (before === json) {
        changes.unchanged += 1;
        continue;
      }
      if (before === undefined) changes.added += 1;
      else changes.updated += 1;
      upsertModel.run(catalogProject, card.id, card.source, json, now);
    }
    const remove = db.prepare('DELETE FROM models WHERE project_id = ? AND id = ?');
    for (const id of existing.keys()) {
      if (seen.has(id)) continue;
      remove.run(catalogProject, id);
      changes.removed += 1;
    }
    if (changes.added + changes.updated + changes.removed > 0) bump.run(catalogProject);
    return changes;
  });

  const putModels = db.transaction((projectId: string, cards: readonly ModelCard[]) => {
    const now = Date.now();
    for (const card of cards) upsertModel.run(projectId, card.id, card.source, JSON.stringify(card), now);
    bump.run(projectId);
  });

  const mutate = (projectId: string, sql: string, ...params: unknown[]): boolean =>
    db.transaction(() => {
      const changed = db.prepare(sql).run(...params).changes > 0;
      if (changed) bump.run(projectId);
      return changed;
    })();

  return {
    listModels(projectId: string): ModelCard[] {
      const rows = db
        .prepare(
          `SELECT id, card FROM models WHERE project_id IN (?, ?)
           ORDER BY id, project_id = ? DESC`,
        )
        .all(catalogProject, projectId, projectId) as ModelCardRow[];
      return toModelCards(rows);
    },
    replaceCatalog: (cards: readonly ModelCard[]) => replaceCatalog(cards),
    putModels: (projectId: string, cards: readonly ModelCard[]) => putModels(projectId, cards),
    deleteModel: (projectId: string, modelId: string) =>
      mutate(projectId, 'DELETE FROM models WHERE project_id = ? AND id = ?', projectId, modelId),
    putModelAlias: (projectId: string, alias: ModelAlias) =>
      mutate(
        projectId,
        `INSERT INTO model_aliases (project_id, name, definition, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (project_id, name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at`,
        projectId,
        alias.name,
        JSON.stringify(alias),
        Date.now(),
      ),
    listModelAliases(projectId: string): ModelAlias[] {
      const rows = db
        .prepare('SELECT definition FROM model_aliases WHERE project_id = ? ORDER BY name')
        .all(projectId) as ModelAliasRow[];
      return rows.map(toModelAlias);
    },
    deleteModelAlias: (projectId: string, name: string) =>
      mutate(projectId, 'DELETE FROM model_aliases WHERE project_id = ? AND name = ?', projectId, name),
    putProviderCredential: (projectId: string, provider: string, ciphertext: string) =>
      mutate(
        projectId,
        `INSERT INTO provider_credentials (project_id, provider, ciphertext, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (project_id, provider) DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
        projectId,
        provider,
        ciphertext,
        Date.now(),
      ),
    listProviderCredentials(projectId: string): ProviderCredentialRecord[] {
      const rows = db
        .prepare('SELECT * FROM provider_credentials WHERE project_id = ? ORDER BY provider')
        .all(projectId) as ProviderCredentialRow[];
      return rows.map(toProviderCredential);
    },
    deleteProviderCredential: (projectId: string, provider: string) =>
      mutate(
        projectId,
        'DELETE FROM provider_credentials WHERE project_id = ? AND provider = ?',
        projectId,
        provider,
      ),
    modelsRevision(projectId: string): number {
      const row = db
        .prepare(
          'SELECT coalesce(sum(revision), 0) AS revision FROM model_revisions WHERE project_id IN (?, ?)',
        )
        .get(catalogProject, projectId) as { revision: number };
      return row.revision;
    },
  };
}
