import type { OnlineEvalRule, OnlineEvalRuleDefinition } from '@sextant/core';

/** Traces whose root span was stored after a cursor, oldest first, and the cursor after them. */
export interface NewTracesPage {
  traceIds: string[];
  /** Opaque; pass it back to read on. Equal to the one given when nothing new arrived. */
  cursor: string;
}

/**
 * Online evaluation rules and their read positions in the stream of stored traces.
 * @example await store.onlineEvals.createRule('default', { id, ...definition })
 */
export interface OnlineEvalStore {
  /**
   * Stores a rule whose cursor starts at the end of the stored traces (rules score new traffic).
   * Throws a SextantError 'conflict' when the project has a rule of that name.
   */
  createRule(projectId: string, rule: OnlineEvalRuleDefinition & { id: string }): Promise<OnlineEvalRule>;
  listRules(projectId: string): Promise<OnlineEvalRule[]>;
  getRule(projectId: string, ruleId: string): Promise<OnlineEvalRule | null>;
  /** Replaces the definition (the name stays); null when there is no such rule. */
  updateRule(
    projectId: string,
    ruleId: string,
    definition: OnlineEvalRuleDefinition,
  ): Promise<OnlineEvalRule | null>;
  deleteRule(projectId: string, ruleId: string): Promise<boolean>;
  /** The rule's read position (opaque). */
  ruleCursor(projectId: string, ruleId: string): Promise<string | null>;
  /** Moves the cursor from `from` to `to`; false (and no change) when someone else moved it first. */
  advanceRuleCursor(projectId: string, ruleId: string, from: string, to: string): Promise<boolean>;
  /** Up to `limit` traces whose root span arrived after `cursor`, read through an index (no scan). */
  newTraces(projectId: string, cursor: string, limit: number): Promise<NewTracesPage>;
}
