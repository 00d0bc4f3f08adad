import { type FormEvent, useState } from 'react';
import { toApiError } from '../api/api-error';
import { createPromptVersion } from '../api/registry-api';
import type { PromptDefinitionInput } from '../api/registry-types';
import { useApiClient } from '../shell/auth-provider';
import { buttonClass, inputClass, primaryButtonClass } from '../ui/controls';

type Outcome = { kind: 'saved' | 'unchanged'; text: string } | { kind: 'conflict' | 'error'; text: string };

/**
 * Saves the draft as a new version with a commit message (and optionally moves a label to it). The save
 * names the newest version the draft was based on; if another version was saved meanwhile the server answers
 * 409, nothing is saved, and the draft is kept so it can be compared and saved again.
 */
export function SaveVersionForm({
  name,
  definition,
  latestVersion,
  disabled,
  onSaved,
  onRefresh,
}: {
  /** null: a new prompt, named in the form. */
  name: string | null;
  definition: PromptDefinitionInput;
  latestVersion: number | null;
  disabled: boolean;
  onSaved: (name: string, version: number) => void;
  onRefresh: () => void;
}) {
  const client = useApiClient();
  const [newName, setNewName] = useState('');
  const [message, setMessage] = useState('');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const target = name ?? newName.trim();
    if (!target) return;
    setBusy(true);
    setOutcome(null);
    try {
      const created = await createPromptVersion(client, target, {
        definition,
        commitMessage: message.trim() || null,
        expectedLatestVersion: name ? latestVersion : null,
        ...(label.trim() ? { labels: [label.trim()] } : {}),
      });
      const version = created.prompt.version;
      setOutcome(
        created.status === 'created'
          ? {
              kind: 'saved',
              text: `Saved ${target} v${version}.${created.warnings.map((warning) => ` ${warning}`).join('')}`,
            }
          : { kind: 'unchanged', text: `Nothing to save: v${version} already has this content.` },
      );
      setMessage('');
      onSaved(target, version);
    } catch (failure) {
      const error = toApiError(failure);
      setOutcome({ kind: error.kind === 'conflict' ? 'conflict' : 'error', text: error.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={save} aria-label="Save as a new version" className="space-y-2" data-testid="save-form">
      <div className="flex flex-wrap items-center gap-2">
        {name === null && (
          <input
            aria-label="Prompt name"
            required
            placeholder="prompt name, e.g. support-answer"
            value={newName}
            onChange={(event) => setNewName(event.target.value)}
            className={`${inputClass} w-56`}
          />
        )}
        <input
          aria-label="Commit message"
          placeholder="Commit message: why this version?"
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          className={`${inputClass} min-w-48 flex-1`}
        />
        <input
          aria-label="Move label"
          placeholder="label (optional)"
          value={label}
          onChange={(event) => setLabel(event.target.value.toLowerCase())}
          className={`${inputClass} w-36`}
        />
        <button type="submit" disabled={busy || disabled} className={primaryButtonClass}>
          {name === null ? 'Save new prompt' : `Save as v${(latestVersion ?? 0) + 1}`}
        </button>
      </div>
      {outcome && (
        <div
          role={outcome.kind === 'saved' || outcome.kind === 'unchanged' ? 'status' : 'alert'}
          className={`rounded border px-3 py-2 text-sm ${
            outcome.kind === 'saved'
              ? 'border-emerald-200 bg-emerald-50 text-emerald-900'
              : outcome.kind === 'unchanged'
                ? 'border-slate-200 bg-slate-50 text-slate-700'
                : outcome.kind === 'conflict'
                  ? 'border-amber-300 bg-amber-50 text-amber-900'
                  : 'border-red-200 bg-red-50 text-red-900'
          }`}
        >
          {outcome.kind === 'conflict' && (
            <p className="font-medium">A newer version was saved meanwhile; nothing was saved.</p>
          )}
          <p>{outcome.text}</p>
          {outcome.kind === 'conflict' && (
            <button
              type="button"
              onClick={() => {
                onRefresh();
                setOutcome(null);
              }}
              className={`mt-1 ${buttonClass}`}
            >
              Load the newest version number (keeps your edit)
            </button>
          )}
        </div>
      )}
    </form>
  );
}
