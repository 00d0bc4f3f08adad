import { createHash } from 'node:crypto';
import {
  type CalibrationPair,
  calibrateJudge,
  correctedPassRate,
  type JudgeCalibrationRecord,
  type Score,
  type ScoreConfig,
  scoreAnswer,
  scoreCategoriesOf,
} from '@sextant/core';
import type { Store } from '@sextant/store';
import type { ReviewService } from './review-service.js';

/** A kappa this much below the previous calibration of the same judge counts as a drop worth a warning. */
const dropThreshold = 0.1;
/** Most scores read per source when calibrating. */
const readLimit = 10_000;

/** The newest score per (trace, author): a changed review answer writes a newer score. */
function newestPerTraceAndAuthor(scores: readonly Score[]): Score[] {
  const newest = new Map<string, Score>();
  for (const score of scores) {
    const key = `${score.traceId}\u0000${score.author ?? ''}`;
    const seen = newest.get(key);
    if (!seen || seen.createdAt < score.createdAt) newest.set(key, score);
  }
  return [...newest.values()];
}

/** People's answer per trace: the most common value across reviewers (ties to the lower), the mean for numbers. */
function humanValuePerTrace(
  config: ScoreConfig,
  scores: readonly Score[],
): Map<string, { value: number; passed?: boolean }> {
  const byTrace = new Map<string, number[]>();
  for (const score of newestPerTraceAndAuthor(scores))
    byTrace.set(score.traceId, [...(byTrace.get(score.traceId) ?? []), score.value]);
  const result = new Map<string, { value: number; passed?: boolean }>();
  for (const [traceId, values] of byTrace) {
    let value: number;
    if (scoreCategoriesOf(config) === null)
      value = values.reduce((sum, entry) => sum + entry, 0) / values.length;
    else {
      const counts = new Map<number, number>();
      for (const entry of values) counts.set(entry, (counts.get(entry) ?? 0) + 1);
      value = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? Number.NaN;
    }
    const { passed } = scoreAnswer(config, value);
    result.set(traceId, passed === undefined ? { value } : { value, passed });
  }
  return result;
}

/** A judge's score put on the config's scale: pass/fail for booleans, the nearest category for scales. */
function judgeOnScale(config: ScoreConfig, score: Score): { value: number; passed?: boolean } {
  if (config.type === 'boolean') {
    const passed = score.passed ?? score.value >= 0.5;
    return { value: passed ? 1 : 0, passed };
  }
  const categories = scoreCategoriesOf(config);
  const value =
    categories === null
      ? score.value
      : categories.reduce((best, category) =>
          Math.abs(category - score.value) < Math.abs(best - score.value) ? category : best,
        );
  const derived = scoreAnswer(
    config,
    categories === null ? Math.min(config.max ?? value, Math.max(config.min ?? value, value)) : value,
  );
  return {
    value,
    ...(score.passed !== undefined
      ? { passed: score.passed }
      : derived.passed !== undefined
        ? { passed: derived.passed }
        : {}),
  };
}

/**
 * Checks LLM-judge evaluator versions against human scores of the same traces, keeps the history, and warns when
 * a judge's agreement drops or falls below the project's bar.
 */
export class JudgeCalibrationService {
  constructor(
    private readonly store: Store,
    private readonly reviews: ReviewService,
  ) {}

