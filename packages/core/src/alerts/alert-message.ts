import { type AlertCondition, describeAlertMetric, describeAlertValue } from './alert-rule.js';

/** What a notification is about. */
export interface AlertNotice {
  kind: 'fired' | 'resolved' | 'test';
  projectId: string;
  ruleName: string;
  condition: AlertCondition;
  comparator: 'above' | 'below';
  threshold: number;
  windowMinutes: number;
  /** '' when the rule is not grouped. */
  group: string;
  value: number | null;
  firedAt: Date;
  resolvedAt?: Date | null;
  /** Where the console shows the alert, when the server knows its public URL. */
  link?: string;
}

/** A Slack incoming-webhook body; other receivers read `text` and ignore the blocks. */
export interface SlackMessage {
  text: string;
  blocks: unknown[];
  /** The same facts as fields, for receivers that are not Slack. */
  sextant: Record<string, unknown>;
}

const headline = { fired: 'Alert firing', resolved: 'Alert resolved', test: 'Test alert' } as const;
const icon = { fired: ':rotating_light:', resolved: ':white_check_mark:', test: ':test_tube:' } as const;

/**
 * The Slack-compatible JSON body of a notification: `{ text, blocks }` (section fields, a context line,
 * a link button when the console URL is known).
 * @example await fetch(webhook, { method: 'POST', body: JSON.stringify(alertMessage(notice)) })
 */
export function alertMessage(notice: AlertNotice): SlackMessage {
  const metric = describeAlertMetric(notice.condition);
  const value = describeAlertValue(notice.condition, notice.value);
  const threshold = describeAlertValue(notice.condition, notice.threshold);
  const scope = notice.group ? ` for ${notice.group}` : '';
  const text =
    `${icon[notice.kind]} ${headline[notice.kind]}: ${notice.ruleName}${scope} — ${metric} ${value} ` +
    `(${notice.comparator} ${threshold} over ${notice.windowMinutes} min) in project ${notice.projectId}`;
  const fields = [
    ['Rule', notice.ruleName],
    ['Project', notice.projectId],
    ['Value', `${metric}: ${value}`],
    ['Threshold', `${notice.comparator} ${threshold} over ${notice.windowMinutes} min`],
    ...(notice.group ? [['Group', notice.group]] : []),
    ['Fired', notice.firedAt.toISOString()],
    ...(notice.resolvedAt ? [['Resolved', notice.resolvedAt.toISOString()]] : []),
  ];
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: `${headline[notice.kind]}: ${notice.ruleName}` } },
    {
      type: 'section',
      fields: fields.map(([name, content]) => ({ type: 'mrkdwn', text: `*${name}*\n${content}` })),
    },
  ];
  if (notice.link) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Sextant' }, url: notice.link }],
    });
  }
  if (notice.kind === 'test') {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'A sample sent from Sextant to check this webhook; nothing is wrong.' },
      ],
    });
  }
  return {
    text,
    blocks,
    sextant: {
      kind: notice.kind,
      project: notice.projectId,
      rule: notice.ruleName,
      metric: notice.condition.metric,
      group: notice.group,
      value: notice.value,
      threshold: notice.threshold,
      comparator: notice.comparator,
      windowMinutes: notice.windowMinutes,
      firedAt: notice.firedAt.toISOString(),
      resolvedAt: notice.resolvedAt?.toISOString() ?? null,
    },
  };
}
