import { useState } from 'react';
import { toApiError } from '../api/api-error';
import type { ProviderStatus } from '../api/model-types';
import { deleteCredential, listProviders, storeCredential } from '../api/models-api';
import { useResource } from '../api/use-resource';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { dangerButtonClass, headClass, inputClass, primaryButtonClass } from '../ui/controls';
import { useParamUpdater } from '../ui/use-param-updater';
import { CredentialBadge } from './model-format';
import { ModelsHeader } from './models-header';

/**
 * Discover › Models › Providers: where each provider's credential comes from, which environment variable
 * to set, and a write-only form that stores a key for this project (encrypted on the server, never shown).
 */
export function ProvidersPage() {
  const client = useApiClient();
  const [params, update] = useParamUpdater();
  const providers = useResource('providers', (signal) => listProviders(client, signal));
  const query = (params.get('provider') ?? '').toLowerCase();
  const [notice, setNotice] = useState<string | null>(null);
  const shown = (providers.data?.providers ?? []).filter(
    (provider) => !query || `${provider.provider} ${provider.name}`.toLowerCase().includes(query),
  );
  const ready = (providers.data?.providers ?? []).filter(
    (provider) => provider.credential !== 'missing' && provider.protocol !== 'none',
  ).length;
  return (
    <div className="flex h-full flex-col">
      <ModelsHeader title="Models">
        <span>{providers.data ? `${ready} of ${providers.data.providers.length} providers ready` : ''}</span>
      </ModelsHeader>
      <div className="flex items-center gap-3 border-slate-200 border-b bg-white px-4 py-2 text-sm">
        <input
          type="search"
          aria-label="Filter providers"
          placeholder="Filter providers"
          value={params.get('provider') ?? ''}
          onChange={(event) => update({ provider: event.target.value })}
          className={`${inputClass} w-60`}
        />
        <span className="text-slate-500">
          Keys come from the server's environment, or are stored per project, encrypted with{' '}
          <code>SEXTANT_SECRET</code>. A stored key is never returned or logged.
        </span>
      </div>
      {notice && (
        <p role="status" className="mx-4 mt-2 rounded bg-emerald-50 px-3 py-1.5 text-emerald-800 text-sm">
          {notice}
        </p>
      )}
      {providers.error && <ErrorPanel error={providers.error} onRetry={providers.reload} />}
      <div className="min-h-0 flex-1 overflow-auto">
        <table className="w-full border-collapse text-sm" data-testid="provider-table">
          <thead className={headClass}>
            <tr>
              <th scope="col" className="px-2 py-1.5 text-left font-medium">
                Provider
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                Models
              </th>
              <th scope="col" className="px-2 py-1.5 text-left font-medium">
                Protocol
              </th>
              <th scope="col" className="px-2 py-1.5 text-left font-medium">
                Credential
              </th>
              <th scope="col" className="px-2 py-1.5 text-left font-medium">
                Environment variable
              </th>
              <th scope="col" className="w-[28rem] px-2 py-1.5 text-left font-medium">
                Store a key for this project
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((provider) => (
              <ProviderRow
                key={provider.provider}
                provider={provider}
                onChanged={(message) => {
                  setNotice(message);
                  providers.reload();
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ProviderRow({
  provider,
  onChanged,
}: {
  provider: ProviderStatus;
  onChanged: (message: string) => void;
}) {
  return (
    <tr data-provider={provider.provider} className="border-slate-100 border-b align-top">
      <td className="px-2 py-1.5">
        <div className="font-medium">{provider.name}</div>
        <code className="text-[11px] text-slate-400">{provider.provider}</code>
      </td>
      <td className="px-2 py-1.5 text-right text-slate-600">{provider.models}</td>
      <td className="whitespace-nowrap px-2 py-1.5 text-slate-600">
        {provider.protocol === 'none' ? (
          <span className="text-slate-400">not callable yet</span>
        ) : (
          provider.protocol
        )}
      </td>
      <td className="px-2 py-1.5">
        <CredentialBadge status={provider.credential} />
      </td>
      <td className="px-2 py-1.5">
        {provider.credentialEnv.length === 0 ? (
          <span className="text-slate-400">none needed</span>
        ) : (
          provider.credentialEnv.map((variable) => (
            <code key={variable} className="mr-1 rounded bg-slate-100 px-1 text-xs">
              {variable}
            </code>
          ))
        )}
      </td>
      <td className="px-2 py-1.5">
        {provider.credential !== 'not-needed' && provider.protocol !== 'none' && (
          <CredentialForm provider={provider} onChanged={onChanged} />
        )}
      </td>
    </tr>
  );
}

/** Write-only: the field is cleared after saving and the server never sends the key back. */
function CredentialForm({
  provider,
  onChanged,
}: {
  provider: ProviderStatus;
  onChanged: (message: string) => void;
}) {
  const client = useApiClient();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setKey('');
      onChanged(message);
    } catch (failure) {
      setError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="flex flex-wrap items-center gap-1.5"
      onSubmit={(event) => {
        event.preventDefault();
        run(() => storeCredential(client, provider.provider, key), `Stored a key for ${provider.name}.`);
      }}
    >
      <input
        type="password"
        autoComplete="off"
        aria-label={`API key for ${provider.name}`}
        placeholder={provider.credential === 'stored' ? 'Replace the stored key' : 'Paste an API key'}
        value={key}
        onChange={(event) => setKey(event.target.value)}
        className={`${inputClass} w-52`}
      />
      <button type="submit" disabled={busy || key.trim().length < 8} className={primaryButtonClass}>
        Store
      </button>
      {provider.credential === 'stored' && (
        <button
          type="button"
          disabled={busy}
          className={dangerButtonClass}
          onClick={() =>
            run(
              () => deleteCredential(client, provider.provider),
              `Deleted the stored key of ${provider.name}.`,
            )
          }
        >
          Delete stored key
        </button>
      )}
      {error && (
        <p role="alert" className="w-full text-red-700 text-xs">
          {error}
        </p>
      )}
    </form>
  );
}
