import { type RefObject, useEffect, useState } from 'react';
import { spanKinds } from '../api/types';
import { timeRanges } from './trace-list-query';

/** Applies changes to URL parameters in one navigation; an empty value removes the parameter. */
export type UpdateParams = (changes: Record<string, string>) => void;

/** Search box and filters of the trace list; every value lives in the URL, so views can be shared. */
export function TraceFilters({
  params,
  update,
  clear,
  searchRef,
}: {
  params: URLSearchParams;
  update: UpdateParams;
  clear: (() => void) | null;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const [custom, setCustom] = useState(false);
  const range = params.get('range') || (custom || params.get('from') || params.get('to') ? 'custom' : '');
  return (
    <div className="space-y-2 border-slate-200 border-b bg-white px-4 py-2">
      <div className="flex flex-wrap items-center gap-2">
        <SearchBox
          value={params.get('q') ?? ''}
          onCommit={(value) => update({ q: value })}
          inputRef={searchRef}
        />
        <select
          aria-label="Time range"
          value={range}
          onChange={(event) => {
            const value = event.target.value;
            setCustom(value === 'custom');
            update({ range: value === 'custom' ? '' : value, from: '', to: '' });
          }}
          className={selectClass}
        >
          <option value="">Any time</option>
          {Object.entries(timeRanges).map(([value, { label }]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
        {range === 'custom' && (
          <>
            <DateInput
              label="From"
              value={params.get('from') ?? ''}
              onCommit={(value) => update({ from: value })}
            />
            <DateInput
              label="To"
              value={params.get('to') ?? ''}
              onCommit={(value) => update({ to: value })}
            />
          </>
        )}
        <select
          aria-label="Status"
          value={params.get('status') ?? ''}
          onChange={(event) => update({ status: event.target.value })}
          className={selectClass}
        >
          <option value="">Any status</option>
          <option value="ok">OK</option>
          <option value="error">Error</option>
        </select>
        <select
          aria-label="Span kind"
          value={params.get('kind') ?? ''}
          onChange={(event) => update({ kind: event.target.value })}
          className={selectClass}
        >
          <option value="">Any span kind</option>
          {spanKinds.map((kind) => (
            <option key={kind} value={kind}>
              has {kind} span
            </option>
          ))}
        </select>
        <TextFilter label="Name" name="name" params={params} update={update} />
        <TextFilter label="Model" name="model" params={params} update={update} />
        <TextFilter label="Session" name="sessionId" params={params} update={update} />
        <TextFilter label="User" name="userId" params={params} update={update} />
        <TextFilter label="Tags" name="tags" params={params} update={update} placeholder="a,b" />
        <TextFilter label="Prompt" name="promptName" params={params} update={update} />
        <TextFilter label="Prompt version" name="promptVersion" params={params} update={update} />
        <TextFilter label="Release" name="releaseId" params={params} update={update} placeholder="name@3" />
        {clear && (
          <button type="button" onClick={clear} className="px-2 py-1 text-indigo-700 text-sm hover:underline">
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}

const selectClass = 'rounded border border-slate-300 bg-white px-1.5 py-1 text-sm';
const inputClass =
  'rounded border border-slate-300 px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none';

/** Full-text search over span inputs and outputs; applies 300 ms after typing stops, or on Enter. */
function SearchBox({
  value,
  onCommit,
  inputRef,
}: {
  value: string;
  onCommit: (value: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => onCommit(draft), 300);
    return () => clearTimeout(timer);
  }, [draft, value, onCommit]);
  return (
    <input
      ref={inputRef}
      type="search"
      aria-label="Search inputs and outputs"
      placeholder="Search inputs and outputs   ( / )"
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onCommit(draft);
        if (event.key === 'Escape') event.currentTarget.blur();
      }}
      className={`${inputClass} w-72`}
    />
  );
}

/** A text filter applied on Enter or when focus leaves it. */
function TextFilter(props: {
  label: string;
  name: string;
  params: URLSearchParams;
  update: UpdateParams;
  placeholder?: string;
}) {
  const value = props.params.get(props.name) ?? '';
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => draft.trim() !== value && props.update({ [props.name]: draft.trim() });
  return (
    <input
      aria-label={props.label}
      placeholder={props.placeholder ? `${props.label}: ${props.placeholder}` : props.label}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
        if (event.key === 'Escape') event.currentTarget.blur();
      }}
      className={`${inputClass} w-28 ${value ? 'border-indigo-400 bg-indigo-50' : ''}`}
    />
  );
}

function DateInput({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
}) {
  return (
    <label className="flex items-center gap-1 text-slate-600 text-sm">
      {label}
      <input
        type="datetime-local"
        value={value}
        onChange={(event) => onCommit(event.target.value)}
        className={inputClass}
      />
    </label>
  );
}
