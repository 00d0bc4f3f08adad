import type { Migration } from '../../migration.js';

export const sqliteMigration08: Migration = {
  version: 8,
  description: 'audit log, project redaction settings, alert rules, alert events and deliveries',
  sql: `
      -- Append-only; id orders entries within and across projects (the paging cursor).
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        project_id TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target_type TEXT NOT NULL,
        target_id TEXT NOT NULL,
        before TEXT,
        after TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX audit_log_by_project ON audit_log(project_id, id);
      CREATE INDEX audit_log_by_target ON audit_log(project_id, target_type, target_id, id);

      -- The redaction config (JSON) applied at ingestion; revision grows on every change so workers can poll.
      CREATE TABLE redaction_settings (
        project_id TEXT PRIMARY KEY REFERENCES projects(id),
        settings TEXT NOT NULL,
        revision INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE alert_rules (
        project_id TEXT NOT NULL REFERENCES projects(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, id),
        UNIQUE (project_id, name)
      ) WITHOUT ROWID;

      -- A fired alert; at most one open per (rule, group): re-evaluating a firing rule updates it.
      CREATE TABLE alert_events (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        group_key TEXT NOT NULL,
        status TEXT NOT NULL,
        value REAL,
        threshold REAL,
        summary TEXT NOT NULL,
        fired_at INTEGER NOT NULL,
        resolved_at INTEGER,
        last_evaluated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX alert_events_one_open ON alert_events(project_id, rule_id, group_key)
        WHERE status = 'open';
      CREATE INDEX alert_events_by_rule ON alert_events(project_id, rule_id, fired_at);
      CREATE INDEX alert_events_recent ON alert_events(project_id, fired_at);

      -- One row per delivery attempt to one webhook (event_id null for a test send).
      CREATE TABLE alert_deliveries (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        event_id TEXT,
        kind TEXT NOT NULL,
        url TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        status TEXT NOT NULL,
        status_code INTEGER,
        error TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX alert_deliveries_by_event ON alert_deliveries(project_id, event_id, created_at);
      CREATE INDEX alert_deliveries_by_rule ON alert_deliveries(project_id, rule_id, created_at);
    `,
};
