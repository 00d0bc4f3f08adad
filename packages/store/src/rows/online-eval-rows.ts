import type { OnlineEvalRule, OnlineEvalRuleDefinition } from '@sextant/core';
import { fromStoredBoolean, type StoredBoolean } from './stored-boolean.js';

/** An `online_eval_rules` row; each adapter adds its own cursor type. */
export interface OnlineEvalRuleRow {
  id: string;
  name: string;
  definition: string;
  enabled: StoredBoolean;
  created_at: number;
  updated_at: number;
}

export const toOnlineEvalRule = (row: OnlineEvalRuleRow): OnlineEvalRule => ({
  ...(JSON.parse(row.definition) as Omit<OnlineEvalRuleDefinition, 'name' | 'enabled'>),
  name: row.name,
  enabled: fromStoredBoolean(row.enabled),
  id: row.id,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

/** The definition column: everything but the name and the enabled flag, which have columns of their own. */
export const storedRuleDefinition = ({ name: _name, enabled: _enabled, ...rest }: OnlineEvalRuleDefinition) =>
  JSON.stringify(rest);
