import { cohensKappa, type KappaResult } from '../statistics/cohens-kappa.js';
import { type PairedBootstrapInterval, pairedBootstrap } from '../statistics/paired-bootstrap.js';
import { type CorrectedPrevalence, countJudgeValidation, roganGladen } from '../statistics/rogan-gladen.js';
import { type SpearmanResult, spearmanCorrelation } from '../statistics/spearman-correlation.js';
import { type ProportionInterval, wilsonInterval } from '../statistics/wilson-interval.js';
import { type ScoreConfig, scoreCategoriesOf } from './score-config.js';

/** One item both a person and the judge scored. */
export interface CalibrationPair {
  human: number;
  judge: number;
  humanPassed?: boolean;
  judgePassed?: boolean;
}

/** How far a judge version agrees with people on the items both scored. */
export interface JudgeCalibration {
  items: number;
  /** Share of items with the same answer (same pass/fail for numeric scores), Wilson interval. */
  agreement: ProportionInterval | null;
  /** Cohen's kappa (quadratic-weighted on ordinal scales; on pass/fail for numeric ones), Wald and bootstrap intervals. */
  kappa: (Omit<KappaResult, 'matrix'> & { bootstrap: PairedBootstrapInterval; weighting: string }) | null;
  spearman: (SpearmanResult & { bootstrap: PairedBootstrapInterval }) | null;
  /** Rows: people's answers; columns: the judge's. */
  confusion: { categories: string[]; counts: number[][] } | null;
  trusted: boolean;
  /** Why the judge is not trusted, when it is not. */
  reason?: string;
}

/** Fewest overlapping items before a judge can be trusted at all: kappa on fewer is mostly noise. */
export const minimumCalibrationItems = 10;

function labelOf(config: ScoreConfig, value: number): string {
  if (config.type === 'boolean') return value === 1 ? 'yes' : 'no';
  return config.categories?.find((category) => category.value === value)?.label ?? String(value);
}

/**
 * Compares a judge's scores with people's on the same items. A judge is trusted when its kappa (point estimate)
 * reaches `agreementBar` on at least `minimumCalibrationItems` items.
 * @example calibrateJudge(helpfulConfig, pairs, 0.6).kappa?.kappa;
 */
export function calibrateJudge(
  config: ScoreConfig,
  pairs: readonly CalibrationPair[],
  agreementBar: number,
): JudgeCalibration {
  const categories = scoreCategoriesOf(config);
  const passPairs = pairs.filter((pair) => pair.humanPassed !== undefined && pair.judgePassed !== undefined);
  const [first, second, kappaCategories] =
    categories !== null
      ? [pairs.map((pair) => pair.human), pairs.map((pair) => pair.judge), categories]
      : [
          passPairs.map((pair) => (pair.humanPassed ? 1 : 0)),
          passPairs.map((pair) => (pair.judgePassed ? 1 : 0)),
          [0, 1],
        ];
  const weighting = config.type === 'ordinal' ? 'quadratic' : 'none';
  let kappa: JudgeCalibration['kappa'] = null;
  let confusion: JudgeCalibration['confusion'] = null;
  let agreement: ProportionInterval | null = null;
  if (first.length > 0) {
    const result = cohensKappa(first, second, { weighting, categories: kappaCategories });
    const { matrix, ...rest } = result;
    const bootstrap = pairedBootstrap(
      first,
      second,
      (a, b) => cohensKappa(a, b, { weighting, categories: kappaCategories }).kappa,
      { seed: 11, resamples: 1000 },
    );
    kappa = { ...rest, bootstrap, weighting };
    const labels =
      categories === null ? ['fail', 'pass'] : kappaCategories.map((value) => labelOf(config, value));
    confusion = { categories: labels, counts: matrix.counts };
    agreement = wilsonInterval(first.filter((value, index) => value === second[index]).length, first.length);
  }
  let spearman: JudgeCalibration['spearman'] = null;
  if (config.type !== 'categorical' && pairs.length >= 4) {
    const humans = pairs.map((pair) => pair.human);
    const judges = pairs.map((pair) => pair.judge);
    const result = spearmanCorrelation(humans, judges);
    if (Number.isFinite(result.rho)) {
      spearman = {
        ...result,
        bootstrap: pairedBootstrap(humans, judges, (a, b) => spearmanCorrelation(a, b).rho, {
          seed: 13,
          resamples: 1000,
        }),
      };
    }
  }
  const value = kappa?.kappa ?? Number.NaN;
  const reason =
    first.length < minimumCalibrationItems
      ? `only ${first.length} items were scored by both people and the judge; label at least ${minimumCalibrationItems}`
      : !(value >= agreementBar)
        ? `kappa ${Number.isFinite(value) ? value.toFixed(2) : 'undefined'} is below the project's bar of ${agreementBar}`
        : undefined;
  return {
    items: first.length,
    agreement,
    kappa,
    spearman,
    confusion,
    trusted: reason === undefined,
    ...(reason ? { reason } : {}),
  };
}

/**
 * The judge's pass rate over everything it judged, corrected for its sensitivity and specificity measured on
 * the human-labelled overlap (Rogan-Gladen), with an interval covering both samples. Null when the overlap
 * lacks human passes or fails; an error message when the judge is no better than chance.
 */
export function correctedPassRate(
  judged: { passed: number; total: number },
  overlap: readonly CalibrationPair[],
): { value: CorrectedPrevalence } | { error: string } | null {
  const labelled = overlap
    .filter((pair) => pair.humanPassed !== undefined && pair.judgePassed !== undefined)
    .map((pair) => ({ human: pair.humanPassed === true, judge: pair.judgePassed === true }));
  const validation = countJudgeValidation(labelled);
  if (judged.total === 0 || validation.humanPositives === 0 || validation.humanNegatives === 0) return null;
  const result = roganGladen({ judgedPositive: judged.passed, judged: judged.total, validation });
  return result.success ? { value: result.value } : { error: result.error };
}
