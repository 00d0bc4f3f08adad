import { SextantError } from '@sextant/core';
import type { Store } from '@sextant/store';
import type { JobHandler } from '../jobs/job-runner.js';
import type { ScheduleEntry } from '../jobs/schedules.js';
import { JudgeCalibrationService } from './judge-calibration-service.js';
import { ReviewService } from './review-service.js';

/**
 * Recalibrates every judge the project calibrated before, so agreement is tracked over time (and a drop
 * warned about) without anyone asking. Idempotent: a snapshot's id is a hash of what it measured, so an
 * unchanged judge adds nothing when the job runs again.
 */
export const recalibrateJudgesJob: JobHandler = async (job, { store, signal }) => {
  const calibration = new JudgeCalibrationService(store, new ReviewService(store));
  const judges = new Map<string, { evaluatorName: string; scoreName: string }>();
  for (const record of await store.reviews.listCalibrations(job.projectId)) {
    judges.set(JSON.stringify([record.evaluatorName, record.scoreName]), record);
  }
  for (const { evaluatorName, scoreName } of judges.values()) {
    if (signal.aborted) return;
    try {
      await calibration.calibrate(job.projectId, { evaluatorName, scoreName });
    } catch (error) {
      // A score config deleted since: nothing to calibrate against any more.
      if (!(error instanceof SextantError && error.code === 'not_found')) throw error;
    }
  }
};

/** Every six hours, for projects that calibrated a judge at least once. */
export const judgeRecalibrationSchedule: ScheduleEntry = {
  kind: 'judges.recalibrate',
  everyMs: 6 * 60 * 60_000,
  appliesTo: async (store: Store, projectId: string) =>
    (await store.reviews.listCalibrations(projectId)).length > 0,
};
