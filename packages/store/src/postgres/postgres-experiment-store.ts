import { SextantError } from '@sextant/core';
import type pg from 'pg';
import type { ExperimentStore } from '../experiment-store.js';
import { type ExperimentRow, type ExperimentRunRow, toExperiment, toRun } from '../rows/experiment-rows.js';
import { inTransaction, isUniqueViolation } from './postgres-database.js';

/** The experiments part of the PostgreSQL store; a batch of runs is one upsert statement. */
export function createPostgresExperimentStore(pool: pg.Pool): ExperimentStore {
  const select = async (projectId: string, id: string) =>
    (
      await pool.query<ExperimentRow>('SELECT * FROM experiments WHERE project_id = $1 AND id = $2', [
        projectId,
        id,
      ])
    ).rows[0];

  return {
    async create(projectId, input) {
      const now = Date.now();
      try {
        const { rows } = await pool.query<ExperimentRow>(
          `INSERT INTO experiments (project_id, id, name, dataset_name, dataset_version, release_name,
             release_version, prompt_versions, model, repeats, item_count, evaluators, metadata, status,
             created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'running', $14, $14) RETURNING *`,
          [
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
          ],
        );
        return toExperiment(rows[0] as ExperimentRow);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new SextantError(
          'conflict',
          `experiment '${input.id}' already exists; resume it or choose another id`,
        );
      }
    },

    async get(projectId, id) {
      const row = await select(projectId, id);
      return row ? toExperiment(row) : null;
    },

    async list(projectId, query = {}) {
      const { rows } = await pool.query<ExperimentRow>(
        `SELECT * FROM experiments WHERE project_id = $1 AND ($2::text IS NULL OR dataset_name = $2)
         ORDER BY created_at DESC, id DESC LIMIT $3`,
        [projectId, query.datasetName ?? null, query.limit ?? 200],
      );
      return rows.map(toExperiment);
    },

    async setStatus(projectId, id, status) {
      const result = await pool.query(
        'UPDATE experiments SET status = $1, updated_at = $2 WHERE project_id = $3 AND id = $4',
        [status, Date.now(), projectId, id],
      );
      return (result.rowCount ?? 0) > 0;
    },

    putRuns: (projectId, experimentId, runs) =>
      inTransaction(pool, async (client) => {
        const now = Date.now();
        const touched = await client.query(
          // Strictly later than before, even within one millisecond: resultsVersion reads it.
          'UPDATE experiments SET updated_at = GREATEST($1, updated_at + 1) WHERE project_id = $2 AND id = $3',
          [now, projectId, experimentId],
        );
        if (touched.rowCount === 0) {
          throw new SextantError('not_found', `experiment '${experimentId}' not found in this project`);
        }
        // The last run of an (item, repeat) in the batch wins, as with row-by-row replaces.
        const latest = new Map(runs.map((run) => [`${run.itemId}\u0001${run.repeat}`, run]));
        const unique = [...latest.values()];
        if (unique.length > 0) {
          await client.query(
            `INSERT INTO experiment_runs (project_id, experiment_id, item_id, repeat, trace_id, output, error,
               latency_ms, cost, created_at)
             SELECT $1, $2, u.item_id, u.repeat, u.trace_id, u.output, u.error, u.latency_ms, u.cost, $3
             FROM unnest($4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::float8[], $10::float8[])
               AS u(item_id, repeat, trace_id, output, error, latency_ms, cost)
             ON CONFLICT (project_id, experiment_id, item_id, repeat) DO UPDATE SET trace_id = excluded.trace_id,
               output = excluded.output, error = excluded.error, latency_ms = excluded.latency_ms,
               cost = excluded.cost, created_at = excluded.created_at`,
            [
              projectId,
              experimentId,
              now,
              unique.map((run) => run.itemId),
              unique.map((run) => run.repeat),
              unique.map((run) => run.traceId),
              unique.map((run) => (run.output === undefined ? null : JSON.stringify(run.output))),
              unique.map((run) => run.error ?? null),
              unique.map((run) => run.latencyMs),
              unique.map((run) => run.cost ?? null),
            ],
          );
        }
        return { written: runs.length };
      }),

    async listRuns(projectId, experimentId) {
      const { rows } = await pool.query<ExperimentRunRow>(
        `SELECT * FROM experiment_runs WHERE project_id = $1 AND experiment_id = $2 ORDER BY item_id COLLATE "C", repeat`,
        [projectId, experimentId],
      );
      return rows.map(toRun);
    },

    async listRunKeys(projectId, experimentId) {
      const { rows } = await pool.query<{ itemId: string; repeat: number }>(
        `SELECT item_id AS "itemId", repeat FROM experiment_runs WHERE project_id = $1 AND experiment_id = $2
         ORDER BY item_id COLLATE "C", repeat`,
        [projectId, experimentId],
      );
      return rows;
    },
    async resultsVersion(projectId, experimentId) {
      // As on SQLite: updated_at moves with every write of runs, the score count with scores.
      const { rows } = await pool.query<{ version: string | null }>(
        `SELECT (SELECT updated_at FROM experiments WHERE project_id = $1 AND id = $2)::text
          || '/' || (SELECT count(*) FROM scores WHERE project_id = $1 AND experiment_id = $2)::text AS version`,
        [projectId, experimentId],
      );
      return rows[0]?.version ?? 'missing';
    },
  };
}
