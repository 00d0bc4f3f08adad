import type { AlertRuleDefinition } from './alert-rule.js';

/** A rule's value for one group over its window. */
export interface AlertObservation {
  /** '' when the rule is not grouped. */
  group: string;
  /** Null when the window had nothing to measure. */
  value: number | null;
  /** Requests, scores or reports behind the value. */
  samples: number;
}

/** An alert that fired and has not resolved. */
export interface OpenAlert {
  id: string;
  group: string;
}

export interface AlertTransitions {
  /** Groups that breach with no open alert and no cooldown: new alerts. */
  fire: AlertObservation[];
  /** Open alerts that still breach: updated, not notified again (deduplication). */
  stillFiring: Array<{ alert: OpenAlert; observation: AlertObservation }>;
  /** Open alerts whose group no longer breaches (or vanished): resolved and notified. */
  resolve: Array<{ alert: OpenAlert; observation: AlertObservation | null }>;
  /** Breaching groups held back by the cooldown. */
  coolingDown: AlertObservation[];
}

/**
 * True when the observation is judged and on the wrong side of the threshold. Rates, percentiles and
 * means need `minSamples`; volume is always judged (no traffic at all is what a "below" rule is for).
 */
export function isBreaching(rule: AlertRuleDefinition, observation: AlertObservation): boolean {
  if (observation.value === null) return false;
  if (rule.condition.metric !== 'volume' && observation.samples < rule.minSamples) return false;
  return rule.comparator === 'above'
    ? observation.value > rule.threshold
    : observation.value < rule.threshold;
}

/**
 * Decides what one evaluation of a rule changes: at most one open alert per (rule, group); a group
 * whose last alert resolved less than `cooldownMinutes` ago does not fire again yet.
 * @param lastResolvedAt when each group's most recent alert resolved
 */
export function planAlertTransitions(input: {
  rule: AlertRuleDefinition;
  observations: readonly AlertObservation[];
  open: readonly OpenAlert[];
  lastResolvedAt: ReadonlyMap<string, Date>;
  now: Date;
}): AlertTransitions {
  const { rule, now } = input;
  const openByGroup = new Map(input.open.map((alert) => [alert.group, alert]));
  const observed = new Map(input.observations.map((observation) => [observation.group, observation]));
  const transitions: AlertTransitions = { fire: [], stillFiring: [], resolve: [], coolingDown: [] };
  for (const observation of input.observations) {
    if (!isBreaching(rule, observation)) continue;
    const alert = openByGroup.get(observation.group);
    if (alert) {
      transitions.stillFiring.push({ alert, observation });
      continue;
    }
    const resolvedAt = input.lastResolvedAt.get(observation.group);
    const quietUntil = resolvedAt ? resolvedAt.getTime() + rule.cooldownMinutes * 60_000 : 0;
    if (now.getTime() < quietUntil) transitions.coolingDown.push(observation);
    else transitions.fire.push(observation);
  }
  for (const alert of input.open) {
    const observation = observed.get(alert.group) ?? null;
    if (!observation || !isBreaching(rule, observation)) transitions.resolve.push({ alert, observation });
  }
  return transitions;
}
