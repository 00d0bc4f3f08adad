import { type FormEvent, useState } from 'react';
import { toApiError } from '../api/api-error';
import { type AlertMetric, type AlertRuleInput, createAlertRule } from '../api/governance-api';
import { useApiClient } from '../shell/auth-provider';
import { buttonClass, inputClass, primaryButtonClass, selectClass } from '../ui/controls';

const groupings: Record<AlertMetric, string[]> = {
  error_rate: ['none', 'model', 'name', 'tag'],
  latency: ['none', 'model', 'name', 'tag'],
  cost: ['none', 'model', 'name', 'tag'],
  volume: ['none', 'model', 'name', 'tag'],
  score: ['none', 'release', 'prompt'],
  drift: ['none', 'monitor'],
};
const thresholdHint: Record<AlertMetric, string> = {
  error_rate: 'share of failed requests, 0-1 (0.05 = 5%)',
  latency: 'milliseconds',
  cost: 'USD over the window',
  volume: 'requests in the window',
  score: 'score mean, or pass rate 0-1',
  drift: 'drift reports that found drift',
};

/** The form that creates an alert rule; the server validates it and its message is shown as is. */
export function AlertRuleForm({ onCreated, onCancel }: { onCreated: () => void; onCancel: () => void }) {
  const client = useApiClient();
  const [metric, setMetric] = useState<AlertMetric>('error_rate');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (field: string) => String(form.get(field) ?? '').trim();
    const condition: AlertRuleInput['condition'] = { metric };
    if (metric === 'latency') condition.percentile = text('percentile') as 'p50' | 'p95' | 'p99';
    if (metric === 'score') {
      condition.scoreName = text('scoreName');
      condition.statistic = text('statistic') as 'mean' | 'pass_rate';
    }
    if (metric === 'drift' && text('monitorId')) condition.monitorId = text('monitorId');
    const rule: AlertRuleInput = {
      name: text('name'),
      condition,
      comparator: text('comparator') as 'above' | 'below',
      threshold: Number(text('threshold')),
      windowMinutes: Number(text('windowMinutes')),
      groupBy: text('groupBy'),
      minSamples: Number(text('minSamples')),
      cooldownMinutes: Number(text('cooldownMinutes')),
      webhooks: text('webhooks')
        .split(/\s+/)
        .filter(Boolean)
        .map((url) => ({ url })),
    };
    setSaving(true);
    setError(null);
    try {
      await createAlertRule(client, rule);
      onCreated();
    } catch (failure) {
      setError(toApiError(failure).message);
    } finally {
      setSaving(false);
    }
  };
  const field = (label: string, input: React.ReactNode, hint?: string) => (
    // biome-ignore lint/a11y/noLabelWithoutControl: every call passes its control as `input`
    <label className="flex flex-col gap-0.5 text-slate-600 text-xs">
      {label}
      {input}
      {hint && <span className="text-slate-400">{hint}</span>}
    </label>
  );
  return (
    <form
      onSubmit={submit}
      aria-label="New alert rule"
      className="grid grid-cols-2 gap-3 border-slate-200 border-b bg-slate-50 px-4 py-3 md:grid-cols-4"
    >
      {field('Name', <input name="name" required className={inputClass} placeholder="errors" />)}
      {field(
        'Metric',
        <select
          name="metric"
          className={selectClass}
          value={metric}
          onChange={(event) => setMetric(event.target.value as AlertMetric)}
        >
          <option value="error_rate">Error rate</option>
          <option value="latency">Latency percentile</option>
          <option value="cost">Cost</option>
          <option value="volume">Volume</option>
          <option value="score">Score</option>
          <option value="drift">Drift reports</option>
        </select>,
      )}
      {metric === 'latency' &&
        field(
          'Percentile',
          <select name="percentile" className={selectClass} defaultValue="p95">
            <option>p50</option>
            <option>p95</option>
            <option>p99</option>
          </select>,
        )}
      {metric === 'score' && (
        <>
          {field(
            'Score name',
            <input name="scoreName" required className={inputClass} placeholder="faithfulness" />,
          )}
          {field(
            'Statistic',
            <select name="statistic" className={selectClass} defaultValue="mean">
              <option value="mean">mean</option>
              <option value="pass_rate">pass rate</option>
            </select>,
          )}
        </>
      )}
      {metric === 'drift' &&
        field('Monitor id', <input name="monitorId" className={inputClass} placeholder="all" />)}
      {field(
        'Fire when',
        <select
          name="comparator"
          className={selectClass}
          defaultValue={metric === 'score' ? 'below' : 'above'}
        >
          <option value="above">above</option>
          <option value="below">below</option>
        </select>,
      )}
      {field(
        'Threshold',
        <input name="threshold" required type="number" step="any" className={inputClass} />,
        thresholdHint[metric],
      )}
      {field(
        'Window (minutes)',
        <input name="windowMinutes" type="number" min={1} defaultValue={15} className={inputClass} />,
      )}
      {field(
        'Group by',
        <select name="groupBy" className={selectClass} defaultValue="none">
          {groupings[metric].map((group) => (
            <option key={group}>{group}</option>
          ))}
        </select>,
        'one alert per group',
      )}
      {field(
        'Min. samples',
        <input name="minSamples" type="number" min={0} defaultValue={1} className={inputClass} />,
        'skip groups with fewer requests',
      )}
      {field(
        'Cooldown (minutes)',
        <input name="cooldownMinutes" type="number" min={0} defaultValue={30} className={inputClass} />,
      )}
      <div className="col-span-2">
        {field(
          'Webhooks',
          <textarea
            name="webhooks"
            rows={2}
            className={`${inputClass} font-mono text-xs`}
            placeholder="https://hooks.slack.com/services/..."
          />,
          'one URL per line; Slack-compatible JSON ({ text, blocks })',
        )}
      </div>
      <div className="col-span-full flex items-center gap-2">
        <button type="submit" className={primaryButtonClass} disabled={saving}>
          {saving ? 'Saving…' : 'Create rule'}
        </button>
        <button type="button" className={buttonClass} onClick={onCancel}>
          Cancel
        </button>
        {error && (
          <p role="alert" className="text-red-700 text-sm">
            {error}
          </p>
        )}
      </div>
    </form>
  );
}
