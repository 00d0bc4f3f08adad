import { SextantError } from '@sextant/core';
import type Database from 'better-sqlite3';
import type { ExperimentStore } from '../experiment-store.js';
import { type ExperimentRow, type ExperimentRunRow, toExperiment, toRun } from '../rows/experiment-rows.js';

/** The experiments part of the SQLite store. */
export function createSqliteExperimentStore(db: Database.Database): ExperimentStore {
  const select = db.prepare('SELECT * FROM experiments WHERE project_id = ? AND id = ?');
  // Every write of runs moves the experiment's updated_at forward; scores are only ever inserted (or
  // deleted by retention), so their count tells when they changed.
  const resultsVersion = db.prepare(
    `SELECT (SELECT updated_at FROM experiments WHERE project_id = ? AND id = ?)
      || '/' || (SELECT count(*) FROM scores WHERE project_id = ? AND experiment_id = ?) AS version`,
  );
  const upsertRun = db.prepare(
    `INSERT OR REPLACE INTO experiment_runs (project_id, experiment_id, item_id, repeat, trace_id, output, error,
       latency_ms, cost, created_at)
     VALUES (@project_id, @experiment_id, @item_id, @repeat, @trace_id, @output, @error, @latency_ms, @cost,
       @created_at)`,
  );
  const writeRuns = db.transaction(
    (projectId: string, experimentId: string, runs: Parameters<ExperimentStore['putRuns']>[2]) => {
      if (!select.get(projectId, experimentId)) {
        throw new SextantError('not_found', `experiment '${experimentId}' not found in this project`);
      }
      const now = Date.now();
      for (const run of runs) {
        upsertRun.run({
          project_id: projectId,
          experiment_id: experimentId,
          item_id: run.itemId,
          repeat: run.repeat,
          trace_id: run.traceId,
          output: run.output === undefined ? null : JSON.stringify(run.output),
          error: run.error ?? null,
          latency_ms: run.latencyMs,
          cost: run.cost ?? null,
          created_at: now,
        });
      }
      // Strictly later than before, even within one millisecond: resultsVersion reads it.
      db.prepare(
        'UPDATE experiments SET updated_at = max(?, updated_at + 1) WHERE project_id = ? AND id = ?',
      ).run(now, projectId, experimentId);
      return runs.length;
    },
  );

  return {
    async create(projectId, input) {
      const now = Date.now();
      try {
        db.prepare(
          `INSERT INTO experiments (project_id, id, name, dataset_name, dataset_version, release_name,
             release_version, prompt_versions, model, repeats, item_count, evaluators, metadata, status,
             created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)`,
        ).run(
          projectId,
          input.id,
          input.name,
          input.datasetName,
          input.datasetVersion,
          input.release?.name ?? null,
          input.release?.version ?? null,
          input.promptVersions ? JSON.stringify(input.promptVersions) : null,
          input.model ?? null,
          input.repeats,
          input.itemCount,
          JSON.stringify(input.evaluators),
          JSON.stringify(input.metadata),
          now,
          now,
        );
      } catch (error) {
        if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
          throw new SextantError(
            'conflict',
            `experiment '${input.id}' already exists; resume it or choose another id`,
          );
        }
        throw error;
      }
      return toExperiment(select.get(projectId, input.id) as ExperimentRow);
    },

    async get(projectId, id) {
      const row = select.get(projectId, id) as ExperimentRow | undefined;
      return row ? toExperiment(row) : null;
    },

    async list(projectId, query = {}) {
      const rows = db
        .prepare(
          `SELECT * FROM experiments WHERE project_id = @projectId
             AND (@datasetName IS NULL OR dataset_name = @datasetName)
           ORDER BY created_at DESC, id DESC LIMIT @limit`,
        )
        .all({
          projectId,
          datasetName: query.datasetName ?? null,
          limit: query.limit ?? 200,
        }) as ExperimentRow[];
      return rows.map(toExperiment);
    },

    async setStatus(projectId, id, status) {
      const result = db
        .prepare('UPDATE experiments SET status = ?, updated_at = ? WHERE project_id = ? AND id = ?')
        .run(status, Date.now(), projectId, id);
      return result.changes > 0;
    },

    async putRuns(projectId, experimentId, runs) {
      // IMMEDIATE: the transaction reads before it writes, and a deferred read lock cannot wait to be
      // upgraded once another connection (the gateway's span writer) has written: it fails SQLITE_BUSY at once.
      return { written: writeRuns.immediate(projectId, experimentId, runs) };
    },

    async listRuns(projectId, experimentId) {
      const rows = db
        .prepare(
          `SELECT * FROM experiment_runs WHERE project_id = ? AND experiment_id = ? ORDER BY item_id, repeat`,
        )
        .all(projectId, experimentId) as ExperimentRunRow[];
      return rows.map(toRun);
    },

    async listRunKeys(projectId, experimentId) {
      return db
        .prepare(
          `SELECT item_id AS itemId, repeat FROM experiment_runs WHERE project_id = ? AND experiment_id = ?
           ORDER BY item_id, repeat`,
        )
        .all(projectId, experimentId) as { itemId: string; repeat: number }[];
    },
    async resultsVersion(projectId, experimentId) {
      const row = resultsVersion.get(projectId, experimentId, projectId, experimentId) as {
        version: string | null;
      };
      return row.version ?? 'missing';
    },
  };
}
