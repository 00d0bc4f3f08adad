import type { ReleaseDefinition } from '@sextant/core';
import type Database from 'better-sqlite3';
import type { VersionedRegistry } from '../versioned-registry.js';
import { createSqliteRegistry } from './sqlite-versioned-registry.js';

/** Release versions and labels in the tables of migration 3. */
export function createSqliteReleaseStore(db: Database.Database): VersionedRegistry<ReleaseDefinition> {
  return createSqliteRegistry(db, {
    entries: 'releases',
    versions: 'release_versions',
    labels: 'release_labels',
    events: 'release_label_events',
  });
}
