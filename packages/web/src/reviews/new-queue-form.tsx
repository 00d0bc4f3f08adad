import { type FormEvent, useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { toApiError } from '../api/api-error';
import type { ScoreConfig } from '../api/reviews-api';
import { useApiClient } from '../shell/auth-provider';
import { inputClass, primaryButtonClass, selectClass } from '../ui/controls';

type Source = 'traces' | 'dataset' | 'experiment' | 'experiments-pairwise';

/** "1=poor, 2=fair, 3=good" → categories; a bare label list numbers them from 1. */
export function parseCategories(text: string): { value: number; label: string }[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part, index) => {
      const match = /^(-?\d+(?:\.\d+)?)\s*=\s*(.+)$/.exec(part);
      return match
        ? { value: Number(match[1]), label: (match[2] ?? '').trim() }
        : { value: index + 1, label: part };
    });
}

function fillBody(source: Source, fields: Record<string, string>) {
  const limit = Number(fields.limit) || undefined;
  switch (source) {
    case 'traces':
      return {
        from: source,
        sampleRate: Number(fields.sampleRate) || 1,
        limit,
        filter: fields.name ? { name: fields.name } : {},
      };
    case 'dataset':
      return { from: source, name: fields.dataset, limit };
    case 'experiment':
      return { from: source, experimentId: fields.experiment, limit };
    case 'experiments-pairwise':
      return {
        from: source,
        baselineExperimentId: fields.baseline,
        candidateExperimentId: fields.candidate,
        limit,
      };
  }
}

async function createAndFill(
  client: ApiClient,
  queue: Record<string, unknown>,
  source: Source,
  fields: Record<string, string>,
) {
  await client.send('POST', '/api/review-queues', { body: queue });
  const id = encodeURIComponent(String(queue.id));
  return client.send<{ found: number; inserted: number }>('POST', `/api/review-queues/${id}/fill`, {
    body: fillBody(source, fields),
  });
}

/** Defines a score config: the scale reviewers answer on, with its description. */
export function NewScoreConfigForm({ onCreated }: { onCreated: () => void }) {
  const client = useApiClient();
  const [name, setName] = useState('');
  const [type, setType] = useState<ScoreConfig['type']>('boolean');
  const [description, setDescription] = useState('');
  const [categories, setCategories] = useState('1=poor, 2=fair, 3=good');
  const [range, setRange] = useState({ min: '0', max: '1' });
  const [status, setStatus] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = { type, description };
    if (type === 'ordinal' || type === 'categorical') body.categories = parseCategories(categories);
    if (type === 'numeric') Object.assign(body, { min: Number(range.min), max: Number(range.max) });
    try {
      await client.send('PUT', `/api/score-configs/${encodeURIComponent(name)}`, { body });
      setStatus(`Saved score '${name}'`);
      onCreated();
    } catch (error) {
      setStatus(toApiError(error).message);
    }
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2 text-sm" data-testid="new-score-config">
      <input
        aria-label="Score name"
        placeholder="score name"
        className={inputClass}
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <select
        aria-label="Score type"
        className={selectClass}
        value={type}
        onChange={(event) => setType(event.target.value as ScoreConfig['type'])}
      >
        {['boolean', 'ordinal', 'categorical', 'numeric'].map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
      {(type === 'ordinal' || type === 'categorical') && (
        <input
          aria-label="Categories"
          className={`w-56 ${inputClass}`}
          value={categories}
          onChange={(event) => setCategories(event.target.value)}
        />
      )}
      {type === 'numeric' && (
        <>
          <input
            aria-label="Minimum"
            className={`w-16 ${inputClass}`}
            value={range.min}
            onChange={(event) => setRange({ ...range, min: event.target.value })}
          />
          <input
            aria-label="Maximum"
            className={`w-16 ${inputClass}`}
            value={range.max}
            onChange={(event) => setRange({ ...range, max: event.target.value })}
          />
        </>
      )}
      <input
        aria-label="Description for reviewers"
        placeholder="what reviewers should judge"
        className={`min-w-64 flex-1 ${inputClass}`}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
      />
      <button type="submit" className={primaryButtonClass} disabled={!name}>
        Save score
      </button>
      {status && (
        <span role="status" className="text-slate-600 text-xs">
          {status}
        </span>
      )}
    </form>
  );
}

