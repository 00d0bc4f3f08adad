import type { PromptDefinition } from '@sextant/core';
import type Database from 'better-sqlite3';
import type { VersionedRegistry } from '../versioned-registry.js';
import { createSqliteRegistry } from './sqlite-versioned-registry.js';

/** Prompt versions and labels in the tables of migration 3. */
export function createSqlitePromptStore(db: Database.Database): VersionedRegistry<PromptDefinition> {
  return createSqliteRegistry(db, {
    entries: 'prompts',
    versions: 'prompt_versions',
    labels: 'prompt_labels',
    events: 'prompt_label_events',
  });
}
