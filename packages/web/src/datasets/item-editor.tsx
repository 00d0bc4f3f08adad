import { type FormEvent, useState } from 'react';
import { toApiError } from '../api/api-error';
import { type DatasetItem, saveItems } from '../api/datasets-api';
import { useApiClient } from '../shell/auth-provider';
import { buttonClass, inputClass, primaryButtonClass } from '../ui/controls';

/** Text of a value for editing: strings as they are, anything else as indented JSON. */
function editText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** Text back to a value: valid JSON objects, arrays, numbers... as JSON; anything else as the string typed. */
function parseText(text: string, original: unknown): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (typeof original === 'string') return text;
  try {
    return JSON.parse(trimmed);
  } catch {
    return text;
  }
}

/** Edits one item in place; saving writes a new dataset version with the item replaced. */
export function ItemEditor({
  name,
  item,
  onCancel,
  onSaved,
}: {
  name: string;
  item: DatasetItem;
  onCancel: () => void;
  onSaved: (version: number) => void;
}) {
  const client = useApiClient();
  const [input, setInput] = useState(editText(item.input));
  const [expected, setExpected] = useState(editText(item.expectedOutput));
  const [metadata, setMetadata] = useState(JSON.stringify(item.metadata, null, 2));
  const [split, setSplit] = useState(item.split ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let parsedMetadata: Record<string, unknown>;
    try {
      parsedMetadata = metadata.trim() ? JSON.parse(metadata) : {};
      if (typeof parsedMetadata !== 'object' || parsedMetadata === null || Array.isArray(parsedMetadata)) {
        throw new Error('it must be an object');
      }
    } catch (caught) {
      setError(
        `Metadata is not a JSON object (${(caught as Error).message}); write it like {"source": "support"}`,
      );
      return;
    }
    const nextInput = parseText(input, item.input);
    if (nextInput === null) {
      setError('An item needs an input.');
      return;
    }
    setSaving(true);
    try {
      const saved = await saveItems(
        client,
        name,
        [
          {
            id: item.id,
            input: nextInput,
            expectedOutput: parseText(expected, item.expectedOutput),
            metadata: parsedMetadata,
            split: split.trim() || null,
          },
        ],
        `edited ${item.id} in the console`,
      );
      onSaved(saved.version.version);
    } catch (caught) {
      setError(toApiError(caught).message);
      setSaving(false);
    }
  };
  const area = `${inputClass} w-full font-mono text-xs`;
  return (
    <form onSubmit={submit} className="grid grid-cols-2 gap-2" data-testid="item-editor">
      <label className="text-slate-600 text-xs">
        Input
        <textarea
          className={area}
          rows={5}
          value={input}
          onChange={(event) => setInput(event.target.value)}
        />
      </label>
      <label className="text-slate-600 text-xs">
        Expected output
        <textarea
          className={area}
          rows={5}
          value={expected}
          onChange={(event) => setExpected(event.target.value)}
        />
      </label>
      <label className="text-slate-600 text-xs">
        Metadata (JSON)
        <textarea
          className={area}
          rows={3}
          value={metadata}
          onChange={(event) => setMetadata(event.target.value)}
        />
      </label>
      <div className="flex flex-col gap-2">
        <label className="text-slate-600 text-xs">
          Split
          <input
            className={`${inputClass} block`}
            value={split}
            onChange={(event) => setSplit(event.target.value)}
          />
        </label>
        <div className="mt-auto flex items-center gap-2">
          <button type="submit" className={primaryButtonClass} disabled={saving}>
            Save as new version
          </button>
          <button type="button" className={buttonClass} onClick={onCancel}>
            Cancel
          </button>
          {error && (
            <span role="alert" className="text-red-700 text-sm">
              {error}
            </span>
          )}
        </div>
      </div>
    </form>
  );
}
