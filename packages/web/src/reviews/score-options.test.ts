import { describe, expect, it } from 'vitest';
import type { ScoreConfig } from '../api/reviews-api';
import { parseCategories } from './new-queue-form';
import { scoreOptions, valueForKey } from './score-options';

const stars: ScoreConfig = {
  name: 'stars',
  type: 'ordinal',
  description: '',
  categories: [
    { value: 1, label: 'poor' },
    { value: 3, label: 'good' },
    { value: 5, label: 'great' },
  ],
};

describe('review keys', () => {
  it('number keys pick scale points by position, y/n (and 1/0) answer yes/no', () => {
    expect(scoreOptions(stars).map((option) => `${option.key}:${option.value}`)).toEqual([
      '1:1',
      '2:3',
      '3:5',
    ]);
    expect(valueForKey(stars, '2')).toBe(3);
    expect(valueForKey(stars, '4')).toBeUndefined();
    const helpful: ScoreConfig = { name: 'helpful', type: 'boolean', description: '' };
    expect([valueForKey(helpful, 'y'), valueForKey(helpful, 'N'), valueForKey(helpful, '0')]).toEqual([
      1, 0, 0,
    ]);
    expect(scoreOptions({ name: 'x', type: 'numeric', description: '', min: 0, max: 1 })).toEqual([]);
  });

  it('reads categories typed as "value=label" lists or bare labels', () => {
    expect(parseCategories('1=poor, 2 = fair,3=good')).toEqual([
      { value: 1, label: 'poor' },
      { value: 2, label: 'fair' },
      { value: 3, label: 'good' },
    ]);
    expect(parseCategories('refund, shipping')).toEqual([
      { value: 1, label: 'refund' },
      { value: 2, label: 'shipping' },
    ]);
  });
});
