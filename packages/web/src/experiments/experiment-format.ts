/** Three decimals for scores, signed for differences, and p-values that never read as exactly 0. */
export const formatScore = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(3));
export const formatSigned = (value: number | undefined) =>
  value === undefined ? '–' : `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
export const formatPValue = (value: number) => (value < 0.001 ? '< 0.001' : value.toFixed(3));
export const formatRate = (value: number) => `${(value * 100).toFixed(1)}%`;

/** Output text for a table cell: strings as they are, other values as JSON. */
export const outputText = (value: unknown) =>
  value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
