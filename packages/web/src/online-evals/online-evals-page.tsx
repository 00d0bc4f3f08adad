import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { toApiError } from '../api/api-error';
import {
  createOnlineEvalRule,
  deleteOnlineEvalRule,
  listOnlineEvalRules,
  type OnlineEvalFilter,
  type OnlineEvalRule,
  updateOnlineEvalRule,
} from '../api/online-evals-api';
import { useResource } from '../api/use-resource';
import { formatAgo } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import {
  buttonClass,
  dangerButtonClass,
  headClass,
  inputClass,
  linkClass,
  primaryButtonClass,
  selectClass,
} from '../ui/controls';
import { formatEvaluator, parseEvaluatorLines } from './evaluator-lines';

const spanKinds = ['llm', 'embedding', 'retrieval', 'tool', 'agent', 'chain', 'guardrail', 'other'];

const describeFilter = (filter: OnlineEvalFilter) =>
  Object.entries(filter)
    .map(([key, value]) => `${key} = ${Array.isArray(value) ? value.join(', ') : value}`)
    .join('; ') || 'every trace';

/** Govern › Online evaluation: rules that sample production traces and score them as they arrive. */
export function OnlineEvalsPage() {
  const client = useApiClient();
  const rules = useResource('online-eval-rules', (signal) => listOnlineEvalRules(client, signal));
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const act = async (action: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await action();
      rules.reload();
    } catch (error) {
      setActionError(toApiError(error).message);
    }
  };
  const rows = rules.data?.rules ?? [];
  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-slate-200 border-b bg-white px-4 pt-3 pb-2">
        <h1 className="font-semibold text-lg">Online evaluation</h1>
        <span className="text-slate-500 text-sm">{rules.data ? `${rows.length} rules` : ''}</span>
        <Link href="/monitoring?window=24h" className={`ml-auto text-sm ${linkClass}`}>
          Scores over time
        </Link>
        <button type="button" className={buttonClass} onClick={() => setCreating(!creating)}>
          New rule
        </button>
      </div>
      {creating && (
        <NewRuleForm
          onCreated={() => {
            setCreating(false);
            rules.reload();
          }}
        />
      )}
      {rules.error && <ErrorPanel error={rules.error} onRetry={rules.reload} />}
      {actionError && (
        <p
          role="alert"
          className="mx-4 mt-2 rounded border border-red-200 bg-red-50 px-3 py-2 text-red-800 text-sm"
        >
          {actionError}
        </p>
      )}
      <div className="min-h-0 flex-1 overflow-auto">
        {rules.data && rows.length === 0 && !creating && (
          <div className="max-w-2xl space-y-2 p-6 text-slate-700 text-sm">
            <p className="font-medium">No rules yet.</p>
            <p>
              A rule picks production traces (by name, model, release, prompt, tags), samples a share of them,
              and scores each with evaluators in the background. Scores appear on the traces and on
              Monitoring. From the command line:
            </p>
            <pre className="rounded bg-slate-900 px-3 py-2 text-slate-100 text-xs">
              npx sextant evals online create answers-are-json --evaluator json-valid --sample-rate 10%
            </pre>
          </div>
        )}
        {rows.length > 0 && (
          <table className="w-full border-collapse text-sm" data-testid="online-eval-rules">
            <thead className={headClass}>
              <tr>
                {['Name', 'Enabled', 'Sample', 'Traces', 'Scores', 'Evaluators', 'Updated', ''].map(
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
      </div>
    </div>
  );
}

function RuleRow({ rule, act }: { rule: OnlineEvalRule; act: (action: () => Promise<unknown>) => void }) {
  const client = useApiClient();
  return (
    <tr className="border-slate-100 border-b align-top hover:bg-slate-50">
      <td className="whitespace-nowrap px-2 py-1 font-medium">{rule.name}</td>
      <td className="px-2 py-1">
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={rule.enabled}
            aria-label={`${rule.name} enabled`}
            onChange={() => act(() => updateOnlineEvalRule(client, rule.id, { enabled: !rule.enabled }))}
          />
          {rule.enabled ? 'on' : 'paused'}
        </label>
      </td>
      <td className="whitespace-nowrap px-2 py-1">{Number((rule.sampleRate * 100).toPrecision(3))}%</td>
      <td className="px-2 py-1 text-slate-600">{describeFilter(rule.filter)}</td>
      <td className="px-2 py-1 text-slate-600">
        {rule.target ? `${rule.target.kind ?? ''} ${rule.target.name ?? ''} span`.trim() : 'root output'}
      </td>
      <td className="px-2 py-1">
        {rule.evaluators.map((entry) => (
          <code key={formatEvaluator(entry)} className="block text-xs">
            {formatEvaluator(entry)}
          </code>
        ))}
      </td>
      <td className="whitespace-nowrap px-2 py-1 text-slate-500">{formatAgo(Date.parse(rule.updatedAt))}</td>
      <td className="px-2 py-1 text-right">
        <button
          type="button"
          className={dangerButtonClass}
          onClick={() => {
            if (window.confirm(`Delete rule '${rule.name}'? The scores it wrote stay.`)) {
              act(() => deleteOnlineEvalRule(client, rule.id));
            }
          }}
        >
          Delete
        </button>
      </td>
    </tr>
  );
}

function NewRuleForm({ onCreated }: { onCreated: () => void }) {
  const client = useApiClient();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (field: string) => String(form.get(field) ?? '').trim();
    const parsed = parseEvaluatorLines(text('evaluators'));
    if (parsed.error) return setError(parsed.error);
    const percent = Number(text('sampleRate'));
    const filter: OnlineEvalFilter = {};
    if (text('traceName')) filter.name = text('traceName');
    if (text('model')) filter.model = text('model');
    if (text('releaseId')) filter.releaseId = text('releaseId');
    if (text('promptName')) filter.promptName = text('promptName');
    if (text('tags'))
      filter.tags = text('tags')
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean);
    setSaving(true);
    setError(null);
    try {
      await createOnlineEvalRule(client, {
        name: text('name'),
        filter,
        sampleRate: percent / 100,
        evaluators: parsed.evaluators,
        ...(text('targetKind') ? { target: { kind: text('targetKind') } } : {}),
        enabled: true,
      });
      onCreated();
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setSaving(false);
    }
  };
  const field = (name: string, label: string, placeholder: string) => (
    <label className="flex flex-col gap-0.5 text-xs text-slate-600">
      {label}
      <input name={name} placeholder={placeholder} className={inputClass} />
    </label>
  );
  return (
    <form
      onSubmit={submit}
      aria-label="New rule"
      className="grid max-w-4xl grid-cols-2 gap-3 border-slate-200 border-b bg-white px-4 py-3 md:grid-cols-4"
    >
      <label className="flex flex-col gap-0.5 text-xs text-slate-600">
        Name
        <input name="name" required placeholder="answers-are-json" className={inputClass} />
      </label>
      <label className="flex flex-col gap-0.5 text-xs text-slate-600">
        Sample (% of matching traces)
        <input
          name="sampleRate"
          type="number"
          min={0}
          max={100}
          step="any"
          defaultValue={10}
          className={inputClass}
        />
      </label>
      <label className="flex flex-col gap-0.5 text-xs text-slate-600">
        Score
        <select name="targetKind" className={selectClass} defaultValue="">
          <option value="">the trace's answer (root span output)</option>
          {spanKinds.map((kind) => (
            <option key={kind} value={kind}>
              the last {kind} span's output
            </option>
          ))}
        </select>
      </label>
      {field('traceName', 'Trace name', 'any')}
      {field('model', 'Model', 'any')}
      {field('releaseId', 'Release', 'e.g. support-bot@3')}
      {field('promptName', 'Prompt', 'any')}
      {field('tags', 'Tags (all of)', 'prod, eu')}
      <label className="col-span-2 flex flex-col gap-0.5 text-xs text-slate-600 md:col-span-4">
        Evaluators, one per line: name key=value … (contains, regex, json-valid, json-schema, equals,
        levenshtein, step-count, tool-call-correctness, trajectory-match; or a judge with a model)
        <textarea
          name="evaluators"
          rows={3}
          defaultValue="json-valid"
          className={`${inputClass} font-mono`}
          placeholder="contains values=sorry|apologize mode=none ignoreCase=true"
        />
      </label>
      <div className="col-span-2 flex items-center gap-3 md:col-span-4">
        <button type="submit" disabled={saving} className={primaryButtonClass}>
          Create rule
        </button>
        <span className="text-slate-500 text-xs">It scores traces that arrive from now on.</span>
        {error && (
          <span role="alert" className="text-red-700 text-sm">
            {error}
          </span>
        )}
      </div>
    </form>
  );
}
