import type { ReactNode } from 'react';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { toApiError } from '../api/api-error';
import type { ModelCard, ProviderStatus } from '../api/model-types';
import { getModel, listProviders, removeModel } from '../api/models-api';
import { useResource } from '../api/use-resource';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { buttonClass, dangerButtonClass, linkClass } from '../ui/controls';
import { pageMemory, useEscapeTo } from '../ui/page-memory';
import {
  CapabilityBadges,
  CredentialBadge,
  formatPrice,
  formatTokens,
  SourceBadge,
  WeightsText,
} from './model-format';

/** One model card: prices, limits, capabilities, licence and how Sextant reaches it. Esc goes back. */
export function ModelDetailPage({ id }: { id: string }) {
  const client = useApiClient();
  const [, navigate] = useLocation();
  const model = useResource(`model:${id}`, (signal) => getModel(client, id, signal));
  const providers = useResource('providers', (signal) => listProviders(client, signal));
  const back = pageMemory('models', '/models').url;
  useEscapeTo(back);
  const [removeError, setRemoveError] = useState<string | null>(null);

  if (model.status === 'error') return <ErrorPanel error={model.error} onRetry={model.reload} />;
  if (!model.data) return <p className="p-4 text-slate-500 text-sm">Loading model…</p>;
  const card = model.data;
  const provider = providers.data?.providers.find((item) => item.provider === card.provider);
  const remove = async () => {
    if (!window.confirm(`Remove ${card.id} from this project? Traces that used it are kept.`)) return;
    try {
      await removeModel(client, card.id);
      navigate('/models');
    } catch (error) {
      setRemoveError(toApiError(error).message);
    }
  };
  return (
    <div className="mx-auto max-w-4xl space-y-4 p-4" data-testid="model-detail">
      <div className="flex flex-wrap items-center gap-2">
        <Link href={back} className="text-slate-500 text-sm hover:underline">
          ← Models
        </Link>
        <h1 className="font-semibold text-xl">{card.name}</h1>
        <code className="text-slate-500 text-sm">{card.id}</code>
        <SourceBadge source={card.source} />
        <div className="ml-auto flex gap-2">
          <Link href={`/playground?models=${encodeURIComponent(card.id)}`} className={buttonClass}>
            Try in playground
          </Link>
          <Link href={`/models/compare?ids=${encodeURIComponent(card.id)}`} className={buttonClass}>
            Compare…
          </Link>
          <Link href={`/traces?model=${encodeURIComponent(card.upstreamId)}`} className={buttonClass}>
            Traces with this model
          </Link>
          {card.source !== 'catalog' && (
            <button type="button" onClick={remove} className={dangerButtonClass}>
              Remove
            </button>
          )}
        </div>
      </div>
      {removeError && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-red-800 text-sm">
          {removeError}
        </p>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Price per million tokens">
          <Facts
            rows={[
              ['Input', formatPrice(card.pricing.input)],
              ['Output', formatPrice(card.pricing.output)],
              ['Cache read', formatPrice(card.pricing.cacheRead)],
              ['Cache write', formatPrice(card.pricing.cacheWrite)],
            ]}
          />
        </Card>
        <Card title="Limits and abilities">
          <Facts
            rows={[
              ['Context window', `${formatTokens(card.contextWindow)} tokens`],
              [
                'Max output',
                card.maxOutputTokens === null ? '–' : `${formatTokens(card.maxOutputTokens)} tokens`,
              ],
              ['Input', card.modalities.input.join(', ') || '–'],
              ['Output', card.modalities.output.join(', ') || '–'],
              ['Capabilities', <CapabilityBadges key="capabilities" model={card} />],
            ]}
          />
        </Card>
        <Card title="Provenance">
          <Facts
            rows={[
              ['Provider', `${card.providerName} (${card.provider})`],
              ['Upstream id', <code key="upstream">{card.upstreamId}</code>],
              ['Weights', <WeightsText key="weights" model={card} />],
              ['Licence', card.license ?? '–'],
              ['Released', card.releaseDate ?? '–'],
              ['Knowledge cutoff', card.knowledgeCutoff ?? '–'],
            ]}
          />
        </Card>
        <Card title="Access">
          <AccessFacts card={card} provider={provider} />
        </Card>
      </div>
    </div>
  );
}

function AccessFacts({ card, provider }: { card: ModelCard; provider: ProviderStatus | undefined }) {
  const { access } = card;
  return (
    <Facts
      rows={[
        ['Protocol', access.protocol === 'none' ? 'not callable through the gateway yet' : access.protocol],
        ...(access.baseUrl ? [['Base URL', <code key="url">{access.baseUrl}</code>] as const] : []),
        ...(access.file
          ? [
              [
                'File',
                <code key="file" className="break-all">
                  {access.file}
                </code>,
              ] as const,
            ]
          : []),
        ...(access.sha256
          ? [
              [
                'sha256',
                <code key="sha" className="break-all text-xs">
                  {access.sha256}
                </code>,
              ] as const,
            ]
          : []),
        ...(access.threads ? [['Threads', String(access.threads)] as const] : []),
        [
          'Credential',
          provider ? (
            <span key="credential" className="inline-flex flex-wrap items-center gap-1">
              <CredentialBadge status={provider.credential} />
              {provider.credential === 'missing' && (
                <Link
                  href={`/models/providers?provider=${encodeURIComponent(card.provider)}`}
                  className={linkClass}
                >
                  set {access.credentialEnv[0] ?? 'a key'}
                </Link>
              )}
            </span>
          ) : (
            '–'
          ),
        ],
      ]}
    />
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded border border-slate-200 bg-white p-3">
      <h2 className="mb-2 font-semibold text-slate-500 text-xs uppercase tracking-wide">{title}</h2>
      {children}
    </section>
  );
}

/** Label–value rows of a card. */
export function Facts({ rows }: { rows: readonly (readonly [string, ReactNode])[] }) {
  return (
    <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="min-w-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
