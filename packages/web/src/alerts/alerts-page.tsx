import { Fragment, useState } from 'react';
import { toApiError } from '../api/api-error';
import {
  type AlertDelivery,
  type AlertEvent,
  type AlertRule,
  deleteAlertRule,
  getAlertEvent,
  listAlertEvents,
  listAlertRules,
  testAlertRule,
  updateAlertRule,
} from '../api/governance-api';
import { useResource } from '../api/use-resource';
import { formatAgo } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { buttonClass, dangerButtonClass, headClass, selectClass } from '../ui/controls';
import { AlertRuleForm } from './alert-rule-form';

const describeCondition = ({ definition }: AlertRule) => {
  const { condition } = definition;
  const metric =
    condition.metric === 'latency'
      ? `${condition.percentile} latency`
      : condition.metric === 'score'
        ? `score ${condition.scoreName} ${condition.statistic === 'pass_rate' ? 'pass rate' : 'mean'}`
        : condition.metric.replace('_', ' ');
  return `${metric} ${definition.comparator === 'above' ? '>' : '<'} ${definition.threshold}`;
};

/** Govern › Alerts: rules, a test send per rule, and the history of fired and resolved alerts. */
export function AlertsPage() {
  const client = useApiClient();
  const rules = useResource('alert-rules', (signal) => listAlertRules(client, signal));
  const [status, setStatus] = useState('');
  const events = useResource(`alert-events:${status}`, (signal) =>
    listAlertEvents(client, status ? { status } : {}, signal),
  );
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<{ text: string; failed: boolean } | null>(null);
  const act = async (action: () => Promise<string | undefined>) => {
    setNotice(null);
    try {
      const text = await action();
      if (text) setNotice({ text, failed: /failed/.test(text) });
      rules.reload();
      events.reload();
    } catch (error) {
      setNotice({ text: toApiError(error).message, failed: true });
    }
  };
  const rows = rules.data?.rules ?? [];
  const open = rows.reduce((sum, rule) => sum + rule.openAlerts, 0);
  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-slate-200 border-b bg-white px-4 pt-3 pb-2">
        <h1 className="font-semibold text-lg">Alerts</h1>
        <span className="text-slate-500 text-sm">
          {rules.data
            ? `${rows.length} rule${rows.length === 1 ? '' : 's'} · ${open} open alert${open === 1 ? '' : 's'}`
            : ''}
        </span>
        <button type="button" className={`ml-auto ${buttonClass}`} onClick={() => setCreating(!creating)}>
          New rule
        </button>
      </div>
      {creating && (
        <AlertRuleForm
          onCancel={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            rules.reload();
          }}
        />
      )}
      {rules.error && <ErrorPanel error={rules.error} onRetry={rules.reload} />}
      {notice && (
        <p
          role={notice.failed ? 'alert' : 'status'}
          className={`mx-4 mt-2 rounded border px-3 py-2 text-sm ${notice.failed ? 'border-red-200 bg-red-50 text-red-800' : 'border-emerald-200 bg-emerald-50 text-emerald-800'}`}
        >
          {notice.text}
        </p>
      )}
      <div className="min-h-0 flex-1 overflow-auto">
        {rules.data && rows.length === 0 && !creating && (
          <div className="max-w-2xl space-y-2 p-6 text-slate-700 text-sm">
            <p className="font-medium">No alert rules yet.</p>
            <p>
              A rule watches error rate, a latency percentile, cost, volume, a score or drift reports over a
              window, every minute, and posts to your webhooks (Slack-compatible) when it crosses its
              threshold and again when it recovers. From the command line:
            </p>
            <pre className="rounded bg-slate-900 px-3 py-2 text-slate-100 text-xs">
              npx sextant alerts create errors --metric error_rate --threshold 0.05 --webhook
              https://hooks.slack.com/…
            </pre>
          </div>
        )}
        {rows.length > 0 && (
          <table className="w-full border-collapse text-sm" data-testid="alert-rules">
            <thead className={headClass}>
              <tr>
                {['Name', 'Enabled', 'Condition', 'Window', 'Group by', 'Webhooks', 'Open', ''].map(
                  (header) => (
                    <th
                      key={header}
                      scope="col"
                      className="whitespace-nowrap px-2 py-1.5 text-left font-medium"
                    >
                      {header}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((rule) => (
                <RuleRow key={rule.id} rule={rule} act={act} />
              ))}
            </tbody>
          </table>
        )}
        <section className="mt-4 border-slate-200 border-t">
          <div className="flex items-center gap-3 px-4 py-2">
            <h2 className="font-semibold">History</h2>
            <select
              aria-label="Alert status"
              className={selectClass}
              value={status}
              onChange={(event) => setStatus(event.target.value)}
            >
              <option value="">all alerts</option>
              <option value="open">open</option>
              <option value="resolved">resolved</option>
            </select>
          </div>
          {events.error && <ErrorPanel error={events.error} onRetry={events.reload} />}
          {events.data && events.data.events.length === 0 && (
            <p className="px-4 pb-4 text-slate-500 text-sm">No alerts have fired.</p>
          )}
          {events.data && events.data.events.length > 0 && <EventTable events={events.data.events} />}
        </section>
      </div>
    </div>
  );
}

