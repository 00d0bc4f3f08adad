import { type ReviewAnswer, type ReviewItem, type ReviewQueueCounts, SextantError } from '@sextant/core';
import type Database from 'better-sqlite3';
import type { ReviewStore, ScoreConfigRecord } from '../review-store.js';
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

/** The review part of the SQLite store. */
export function createSqliteReviewStore(db: Database.Database): ReviewStore {
  const claim = db.transaction(
    (projectId: string, queueId: string, reviewer: string, now: number, leaseMs: number) => {
      const queue = db
        .prepare('SELECT required_reviewers FROM review_queues WHERE project_id = ? AND id = ?')
        .get(projectId, queueId) as { required_reviewers: number } | undefined;
      if (!queue) throw new SextantError('not_found', `review queue '${queueId}' not found`);
      const row = db
        .prepare(
          `SELECT i.item_id, i.content FROM review_items i
           WHERE i.project_id = @projectId AND i.queue_id = @queueId
             AND NOT EXISTS (SELECT 1 FROM review_answers a WHERE a.project_id = i.project_id
               AND a.queue_id = i.queue_id AND a.item_id = i.item_id AND a.reviewer = @reviewer)
             AND (SELECT count(*) FROM review_answers a WHERE a.project_id = i.project_id
                    AND a.queue_id = i.queue_id AND a.item_id = i.item_id AND a.status = 'done')
               + (SELECT count(*) FROM review_leases l WHERE l.project_id = i.project_id
                    AND l.queue_id = i.queue_id AND l.item_id = i.item_id AND l.reviewer <> @reviewer
                    AND l.expires_at > @now) < @required
           ORDER BY EXISTS (SELECT 1 FROM review_leases l WHERE l.project_id = i.project_id
               AND l.queue_id = i.queue_id AND l.item_id = i.item_id AND l.reviewer = @reviewer
               AND l.expires_at > @now) DESC, i.position
           LIMIT 1`,
        )
        .get({ projectId, queueId, reviewer, now, required: queue.required_reviewers }) as
        | (ReviewItemRow & { item_id: string })
        | undefined;
      db.prepare('DELETE FROM review_leases WHERE project_id = ? AND queue_id = ? AND reviewer = ?').run(
        projectId,
        queueId,
        reviewer,
      );
      if (!row) return null;
      db.prepare(
        'INSERT INTO review_leases (project_id, queue_id, item_id, reviewer, expires_at) VALUES (?, ?, ?, ?, ?)',
      ).run(projectId, queueId, row.item_id, reviewer, now + leaseMs);
      return toReviewItem(row);
    },
  );

  const addItems = db.transaction((projectId: string, queueId: string, items: readonly ReviewItem[]) => {
    const exists = db
      .prepare('SELECT 1 FROM review_queues WHERE project_id = ? AND id = ?')
      .get(projectId, queueId);
    if (!exists) throw new SextantError('not_found', `review queue '${queueId}' not found; create it first`);
    const { next } = db
      .prepare(
        'SELECT coalesce(max(position), -1) + 1 AS next FROM review_items WHERE project_id = ? AND queue_id = ?',
      )
      .get(projectId, queueId) as { next: number };
    const insert = db.prepare(
      'INSERT OR IGNORE INTO review_items (project_id, queue_id, item_id, position, content) VALUES (?, ?, ?, ?, ?)',
    );
    let inserted = 0;
    for (const item of items) {
      inserted += insert.run(projectId, queueId, item.id, next + inserted, JSON.stringify(item)).changes;
    }
    return { inserted };
  });

  const deleteQueue = db.transaction((projectId: string, queueId: string) => {
    for (const table of ['review_items', 'review_leases', 'review_answers']) {
      db.prepare(`DELETE FROM ${table} WHERE project_id = ? AND queue_id = ?`).run(projectId, queueId);
    }
    return (
      db.prepare('DELETE FROM review_queues WHERE project_id = ? AND id = ?').run(projectId, queueId)
        .changes > 0
    );
  });

  const putAnswer = db.transaction((projectId: string, answer: ReviewAnswer) => {
    const { queueId, itemId, reviewer, status, updatedAt, ...rest } = answer;
    const item = db
      .prepare('SELECT 1 FROM review_items WHERE project_id = ? AND queue_id = ? AND item_id = ?')
      .get(projectId, queueId, itemId);
    if (!item) throw new SextantError('not_found', `item '${itemId}' not found in review queue '${queueId}'`);
    db.prepare(
      `INSERT INTO review_answers (project_id, queue_id, item_id, reviewer, status, answer, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (project_id, queue_id, item_id, reviewer)
       DO UPDATE SET status = excluded.status, answer = excluded.answer, updated_at = excluded.updated_at`,
    ).run(projectId, queueId, itemId, reviewer, status, JSON.stringify(rest), updatedAt.getTime());
    db.prepare(
      'DELETE FROM review_leases WHERE project_id = ? AND queue_id = ? AND item_id = ? AND reviewer = ?',
    ).run(projectId, queueId, itemId, reviewer);
  });

  return {
    async putScoreConfig(projectId, config) {
      const now = Date.now();
      db.prepare(
        `INSERT INTO score_configs (project_id, name, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (project_id, name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at`,
      ).run(projectId, config.name, JSON.stringify(config), now, now);
      return (await this.getScoreConfig(projectId, config.name)) as ScoreConfigRecord;
    },
    async getScoreConfig(projectId, name) {
      const row = db
        .prepare('SELECT * FROM score_configs WHERE project_id = ? AND name = ?')
        .get(projectId, name) as ScoreConfigRow | undefined;
      return row ? toScoreConfig(row) : null;
    },
    async listScoreConfigs(projectId) {
      return (
        db
          .prepare('SELECT * FROM score_configs WHERE project_id = ? ORDER BY name')
          .all(projectId) as ScoreConfigRow[]
      ).map(toScoreConfig);
    },
    async deleteScoreConfig(projectId, name) {
      return (
        db.prepare('DELETE FROM score_configs WHERE project_id = ? AND name = ?').run(projectId, name)
          .changes > 0
      );
    },

    async createQueue(projectId, queue) {
      const createdAt = Date.now();
      const result = db
        .prepare(
          `INSERT OR IGNORE INTO review_queues (project_id, id, definition, required_reviewers, created_at)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(projectId, queue.id, JSON.stringify(queue), queue.requiredReviewers, createdAt);
      if (result.changes === 0) {
        throw new SextantError('conflict', `review queue '${queue.id}' already exists; pick another id`);
      }
      return { ...queue, createdAt: new Date(createdAt) };
    },
    async getQueue(projectId, queueId) {
      const row = db
        .prepare('SELECT * FROM review_queues WHERE project_id = ? AND id = ?')
        .get(projectId, queueId) as ReviewQueueRow | undefined;
      return row ? toReviewQueue(row) : null;
    },
    async listQueues(projectId) {
      return (
        db
          .prepare('SELECT * FROM review_queues WHERE project_id = ? ORDER BY created_at DESC, id')
          .all(projectId) as ReviewQueueRow[]
      ).map(toReviewQueue);
    },
    async deleteQueue(projectId, queueId) {
      return deleteQueue(projectId, queueId);
    },
    async queueCounts(projectId) {
      const rows = db
        .prepare(
          `SELECT q.id AS queueId,
             (SELECT count(*) FROM review_items i WHERE i.project_id = q.project_id AND i.queue_id = q.id) AS items,
             (SELECT count(*) FROM (SELECT a.item_id FROM review_answers a
                WHERE a.project_id = q.project_id AND a.queue_id = q.id AND a.status = 'done'
                GROUP BY a.item_id HAVING count(*) >= q.required_reviewers)) AS completedItems,
             (SELECT count(*) FROM review_answers a WHERE a.project_id = q.project_id AND a.queue_id = q.id) AS answers
           FROM review_queues q WHERE q.project_id = ? ORDER BY q.id`,
        )
        .all(projectId) as ReviewQueueCounts[];
      return rows;
    },

    async addItems(projectId, queueId, items) {
      return addItems(projectId, queueId, items);
    },
    async getItem(projectId, queueId, itemId) {
      const row = db
        .prepare('SELECT content FROM review_items WHERE project_id = ? AND queue_id = ? AND item_id = ?')
        .get(projectId, queueId, itemId) as ReviewItemRow | undefined;
      return row ? toReviewItem(row) : null;
    },
    async listItems(projectId, queueId, page = {}) {
      const rows = db
        .prepare(
          `SELECT content FROM review_items WHERE project_id = ? AND queue_id = ?
           ORDER BY position LIMIT ? OFFSET ?`,
        )
        .all(projectId, queueId, page.limit ?? 100, page.offset ?? 0) as ReviewItemRow[];
      return rows.map(toReviewItem);
    },

    async claimNextItem(projectId, queueId, { reviewer, leaseMs, now = new Date() }) {
      return claim(projectId, queueId, reviewer, now.getTime(), leaseMs);
    },
    async putAnswer(projectId, answer) {
      putAnswer(projectId, answer);
    },
    async listAnswers(projectId, queueId, filter = {}) {
      const rows = db
        .prepare(
          `SELECT a.* FROM review_answers a JOIN review_items i ON i.project_id = a.project_id
             AND i.queue_id = a.queue_id AND i.item_id = a.item_id
           WHERE a.project_id = ? AND a.queue_id = ? AND (? IS NULL OR a.reviewer = ?)
           ORDER BY i.position, a.reviewer`,
        )
        .all(projectId, queueId, filter.reviewer ?? null, filter.reviewer ?? null) as ReviewAnswerRow[];
      return rows.map(toReviewAnswer);
    },

    async getSettings(projectId) {
      const row = db
        .prepare('SELECT judge_agreement_bar FROM review_settings WHERE project_id = ?')
        .get(projectId) as ReviewSettingsRow | undefined;
      return toReviewSettings(row);
    },
    async putSettings(projectId, settings) {
      db.prepare(
        `INSERT INTO review_settings (project_id, judge_agreement_bar) VALUES (?, ?)
         ON CONFLICT (project_id) DO UPDATE SET judge_agreement_bar = excluded.judge_agreement_bar`,
      ).run(projectId, settings.judgeAgreementBar);
    },

    async recordCalibration(projectId, record) {
      db.prepare(
        `INSERT OR IGNORE INTO judge_calibrations (project_id, id, evaluator_name, score_name, computed_at, record)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(
        projectId,
        record.id,
        record.evaluatorName,
        record.scoreName,
        record.computedAt.getTime(),
        JSON.stringify(record),
      );
    },
    async listCalibrations(projectId, filter = {}) {
      const rows = db
        .prepare(
          `SELECT record FROM judge_calibrations WHERE project_id = ?
             AND (? IS NULL OR evaluator_name = ?) AND (? IS NULL OR score_name = ?)
           ORDER BY computed_at, id`,
        )
        .all(
          projectId,
          filter.evaluatorName ?? null,
          filter.evaluatorName ?? null,
          filter.scoreName ?? null,
          filter.scoreName ?? null,
        ) as JudgeCalibrationRow[];
      return rows.map(toJudgeCalibration);
    },
  };
}
