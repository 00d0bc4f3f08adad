import { type FormEvent, useState } from 'react';
import type { ApiError } from '../api/api-error';
import { maskKey } from '../api/saved-keys';
import { useAuth } from './auth-provider';

/** Asks for a project API key, checks it against the server, and keeps it in this browser. */
export function KeyEntryPage({ reason }: { reason: ApiError | null }) {
  const { addKey, savedKeys, activate, forget } = useAuth();
  const [key, setKey] = useState('');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(reason);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!key.trim()) return;
    setBusy(true);
    const failure = await addKey(key.trim(), label);
    setBusy(false);
    setError(failure);
  }

  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-1 font-semibold text-lg">Sextant</h1>
        <p className="mb-4 text-slate-600 text-sm">
          Enter a project API key. It stays in this browser and is sent as{' '}
          <code className="text-xs">Authorization: Bearer …</code> to this server only.
        </p>
        {error && <KeyError error={error} />}
        <form onSubmit={submit} className="space-y-3">
          <label className="block text-sm">
            <span className="mb-1 block font-medium">API key</span>
            <input
              name="apiKey"
              type="password"
              autoComplete="off"
              // biome-ignore lint/a11y/noAutofocus: the only thing to do on this screen is to type the key
              autoFocus
              value={key}
              onChange={(event) => setKey(event.target.value)}
              placeholder="sk-sx-…"
              className="w-full rounded border border-slate-300 px-2 py-1.5 font-mono text-sm focus:border-indigo-500 focus:outline-none"
            />
          </label>
          <label className="block text-sm">
            <span className="mb-1 block font-medium">
              Label{' '}
              <span className="font-normal text-slate-500">(optional; defaults to the project name)</span>
            </span>
            <input
              name="label"
              value={label}
              onChange={(event) => setLabel(event.target.value)}
              className="w-full rounded border border-slate-300 px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none"
            />
          </label>
          <button
            type="submit"
            disabled={busy || !key.trim()}
            className="w-full rounded bg-indigo-600 px-3 py-1.5 font-medium text-sm text-white hover:bg-indigo-700 disabled:opacity-50"
          >
            {busy ? 'Checking…' : 'Connect'}
          </button>
        </form>
        <p className="mt-4 text-slate-500 text-xs">
          The first <code>sextant serve</code> prints the <code>default</code> project's key. Create another
          with <code>npx sextant keys create --project NAME</code>.
        </p>
        {savedKeys.length > 0 && (
          <div className="mt-5 border-slate-200 border-t pt-4">
            <h2 className="mb-2 font-medium text-sm">Saved in this browser</h2>
            <ul className="space-y-1">
              {savedKeys.map((saved) => (
                <li key={saved.key} className="flex items-center gap-2 text-sm">
                  <button
                    type="button"
                    onClick={() => activate(saved.key)}
                    className="flex-1 truncate rounded px-2 py-1 text-left hover:bg-slate-100"
                  >
                    {saved.label}{' '}
                    <span className="font-mono text-slate-400 text-xs">{maskKey(saved.key)}</span>
                  </button>
                  <button
                    type="button"
                    onClick={() => forget(saved.key)}
                    className="rounded px-2 py-1 text-slate-500 text-xs hover:bg-red-50 hover:text-red-700"
                  >
                    Forget
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </main>
  );
}

function KeyError({ error }: { error: ApiError }) {
  const text =
    error.kind === 'unauthorized'
      ? `The server rejected this key: ${error.message}. Check that you copied the whole key; revoked keys stop working.`
      : error.kind === 'unreachable'
        ? `${error.message} The key was not checked.`
        : error.message;
  return (
    <div role="alert" className="mb-4 rounded border border-red-200 bg-red-50 px-3 py-2 text-red-800 text-sm">
      {text}
    </div>
  );
}