function RuleRow({
  rule,
  act,
}: {
  rule: AlertRule;
  act: (action: () => Promise<string | undefined>) => void;
}) {
  const client = useApiClient();
  const { definition } = rule;
  const [sending, setSending] = useState(false);
  const sendTest = () => {
    setSending(true);
    act(async () => {
      try {
        const { deliveries } = await testAlertRule(client, rule.name);
        return `Test of '${rule.name}': ${deliveries
          .map(
            (delivery) =>
              `${delivery.url} ${delivery.status}${delivery.statusCode ? ` (${delivery.statusCode})` : ''}${delivery.error ? ` — ${delivery.error}` : ''}`,
          )
          .join('; ')}`;
      } finally {
        setSending(false);
      }
    });
  };
  return (
    <tr className="border-slate-100 border-b align-top hover:bg-slate-50">
      <td className="whitespace-nowrap px-2 py-1 font-medium">{rule.name}</td>
      <td className="px-2 py-1">
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={definition.enabled}
            aria-label={`${rule.name} enabled`}
            onChange={() =>
              act(async () => {
                await updateAlertRule(client, rule.name, { ...definition, enabled: !definition.enabled });
                return undefined;
              })
            }
          />
          {definition.enabled ? 'on' : 'paused'}
        </label>
      </td>
      <td className="whitespace-nowrap px-2 py-1">{describeCondition(rule)}</td>
      <td className="whitespace-nowrap px-2 py-1">{definition.windowMinutes} min</td>
      <td className="px-2 py-1">{definition.groupBy}</td>
      <td className="px-2 py-1 text-slate-600 text-xs">
        {definition.webhooks.map((webhook) => (
          <div key={webhook.url} className="max-w-64 truncate" title={webhook.url}>
            {webhook.url}
          </div>
        ))}
      </td>
      <td className={`px-2 py-1 ${rule.openAlerts > 0 ? 'font-semibold text-red-700' : 'text-slate-500'}`}>
        {rule.openAlerts}
      </td>
      <td className="whitespace-nowrap px-2 py-1 text-right">
        <button
          type="button"
          className={`${buttonClass} mr-2 text-xs`}
          disabled={sending || definition.webhooks.length === 0}
          title={
            definition.webhooks.length === 0 ? 'Add a webhook to test' : 'Post a sample alert to the webhooks'
          }
          onClick={sendTest}
        >
          {sending ? 'Sending…' : 'Send test'}
        </button>
        <button
          type="button"
          className={dangerButtonClass}
          onClick={() => {
            if (window.confirm(`Delete alert rule '${rule.name}'? Its history stays.`)) {
              act(async () => {
                await deleteAlertRule(client, rule.name);
                return undefined;
              });
            }
          }}
        >
          Delete
        </button>
      </td>
    </tr>
  );
}

function EventTable({ events }: { events: AlertEvent[] }) {
  const [opened, setOpened] = useState<string | null>(null);
  return (
    <table className="w-full border-collapse text-sm" data-testid="alert-history">
      <thead className={headClass}>
        <tr>
          {['Fired', 'Status', 'Rule', 'Group', 'Alert', 'Resolved'].map((header) => (
            <th key={header} scope="col" className="whitespace-nowrap px-2 py-1.5 text-left font-medium">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <Fragment key={event.id}>
            <tr
              className="cursor-pointer border-slate-100 border-b hover:bg-slate-50"
              onClick={() => setOpened(opened === event.id ? null : event.id)}
            >
              <td className="whitespace-nowrap px-2 py-1 text-slate-600" title={event.firedAt}>
                {formatAgo(Date.parse(event.firedAt))}
              </td>
              <td className="px-2 py-1">
                <span
                  className={`rounded px-1.5 py-0.5 text-xs ${event.status === 'open' ? 'bg-red-100 text-red-800' : 'bg-emerald-100 text-emerald-800'}`}
                >
                  {event.status}
                </span>
              </td>
              <td className="px-2 py-1">{event.ruleName ?? '(deleted rule)'}</td>
              <td className="px-2 py-1">{event.groupKey || '—'}</td>
              <td className="px-2 py-1">{event.summary}</td>
              <td className="whitespace-nowrap px-2 py-1 text-slate-600">
                {event.resolvedAt ? formatAgo(Date.parse(event.resolvedAt)) : '—'}
              </td>
            </tr>
            {opened === event.id && (
              <tr>
                <td colSpan={6} className="bg-slate-50 px-6 py-2">
                  <Deliveries eventId={event.id} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

function Deliveries({ eventId }: { eventId: string }) {
  const client = useApiClient();
  const detail = useResource(`alert-event:${eventId}`, (signal) => getAlertEvent(client, eventId, signal));
  if (detail.error) return <ErrorPanel error={detail.error} onRetry={detail.reload} />;
  const deliveries: AlertDelivery[] = detail.data?.deliveries ?? [];
  if (!detail.data) return <p className="text-slate-500 text-xs">Loading deliveries…</p>;
  if (deliveries.length === 0)
    return <p className="text-slate-500 text-xs">No webhook deliveries (the rule has none).</p>;
  return (
    <table className="text-xs" data-testid="alert-deliveries">
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id}>
            <td className="pr-3 text-slate-500">{new Date(delivery.createdAt).toLocaleTimeString()}</td>
            <td className="pr-3">{delivery.kind}</td>
            <td className="pr-3">attempt {delivery.attempt}</td>
            <td className={`pr-3 ${delivery.status === 'failed' ? 'text-red-700' : 'text-emerald-700'}`}>
              {delivery.status} {delivery.statusCode ?? ''}
            </td>
            <td className="pr-3 text-slate-600">{delivery.url}</td>
            <td className="text-slate-500">{delivery.error ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