/** Creates a queue and fills it from traces, a dataset, an experiment or two experiments. */
export function NewQueueForm({ configs, onCreated }: { configs: ScoreConfig[]; onCreated: () => void }) {
  const client = useApiClient();
  const [id, setId] = useState('');
  const [scoreNames, setScoreNames] = useState<string[]>([]);
  const [reviewers, setReviewers] = useState('1');
  const [source, setSource] = useState<Source>('traces');
  const [fields, setFields] = useState<Record<string, string>>({ sampleRate: '1', limit: '100' });
  const [status, setStatus] = useState('');
  const field = (name: string, label: string, className = 'w-32') => (
    <input
      aria-label={label}
      placeholder={label}
      className={`${className} ${inputClass}`}
      value={fields[name] ?? ''}
      onChange={(event) => setFields({ ...fields, [name]: event.target.value })}
    />
  );
  const pairwise = source === 'experiments-pairwise';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const queue = {
      id,
      kind: pairwise ? 'pairwise' : 'pointwise',
      scoreNames: pairwise ? [] : scoreNames,
      requiredReviewers: Number(reviewers),
    };
    try {
      const filled = await createAndFill(client, queue, source, fields);
      setStatus(`Created '${id}' with ${filled.inserted} items`);
      onCreated();
    } catch (error) {
      setStatus(toApiError(error).message);
    }
  };
  return (
    <form onSubmit={submit} className="space-y-2 text-sm" data-testid="new-queue">
      <div className="flex flex-wrap items-center gap-2">
        <input
          aria-label="Queue id"
          placeholder="queue id"
          className={inputClass}
          value={id}
          onChange={(event) => setId(event.target.value)}
        />
        <label className="flex items-center gap-1">
          reviewers per item
          <input
            aria-label="Reviewers per item"
            type="number"
            min={1}
            max={10}
            className={`w-16 ${inputClass}`}
            value={reviewers}
            onChange={(event) => setReviewers(event.target.value)}
          />
        </label>
        {!pairwise &&
          configs.map((config) => (
            <label key={config.name} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={scoreNames.includes(config.name)}
                onChange={(event) =>
                  setScoreNames(
                    event.target.checked
                      ? [...scoreNames, config.name]
                      : scoreNames.filter((name) => name !== config.name),
                  )
                }
              />
              {config.name}
            </label>
          ))}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <select
          aria-label="Fill from"
          className={selectClass}
          value={source}
          onChange={(event) => setSource(event.target.value as Source)}
        >
          <option value="traces">traces (sampled)</option>
          <option value="dataset">a dataset</option>
          <option value="experiment">an experiment's runs</option>
          <option value="experiments-pairwise">two experiments, blind A/B</option>
        </select>
        {source === 'traces' && (
          <>
            {field('name', 'root span name (optional)', 'w-48')}
            {field('sampleRate', 'sample rate (0-1)')}
          </>
        )}
        {source === 'dataset' && field('dataset', 'dataset name')}
        {source === 'experiment' && field('experiment', 'experiment id')}
        {pairwise && (
          <>
            {field('baseline', 'baseline experiment')}
            {field('candidate', 'candidate experiment')}
          </>
        )}
        {field('limit', 'at most items', 'w-28')}
        <button
          type="submit"
          className={primaryButtonClass}
          disabled={!id || (!pairwise && scoreNames.length === 0)}
        >
          Create and fill
        </button>
        {status && (
          <span role="status" className="text-slate-600 text-xs">
            {status}
          </span>
        )}
      </div>
    </form>
  );
}
