import type { ScoreConfig } from '../api/reviews-api';

/** One answer a reviewer can pick, with the key that picks it. */
export interface ScoreOption {
  value: number;
  label: string;
  key: string;
}

/** The answers of a config with their keys: y/n for yes/no, 1-9 for scale points; none for numeric ranges. */
export function scoreOptions(config: ScoreConfig): ScoreOption[] {
  if (config.type === 'boolean') {
    return [
      { value: 1, label: 'yes', key: 'y' },
      { value: 0, label: 'no', key: 'n' },
    ];
  }
  if (config.type === 'numeric') return [];
  return (config.categories ?? []).slice(0, 9).map((category, index) => ({
    value: category.value,
    label: category.label,
    key: String(index + 1),
  }));
}

/** The value a key picks for a config, or undefined when the key means nothing for it. */
export function valueForKey(config: ScoreConfig, key: string): number | undefined {
  const lower = key.toLowerCase();
  if (config.type === 'boolean' && (lower === '1' || lower === '0')) return Number(lower);
  return scoreOptions(config).find((option) => option.key === lower)?.value;
}
