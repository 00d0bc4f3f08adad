import type { Migration } from '../../migration.js';

export const sqliteMigration11: Migration = {
  version: 11,
  description: 'human review: score configs, review queues, leases, answers, judge calibrations',
  sql: `
      CREATE TABLE score_configs (
        project_id TEXT NOT NULL,
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, name)
      ) WITHOUT ROWID;
      CREATE TABLE review_queues (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        definition TEXT NOT NULL,
        required_reviewers INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, id)
      ) WITHOUT ROWID;
      -- position keeps the order items were added in; content is the snapshot people review.
      CREATE TABLE review_items (
        project_id TEXT NOT NULL,
        queue_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        content TEXT NOT NULL,
        PRIMARY KEY (project_id, queue_id, item_id)
      ) WITHOUT ROWID;
      CREATE INDEX review_items_order ON review_items(project_id, queue_id, position);
      -- Who is looking at an item right now; expired leases are simply ignored.
      CREATE TABLE review_leases (
        project_id TEXT NOT NULL,
        queue_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, queue_id, item_id, reviewer)
      ) WITHOUT ROWID;
      CREATE TABLE review_answers (
        project_id TEXT NOT NULL,
        queue_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        status TEXT NOT NULL,
        answer TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, queue_id, item_id, reviewer)
      ) WITHOUT ROWID;
      CREATE TABLE review_settings (
        project_id TEXT PRIMARY KEY,
        judge_agreement_bar REAL NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE judge_calibrations (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        evaluator_name TEXT NOT NULL,
        score_name TEXT NOT NULL,
        computed_at INTEGER NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (project_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX judge_calibrations_time ON judge_calibrations(project_id, evaluator_name, computed_at);
    `,
};
