// Alert rules, their evaluation logic and notification bodies; no I/O.
export { type AlertNotice, alertMessage, type SlackMessage } from './alert-message.js';
export {
  type AlertCondition,
  type AlertMetric,
  type AlertRuleDefinition,
  type AlertRuleInput,
  alertConditionSchema,
  alertGroupings,
  alertRuleInputSchema,
  describeAlertMetric,
  describeAlertValue,
} from './alert-rule.js';
export {
  type AlertObservation,
  type AlertTransitions,
  isBreaching,
  type OpenAlert,
  planAlertTransitions,
} from './plan-alert-transitions.js';