  async calibrate(
    projectId: string,
    query: { scoreName: string; evaluatorName: string; evaluatorVersion?: string },
  ) {
    const config = await this.reviews.getScoreConfig(projectId, query.scoreName);
    const { judgeAgreementBar } = await this.store.reviews.getSettings(projectId);
    const humans = humanValuePerTrace(
      config,
      await this.store.scores.listScores(projectId, {
        name: query.scoreName,
        source: 'human',
        limit: readLimit,
      }),
    );
    const judgeScores = (
      await Promise.all(
        (['online', 'experiment', 'api'] as const).map((source) =>
          this.store.scores.listScores(projectId, { source, limit: readLimit }),
        ),
      )
    )
      .flat()
      .filter((score) => score.evaluatorName === query.evaluatorName)
      .filter(
        (score) => query.evaluatorVersion === undefined || score.evaluatorVersion === query.evaluatorVersion,
      );
    const byVersion = new Map<string, Score[]>();
    for (const score of judgeScores) {
      const version = score.evaluatorVersion ?? '(unversioned)';
      byVersion.set(version, [...(byVersion.get(version) ?? []), score]);
    }
    const history = await this.store.reviews.listCalibrations(projectId, {
      evaluatorName: query.evaluatorName,
      scoreName: query.scoreName,
    });
    const versions = [];
    for (const [version, scores] of byVersion) {
      // One judgement per trace: the newest.
      const newest = new Map<string, Score>();
      for (const score of scores)
        if ((newest.get(score.traceId)?.createdAt ?? 0) < score.createdAt) newest.set(score.traceId, score);
      const onScale = [...newest.values()].map((score) => ({
        traceId: score.traceId,
        ...judgeOnScale(config, score),
      }));
      const pairs: CalibrationPair[] = onScale.flatMap((judge) => {
        const human = humans.get(judge.traceId);
        if (!human) return [];
        return [
          { human: human.value, judge: judge.value, humanPassed: human.passed, judgePassed: judge.passed },
        ];
      });
      const calibration = calibrateJudge(config, pairs, judgeAgreementBar);
      const judgedWithPass = onScale.filter((judge) => judge.passed !== undefined);
      const corrected = correctedPassRate(
        { passed: judgedWithPass.filter((judge) => judge.passed).length, total: judgedWithPass.length },
        pairs,
      );
      const record = await this.record(projectId, query, version, calibration);
      const previous = [...history]
        .reverse()
        .find((entry) => entry.evaluatorVersion === version && entry.id !== record?.id);
      versions.push({
        evaluatorVersion: version,
        judged: onScale.length,
        judgedPassRate:
          judgedWithPass.length > 0
            ? judgedWithPass.filter((judge) => judge.passed).length / judgedWithPass.length
            : null,
        correctedPassRate: corrected,
        calibration,
        warning: this.warning(calibration.kappa?.kappa ?? null, previous, judgeAgreementBar),
      });
    }
    return {
      scoreName: query.scoreName,
      evaluatorName: query.evaluatorName,
      agreementBar: judgeAgreementBar,
      humanLabelled: humans.size,
      versions,
    };
  }

  /** Every calibration kept, grouped by judge and score, with the latest per version and a warning on drops. */
  async judges(projectId: string) {
    const { judgeAgreementBar } = await this.store.reviews.getSettings(projectId);
    const history = await this.store.reviews.listCalibrations(projectId);
    const groups = new Map<string, JudgeCalibrationRecord[]>();
    for (const record of history) {
      const key = `${record.evaluatorName}\u0000${record.scoreName}`;
      groups.set(key, [...(groups.get(key) ?? []), record]);
    }
    return {
      agreementBar: judgeAgreementBar,
      judges: [...groups.values()].map((records) => {
        const latest = records.at(-1) as JudgeCalibrationRecord;
        const previous = records.at(-2);
        return {
          evaluatorName: latest.evaluatorName,
          scoreName: latest.scoreName,
          latest,
          history: records,
          warning: this.warning(latest.kappa, previous, judgeAgreementBar),
        };
      }),
    };
  }

  private warning(
    kappa: number | null,
    previous: JudgeCalibrationRecord | undefined,
    bar: number,
  ): string | null {
    if (kappa === null || !Number.isFinite(kappa)) return null;
    if (previous && kappa < previous.kappa - dropThreshold) {
      return `agreement dropped from kappa ${previous.kappa.toFixed(2)} (${previous.evaluatorName}@${previous.evaluatorVersion}, ${previous.computedAt.toISOString().slice(0, 10)}) to ${kappa.toFixed(2)}`;
    }
    if (previous && previous.kappa >= bar && kappa < bar)
      return `agreement fell below the bar of ${bar}: kappa ${kappa.toFixed(2)}`;
    return null;
  }

  /** Keeps a snapshot when the numbers changed since the last one (the id is a hash of what was measured). */
  private async record(
    projectId: string,
    query: { scoreName: string; evaluatorName: string },
    version: string,
    calibration: ReturnType<typeof calibrateJudge>,
  ): Promise<JudgeCalibrationRecord | null> {
    if (!calibration.kappa || !Number.isFinite(calibration.kappa.kappa)) return null;
    const measured = [
      query.evaluatorName,
      version,
      query.scoreName,
      calibration.items,
      calibration.kappa.kappa,
    ];
    const record: JudgeCalibrationRecord = {
      id: createHash('sha256').update(JSON.stringify(measured)).digest('hex').slice(0, 32),
      evaluatorName: query.evaluatorName,
      evaluatorVersion: version,
      scoreName: query.scoreName,
      computedAt: new Date(),
      items: calibration.items,
      agreement: calibration.agreement?.estimate ?? Number.NaN,
      kappa: calibration.kappa.kappa,
      kappaLower: calibration.kappa.lower,
      kappaUpper: calibration.kappa.upper,
      spearman: calibration.spearman?.rho ?? null,
      trusted: calibration.trusted,
    };
    await this.store.reviews.recordCalibration(projectId, record);
    return record;
  }
}
