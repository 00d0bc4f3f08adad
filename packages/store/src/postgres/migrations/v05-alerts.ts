import type { Migration } from '../../migration.js';

export const postgresMigration05: Migration = {
  version: 5,
  description:
    'alert rules, alert events and deliveries (tables of SQLite migration 8, for copies and alerts)',
  sql: `
      CREATE TABLE alert_rules (
        project_id text NOT NULL REFERENCES projects(id),
        id text NOT NULL,
        name text NOT NULL,
        definition text NOT NULL,
        enabled boolean NOT NULL,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (project_id, id),
        UNIQUE (project_id, name)
      );
      CREATE TABLE alert_events (
        project_id text NOT NULL,
        id text NOT NULL,
        rule_id text NOT NULL,
        group_key text NOT NULL,
        status text NOT NULL,
        value double precision,
        threshold double precision,
        summary text NOT NULL,
        fired_at bigint NOT NULL,
        resolved_at bigint,
        last_evaluated_at bigint NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE UNIQUE INDEX alert_events_one_open ON alert_events(project_id, rule_id, group_key) WHERE status = 'open';
      CREATE INDEX alert_events_by_rule ON alert_events(project_id, rule_id, fired_at);
      CREATE INDEX alert_events_recent ON alert_events(project_id, fired_at);
      CREATE TABLE alert_deliveries (
        project_id text NOT NULL,
        id text NOT NULL,
        rule_id text NOT NULL,
        event_id text,
        kind text NOT NULL,
        url text NOT NULL,
        attempt integer NOT NULL,
        status text NOT NULL,
        status_code integer,
        error text,
        created_at bigint NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE INDEX alert_deliveries_by_event ON alert_deliveries(project_id, event_id, created_at);
      CREATE INDEX alert_deliveries_by_rule ON alert_deliveries(project_id, rule_id, created_at);
    `,
};
