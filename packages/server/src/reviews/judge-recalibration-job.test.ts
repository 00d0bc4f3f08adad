import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobRecord } from '@sextant/store';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JudgeCalibrationService } from './judge-calibration-service.js';
import { recalibrateJudgesJob } from './judge-recalibration-job.js';
import { ReviewService } from './review-service.js';

const traces = Array.from({ length: 12 }, (_, index) => index.toString(16).padStart(32, 'c'));
const human = traces.map((_, index) => (index % 3 === 0 ? 0 : 1));

describe('judges.recalibrate job', () => {
  let directory: string;
  let store: Store;
  beforeEach(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-recalibrate-'));
    store = openSqliteStore(path.join(directory, 'sextant.db'));
    await store.createProject({ id: 'p', name: 'P' });
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const judgeScores = (version: string, value: (index: number) => number) =>
    traces.map((traceId, index) => ({
      id: `judge-${version}-${index}`,
      traceId,
      name: 'judge',
      value: value(index),
      source: 'online' as const,
      evaluatorName: 'judge',
      evaluatorVersion: version,
      createdAt: new Date(),
    }));

  it('records a new snapshot when a judge version changed, warns on the drop, and adds nothing when rerun', async () => {
    const reviews = new ReviewService(store);
    await reviews.putScoreConfig('p', { name: 'helpful', type: 'boolean' });
    await store.scores.putScores(
      'p',
      traces.map((traceId, index) => ({
        id: `human-${index}`,
        traceId,
        name: 'helpful',
        value: human[index] ?? 0,
        source: 'human' as const,
        author: 'ana',
        createdAt: new Date(),
      })),
    );
    await store.scores.putScores(
      'p',
      judgeScores('1', (index) => human[index] ?? 0),
    );
    const calibration = new JudgeCalibrationService(store, reviews);
    await calibration.calibrate('p', { scoreName: 'helpful', evaluatorName: 'judge' });
    expect(await store.reviews.listCalibrations('p')).toHaveLength(1);

    // A new judge version starts scoring, worse; nobody calibrates by hand.
    await store.scores.putScores(
      'p',
      judgeScores('2', (index) => (index % 2 === 0 ? 1 : 0)),
    );
    const job = { id: 'j1', projectId: 'p', kind: 'judges.recalibrate', payload: {} } as JobRecord;
    const context = { store, signal: new AbortController().signal, workerId: 'w' };
    await recalibrateJudgesJob(job, context);
    const history = await store.reviews.listCalibrations('p');
    expect(history.map((record) => [record.evaluatorVersion, record.trusted])).toEqual([
      ['1', true],
      ['2', false],
    ]);
    const { judges } = await calibration.judges('p');
    expect(judges[0]?.warning).toMatch(/agreement dropped from kappa 1.00/);

    await recalibrateJudgesJob(job, context);
    expect(await store.reviews.listCalibrations('p')).toHaveLength(2);
  });
});
