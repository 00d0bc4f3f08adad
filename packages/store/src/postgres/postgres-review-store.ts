import { type ReviewQueueCounts, SextantError } from '@sextant/core';
import type pg from 'pg';
import type { ReviewStore } from '../review-store.js';
import {
  type JudgeCalibrationRow,
  type ReviewAnswerRow,
  type ReviewItemRow,
  type ReviewQueueRow,
  type ReviewSettingsRow,
  type ScoreConfigRow,
  toJudgeCalibration,
  toReviewAnswer,
  toReviewItem,
  toReviewQueue,
  toReviewSettings,
  toScoreConfig,
} from '../rows/review-rows.js';
import { inTransaction, lockKey } from './postgres-database.js';

/**
 * The review part of the PostgreSQL store. Claims and item appends of one queue take an advisory lock on
 * it, so two reviewers on two servers never both get the item that needs one more review.
 */
export function createPostgresReviewStore(pool: pg.Pool): ReviewStore {
  const lockQueue = (client: pg.PoolClient, projectId: string, queueId: string) =>
    lockKey(client, `review-queue:${projectId}:${queueId}`);

  const store: ReviewStore = {
    async putScoreConfig(projectId, config) {
      const now = Date.now();
      const { rows } = await pool.query<ScoreConfigRow>(
        `INSERT INTO score_configs (project_id, name, definition, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (project_id, name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
         RETURNING *`,
        [projectId, config.name, JSON.stringify(config), now],
      );
      return toScoreConfig(rows[0] as ScoreConfigRow);
    },
    async getScoreConfig(projectId, name) {
      const { rows } = await pool.query<ScoreConfigRow>(
        'SELECT * FROM score_configs WHERE project_id = $1 AND name = $2',
        [projectId, name],
      );
      return rows[0] ? toScoreConfig(rows[0]) : null;
    },
    async listScoreConfigs(projectId) {
      const { rows } = await pool.query<ScoreConfigRow>(
        'SELECT * FROM score_configs WHERE project_id = $1 ORDER BY name COLLATE "C"',
        [projectId],
      );
      return rows.map(toScoreConfig);
    },
    async deleteScoreConfig(projectId, name) {
      const result = await pool.query('DELETE FROM score_configs WHERE project_id = $1 AND name = $2', [
        projectId,
        name,
      ]);
      return (result.rowCount ?? 0) > 0;
    },

    async createQueue(projectId, queue) {
      const createdAt = Date.now();
      const result = await pool.query(
        `INSERT INTO review_queues (project_id, id, definition, required_reviewers, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [projectId, queue.id, JSON.stringify(queue), queue.requiredReviewers, createdAt],
      );
      if (result.rowCount === 0) {
        throw new SextantError('conflict', `review queue '${queue.id}' already exists; pick another id`);
      }
      return { ...queue, createdAt: new Date(createdAt) };
    },
    async getQueue(projectId, queueId) {
      const { rows } = await pool.query<ReviewQueueRow>(
        'SELECT * FROM review_queues WHERE project_id = $1 AND id = $2',
        [projectId, queueId],
      );
      return rows[0] ? toReviewQueue(rows[0]) : null;
    },
    async listQueues(projectId) {
      const { rows } = await pool.query<ReviewQueueRow>(
        'SELECT * FROM review_queues WHERE project_id = $1 ORDER BY created_at DESC, id',
        [projectId],
      );
      return rows.map(toReviewQueue);
    },
    deleteQueue: (projectId, queueId) =>
      inTransaction(pool, async (client) => {
        for (const table of ['review_items', 'review_leases', 'review_answers']) {
          await client.query(`DELETE FROM ${table} WHERE project_id = $1 AND queue_id = $2`, [
            projectId,
            queueId,
          ]);
        }
        const result = await client.query('DELETE FROM review_queues WHERE project_id = $1 AND id = $2', [
          projectId,
          queueId,
        ]);
        return (result.rowCount ?? 0) > 0;
      }),
    async queueCounts(projectId) {
      const { rows } = await pool.query<ReviewQueueCounts>(
        `SELECT q.id AS "queueId",
           (SELECT count(*) FROM review_items i WHERE i.project_id = q.project_id AND i.queue_id = q.id) AS items,
           (SELECT count(*) FROM (SELECT a.item_id FROM review_answers a
              WHERE a.project_id = q.project_id AND a.queue_id = q.id AND a.status = 'done'
              GROUP BY a.item_id HAVING count(*) >= q.required_reviewers) done) AS "completedItems",
           (SELECT count(*) FROM review_answers a WHERE a.project_id = q.project_id AND a.queue_id = q.id) AS answers
         FROM review_queues q WHERE q.project_id = $1 ORDER BY q.id COLLATE "C"`,
        [projectId],
      );
      return rows;
    },

    addItems: (projectId, queueId, items) =>
      inTransaction(pool, async (client) => {
        await lockQueue(client, projectId, queueId);
        const exists = await client.query('SELECT 1 FROM review_queues WHERE project_id = $1 AND id = $2', [
          projectId,
          queueId,
        ]);
        if (exists.rowCount === 0) {
          throw new SextantError('not_found', `review queue '${queueId}' not found; create it first`);
        }
        const next = (
          await client.query<{ next: number }>(
            'SELECT coalesce(max(position), -1) + 1 AS next FROM review_items WHERE project_id = $1 AND queue_id = $2',
            [projectId, queueId],
          )
        ).rows[0]?.next as number;
        let inserted = 0;
        for (const item of items) {
          const result = await client.query(
            `INSERT INTO review_items (project_id, queue_id, item_id, position, content) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT DO NOTHING`,
            [projectId, queueId, item.id, next + inserted, JSON.stringify(item)],
          );
          inserted += result.rowCount ?? 0;
        }
        return { inserted };
      }),
    async getItem(projectId, queueId, itemId) {
      const { rows } = await pool.query<ReviewItemRow>(
        'SELECT content FROM review_items WHERE project_id = $1 AND queue_id = $2 AND item_id = $3',
        [projectId, queueId, itemId],
      );
      return rows[0] ? toReviewItem(rows[0]) : null;
    },
    async listItems(projectId, queueId, page = {}) {
      const { rows } = await pool.query<ReviewItemRow>(
        `SELECT content FROM review_items WHERE project_id = $1 AND queue_id = $2 ORDER BY position LIMIT $3 OFFSET $4`,
        [projectId, queueId, page.limit ?? 100, page.offset ?? 0],
      );
      return rows.map(toReviewItem);
    },

    claimNextItem: (projectId, queueId, { reviewer, leaseMs, now = new Date() }) =>
      inTransaction(pool, async (client) => {
        await lockQueue(client, projectId, queueId);
        const queue = (
          await client.query<{ required_reviewers: number }>(
            'SELECT required_reviewers FROM review_queues WHERE project_id = $1 AND id = $2',
            [projectId, queueId],
          )
        ).rows[0];
        if (!queue) throw new SextantError('not_found', `review queue '${queueId}' not found`);
        const at = now.getTime();
        const row = (
          await client.query<ReviewItemRow & { item_id: string }>(
            `SELECT i.item_id, i.content FROM review_items i
             WHERE i.project_id = $1 AND i.queue_id = $2
               AND NOT EXISTS (SELECT 1 FROM review_answers a WHERE a.project_id = i.project_id
                 AND a.queue_id = i.queue_id AND a.item_id = i.item_id AND a.reviewer = $3)
               AND (SELECT count(*) FROM review_answers a WHERE a.project_id = i.project_id
                      AND a.queue_id = i.queue_id AND a.item_id = i.item_id AND a.status = 'done')
                 + (SELECT count(*) FROM review_leases l WHERE l.project_id = i.project_id
                      AND l.queue_id = i.queue_id AND l.item_id = i.item_id AND l.reviewer <> $3
                      AND l.expires_at > $4) < $5
             ORDER BY EXISTS (SELECT 1 FROM review_leases l WHERE l.project_id = i.project_id
                 AND l.queue_id = i.queue_id AND l.item_id = i.item_id AND l.reviewer = $3
                 AND l.expires_at > $4) DESC, i.position
             LIMIT 1`,
            [projectId, queueId, reviewer, at, queue.required_reviewers],
          )
        ).rows[0];
        await client.query(
          'DELETE FROM review_leases WHERE project_id = $1 AND queue_id = $2 AND reviewer = $3',
          [projectId, queueId, reviewer],
        );
        if (!row) return null;
        await client.query(
          'INSERT INTO review_leases (project_id, queue_id, item_id, reviewer, expires_at) VALUES ($1, $2, $3, $4, $5)',
          [projectId, queueId, row.item_id, reviewer, at + leaseMs],
        );
        return toReviewItem(row);
      }),

    putAnswer: (projectId, answer) =>
      inTransaction(pool, async (client) => {
        const { queueId, itemId, reviewer, status, updatedAt, ...rest } = answer;
        const item = await client.query(
          'SELECT 1 FROM review_items WHERE project_id = $1 AND queue_id = $2 AND item_id = $3',
          [projectId, queueId, itemId],
        );
        if (item.rowCount === 0) {
          throw new SextantError('not_found', `item '${itemId}' not found in review queue '${queueId}'`);
        }
        await client.query(
          `INSERT INTO review_answers (project_id, queue_id, item_id, reviewer, status, answer, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (project_id, queue_id, item_id, reviewer)
           DO UPDATE SET status = excluded.status, answer = excluded.answer, updated_at = excluded.updated_at`,
          [projectId, queueId, itemId, reviewer, status, JSON.stringify(rest), updatedAt.getTime()],
        );
        await client.query(
          'DELETE FROM review_leases WHERE project_id = $1 AND queue_id = $2 AND item_id = $3 AND reviewer = $4',
          [projectId, queueId, itemId, reviewer],
        );
      }),
    async listAnswers(projectId, queueId, filter = {}) {
      const { rows } = await pool.query<ReviewAnswerRow>(
        `SELECT a.* FROM review_answers a JOIN review_items i ON i.project_id = a.project_id
           AND i.queue_id = a.queue_id AND i.item_id = a.item_id
         WHERE a.project_id = $1 AND a.queue_id = $2 AND ($3::text IS NULL OR a.reviewer = $3)
         ORDER BY i.position, a.reviewer COLLATE "C"`,
        [projectId, queueId, filter.reviewer ?? null],
      );
      return rows.map(toReviewAnswer);
    },

    async getSettings(projectId) {
      const { rows } = await pool.query<ReviewSettingsRow>(
        'SELECT judge_agreement_bar FROM review_settings WHERE project_id = $1',
        [projectId],
      );
      return toReviewSettings(rows[0]);
    },
    async putSettings(projectId, settings) {
      await pool.query(
        `INSERT INTO review_settings (project_id, judge_agreement_bar) VALUES ($1, $2)
         ON CONFLICT (project_id) DO UPDATE SET judge_agreement_bar = excluded.judge_agreement_bar`,
        [projectId, settings.judgeAgreementBar],
      );
    },

    async recordCalibration(projectId, record) {
      await pool.query(
        `INSERT INTO judge_calibrations (project_id, id, evaluator_name, score_name, computed_at, record)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [
          projectId,
          record.id,
          record.evaluatorName,
          record.scoreName,
          record.computedAt.getTime(),
          JSON.stringify(record),
        ],
      );
    },
    async listCalibrations(projectId, filter = {}) {
      const { rows } = await pool.query<JudgeCalibrationRow>(
        `SELECT record FROM judge_calibrations WHERE project_id = $1
           AND ($2::text IS NULL OR evaluator_name = $2) AND ($3::text IS NULL OR score_name = $3)
         ORDER BY computed_at, id`,
        [projectId, filter.evaluatorName ?? null, filter.scoreName ?? null],
      );
      return rows.map(toJudgeCalibration);
    },
  };
  return store;
}
