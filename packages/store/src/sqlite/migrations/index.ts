import type { Migration } from '../../migration.js';
import { sqliteMigration01 } from './v01-foundation.js';
import { sqliteMigration02 } from './v02-model-garden.js';
import { sqliteMigration03 } from './v03-prompts-and-releases.js';
import { sqliteMigration04 } from './v04-session-index.js';
import { sqliteMigration05 } from './v05-datasets.js';
import { sqliteMigration06 } from './v06-scores-and-experiments.js';
import { sqliteMigration07 } from './v07-jobs-and-online-evals.js';
import { sqliteMigration08 } from './v08-audit-redaction-alerts.js';
import { sqliteMigration09 } from './v09-drift.js';
import { sqliteMigration10 } from './v10-deploy-gates-canaries.js';
import { sqliteMigration11 } from './v11-human-review.js';
import { sqliteMigration12 } from './v12-model-call-hours.js';
import { sqliteMigration13 } from './v13-trace-kinds-and-models.js';
import { sqliteMigration14 } from './v14-trace-kinds-bitmask.js';

/** The SQLite schema steps, oldest first: one file per step. A released step is never edited, only followed. */
export const sqliteMigrations: readonly Migration[] = [
  sqliteMigration01,
  sqliteMigration02,
  sqliteMigration03,
  sqliteMigration04,
  sqliteMigration05,
  sqliteMigration06,
  sqliteMigration07,
  sqliteMigration08,
  sqliteMigration09,
  sqliteMigration10,
  sqliteMigration11,
  sqliteMigration12,
  sqliteMigration13,
  sqliteMigration14,
];
