import type { Migration } from '../../migration.js';
import { postgresMigration01 } from './v01-foundation.js';
import { postgresMigration02 } from './v02-jobs.js';
import { postgresMigration03 } from './v03-scores-experiments-audit-reviews-drift.js';
import { postgresMigration04 } from './v04-online-evals-retention-deploy.js';
import { postgresMigration05 } from './v05-alerts.js';
import { postgresMigration06 } from './v06-trace-kinds-and-models.js';
import { postgresMigration07 } from './v07-trace-sort-indexes.js';
import { postgresMigration08 } from './v08-trace-hours.js';
import { postgresMigration09 } from './v09-session-index.js';
import { postgresMigration10 } from './v10-trace-quarters.js';

/**
 * PostgreSQL schema steps, numbered on their own (not the SQLite versions), oldest first, one file per
 * step. Same tables and meaning as the SQLite schema; times are bigint microseconds (spans, traces) or
 * milliseconds (everything else). A released step is never edited, only followed.
 */
export const postgresMigrations: readonly Migration[] = [
  postgresMigration01,
  postgresMigration02,
  postgresMigration03,
  postgresMigration04,
  postgresMigration05,
  postgresMigration06,
  postgresMigration07,
  postgresMigration08,
  postgresMigration09,
  postgresMigration10,
];
