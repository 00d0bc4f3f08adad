import { useEffect, useState } from 'react';
import { toApiError } from '../api/api-error';
import {
  getRedactionSettings,
  previewRedaction,
  type RedactionSettings,
  saveRedactionSettings,
} from '../api/governance-api';
import { useResource } from '../api/use-resource';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { buttonClass, dangerButtonClass, inputClass, primaryButtonClass } from '../ui/controls';

type Settings = RedactionSettings['settings'];
const detectorLabels: Record<keyof Settings['detectors'], string> = {
  email: 'E-mail addresses',
  phone: 'Phone numbers',
  card: 'Card numbers (Luhn-checked)',
  iban: 'IBANs (mod-97 checked)',
  secret: 'API keys, tokens, passwords',
};

/** Govern › PII redaction: what is removed from spans before they are stored, per project. */
export function RedactionSettingsPage() {
  const client = useApiClient();
  const saved = useResource('redaction-settings', (signal) => getRedactionSettings(client, signal));
  const [draft, setDraft] = useState<Settings | null>(null);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const [sample, setSample] = useState(
    'Reach jane.doe@example.org or +44 20 7946 0958, card 4111 1111 1111 1111.',
  );
  const [preview, setPreview] = useState<{ text: string; redactions: Record<string, number> } | null>(null);
  useEffect(() => {
    if (saved.data) setDraft(structuredClone(saved.data.settings));
  }, [saved.data]);
  if (saved.error) return <ErrorPanel error={saved.error} onRetry={saved.reload} />;
  if (!draft || !saved.data) return <p className="p-4 text-slate-500 text-sm">Loading…</p>;

  const update = (change: Partial<Settings>) => setDraft({ ...draft, ...change });
  const save = async () => {
    setMessage(null);
    try {
      const result = await saveRedactionSettings(client, draft);
      setMessage({
        text: `Saved (revision ${result.revision}); spans stored from now on use these settings.`,
        failed: false,
      });
      saved.reload();
    } catch (error) {
      setMessage({ text: toApiError(error).message, failed: true });
    }
  };
  const tryIt = async () => {
    setMessage(null);
    try {
      setPreview(await previewRedaction(client, sample, { ...draft, enabled: true }));
    } catch (error) {
      setMessage({ text: toApiError(error).message, failed: true });
    }
  };
  return (
    <div className="h-full overflow-auto">
      <div className="border-slate-200 border-b bg-white px-4 pt-3 pb-2">
        <h1 className="font-semibold text-lg">PII redaction</h1>
        <p className="text-slate-600 text-sm">
          Personal data and secrets are replaced in every span (OTLP and gateway) before it is stored; the
          span keeps counts of what was replaced under <code>sextant.redactions</code>. Spans stored earlier
          are not changed.
        </p>
      </div>
      <div className="max-w-3xl space-y-4 p-4 text-sm">
        <label className="flex items-center gap-2 font-medium">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(event) => update({ enabled: event.target.checked })}
          />
          Redact this project's spans{' '}
          {saved.data.revision === 0 && <span className="text-slate-500">(off until saved)</span>}
        </label>
        <fieldset className="space-y-1">
          <legend className="mb-1 font-medium text-slate-700">Detectors</legend>
          {(Object.keys(detectorLabels) as (keyof Settings['detectors'])[]).map((kind) => (
            <label key={kind} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={draft.detectors[kind]}
                onChange={(event) =>
                  update({ detectors: { ...draft.detectors, [kind]: event.target.checked } })
                }
              />
              {detectorLabels[kind]}
            </label>
          ))}
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="mb-1 font-medium text-slate-700">Custom patterns</legend>
          <p className="text-slate-500 text-xs">
            JavaScript regular expressions. Patterns that can backtrack catastrophically (a repeated group
            that itself repeats) or match the empty string are refused.
          </p>
          {draft.customPatterns.map((pattern, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id
            <div key={index} className="flex items-center gap-2">
              <input
                aria-label="Pattern name"
                className={`${inputClass} w-40`}
                value={pattern.name}
                placeholder="employee_id"
                onChange={(event) => {
                  const patterns = [...draft.customPatterns];
                  patterns[index] = { ...pattern, name: event.target.value };
                  update({ customPatterns: patterns });
                }}
              />
              <input
                aria-label="Regular expression"
                className={`${inputClass} flex-1 font-mono`}
                value={pattern.pattern}
                placeholder="EMP-\d{6}"
                onChange={(event) => {
                  const patterns = [...draft.customPatterns];
                  patterns[index] = { ...pattern, pattern: event.target.value };
                  update({ customPatterns: patterns });
                }}
              />
              <input
                aria-label="Flags"
                className={`${inputClass} w-14 font-mono`}
                value={pattern.flags}
                placeholder="i"
                onChange={(event) => {
                  const patterns = [...draft.customPatterns];
                  patterns[index] = { ...pattern, flags: event.target.value };
                  update({ customPatterns: patterns });
                }}
              />
              <button
                type="button"
                className={dangerButtonClass}
                onClick={() =>
                  update({ customPatterns: draft.customPatterns.filter((_, other) => other !== index) })
                }
              >
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            className={buttonClass}
            onClick={() =>
              update({ customPatterns: [...draft.customPatterns, { name: '', pattern: '', flags: '' }] })
            }
          >
            Add pattern
          </button>
        </fieldset>
        <label className="flex items-center gap-2">
          Placeholder
          <input
            className={`${inputClass} font-mono`}
            value={draft.placeholder}
            onChange={(event) => update({ placeholder: event.target.value })}
          />
        </label>
        <div className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3">
          <label className="flex flex-col gap-1">
            <span className="font-medium text-slate-700">Try it</span>
            <textarea
              aria-label="Sample text"
              className={`${inputClass} font-mono text-xs`}
              rows={3}
              value={sample}
              onChange={(event) => setSample(event.target.value)}
            />
          </label>
          <button type="button" className={buttonClass} onClick={tryIt}>
            Preview
          </button>
          {preview && (
            <div data-testid="redaction-preview">
              <pre className="whitespace-pre-wrap rounded bg-white p-2 text-xs">{preview.text}</pre>
              <p className="text-slate-500 text-xs">
                {Object.entries(preview.redactions)
                  .map(([kind, count]) => `${kind}: ${count}`)
                  .join(', ') || 'nothing to redact'}
              </p>
            </div>
          )}
        </div>
        <div className="flex items-center gap-3">
          <button type="button" className={primaryButtonClass} onClick={save}>
            Save
          </button>
          {message && (
            <p
              role={message.failed ? 'alert' : 'status'}
              className={message.failed ? 'text-red-700' : 'text-emerald-700'}
            >
              {message.text}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
