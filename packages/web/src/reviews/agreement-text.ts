import type { ScoreAgreement } from '../api/reviews-api';

const methodNames: Record<ScoreAgreement['method'], string> = {
  cohen: "Cohen's κ",
  'weighted-cohen': 'weighted κ',
  fleiss: "Fleiss' κ",
  spearman: 'Spearman ρ',
  none: '',
};

/** "Cohen's κ 0.62 [0.41, 0.83] on 40 items", or why there is no figure yet. */
export function agreementText(agreement: ScoreAgreement): string {
  if (agreement.value === null) return agreement.note ?? 'not enough overlap yet';
  const interval =
    agreement.lower !== null && agreement.upper !== null
      ? ` [${agreement.lower.toFixed(2)}, ${agreement.upper.toFixed(2)}]`
      : '';
  return `${methodNames[agreement.method]} ${agreement.value.toFixed(2)}${interval} on ${agreement.items} items`;
}
