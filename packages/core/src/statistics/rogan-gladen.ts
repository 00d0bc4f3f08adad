import { fail, ok, type Result } from '../result.js';
import { normalQuantile } from './normal-distribution.js';
import { requireInteger, requireOpenUnit, requireWithin } from './validation.js';

/** How a judge did on items people also labelled: its hits among human positives and negatives. */
export interface JudgeValidation {
  /** Human-positive items the judge also called positive. */
  truePositives: number;
  humanPositives: number;
  /** Human-negative items the judge also called negative. */
  trueNegatives: number;
  humanNegatives: number;
}

/** A judge-reported rate and the human-labelled overlap that measures the judge's error. */
export interface RoganGladenInput {
  judgedPositive: number;
  judged: number;
  validation: JudgeValidation;
  /** Confidence level; default 0.95. */
  level?: number;
}

/** The rate corrected for the judge's sensitivity and specificity, with an interval covering all three samples. */
export interface CorrectedPrevalence {
  estimate: number;
  apparent: number;
  sensitivity: number;
  specificity: number;
  lower: number;
  upper: number;
  level: number;
}

/** Counts a judge's agreement with human labels (one entry per item both labelled). */
export function countJudgeValidation(pairs: readonly { human: boolean; judge: boolean }[]): JudgeValidation {
  const counts = { truePositives: 0, humanPositives: 0, trueNegatives: 0, humanNegatives: 0 };
  for (const { human, judge } of pairs) {
    if (human) {
      counts.humanPositives++;
      if (judge) counts.truePositives++;
    } else {
      counts.humanNegatives++;
      if (!judge) counts.trueNegatives++;
    }
  }
  return counts;
}

function requireCounts({ judgedPositive, judged, validation }: RoganGladenInput): void {
  requireInteger('judged', judged, 1);
  requireWithin('judgedPositive', judgedPositive, judged, 'judged');
  requireInteger('validation.humanPositives', validation.humanPositives, 1);
  requireInteger('validation.humanNegatives', validation.humanNegatives, 1);
  requireWithin(
    'validation.truePositives',
    validation.truePositives,
    validation.humanPositives,
    'humanPositives',
  );
  requireWithin(
    'validation.trueNegatives',
    validation.trueNegatives,
    validation.humanNegatives,
    'humanNegatives',
  );
}

// Half a pseudo-success and half a pseudo-failure (the Jeffreys Beta(1/2, 1/2) posterior mean) keep the variance of
// a judge that was perfect on a small overlap above zero; Agresti-Coull's z²/2 over-covered in simulation.
function adjusted(successes: number, trials: number): { rate: number; trials: number } {
  return { rate: (successes + 0.5) / (trials + 1), trials: trials + 1 };
}

/**
 * Rogan-Gladen (1978) correction p = (apparent + specificity - 1) / (sensitivity + specificity - 1), clamped to
 * [0, 1]. The interval is the delta method on slightly adjusted proportions (in the spirit of Lang & Reiczigel
 * 2014), so it carries the sampling error of the judged rate and of the judge's sensitivity and specificity.
 * Fails when sensitivity + specificity <= 1: such a judge is no better than chance and its rate cannot be corrected.
 * @example roganGladen({ judgedPositive: 325, judged: 1000, validation: { truePositives: 51, humanPositives: 60, trueNegatives: 126, humanNegatives: 140 } });
 */
export function roganGladen(input: RoganGladenInput): Result<CorrectedPrevalence, string> {
  const { judgedPositive, judged, validation, level = 0.95 } = input;
  requireOpenUnit('level', level);
  requireCounts(input);
  const apparent = judgedPositive / judged;
  const sensitivity = validation.truePositives / validation.humanPositives;
  const specificity = validation.trueNegatives / validation.humanNegatives;
  if (sensitivity + specificity <= 1) {
    return fail(
      `the judge's sensitivity (${sensitivity.toFixed(3)}) + specificity (${specificity.toFixed(3)}) is not above 1, ` +
        'so it is no better than chance; improve the judge or label more items before correcting its rate',
    );
  }
  const estimate = Math.min(1, Math.max(0, (apparent + specificity - 1) / (sensitivity + specificity - 1)));
  const z = normalQuantile(1 - (1 - level) / 2);
  const a = adjusted(judgedPositive, judged);
  const se = adjusted(validation.truePositives, validation.humanPositives);
  const sp = adjusted(validation.trueNegatives, validation.humanNegatives);
  const youden = se.rate + sp.rate - 1;
  if (youden <= 0) return ok({ estimate, apparent, sensitivity, specificity, lower: 0, upper: 1, level });
  const center = (a.rate + sp.rate - 1) / youden;
  // Partial derivatives of (a + sp - 1)/(se + sp - 1): 1/J for a, -p/J for se, -(1 - p)/J for sp.
  const variance =
    ((a.rate * (1 - a.rate)) / a.trials +
      (center * center * se.rate * (1 - se.rate)) / se.trials +
      ((1 - center) * (1 - center) * sp.rate * (1 - sp.rate)) / sp.trials) /
    (youden * youden);
  const halfWidth = z * Math.sqrt(variance);
  return ok({
    estimate,
    apparent,
    sensitivity,
    specificity,
    lower: Math.min(estimate, Math.max(0, center - halfWidth)),
    upper: Math.max(estimate, Math.min(1, center + halfWidth)),
    level,
  });
}
