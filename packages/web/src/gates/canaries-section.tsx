import { useState } from 'react';
import { toApiError } from '../api/api-error';
import { useResource } from '../api/use-resource';
import { formatAgo } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { buttonClass, dangerButtonClass } from '../ui/controls';
import {
  type Canary,
  type CanaryLook,
  evaluateCanaries,
  getCanary,
  listCanaries,
  stopCanary,
} from './gates-api';
import { IntervalChart } from './interval-chart';
import { StatusBadge } from './status-badge';

const mean = (value: number | null) => (value === null ? '—' : value.toFixed(3));

function Arms({ look, canary }: { look: CanaryLook | null; canary: Canary }) {
  const arm = (name: string, version: number, side: CanaryLook['baseline'] | undefined, share: number) => (
    <div className="rounded border border-slate-200 px-2 py-1">
      <div className="text-slate-500 text-xs">
        {name} v{version} · {Math.round(share * 100)}% of {canary.stickyBy}s
      </div>
      <div className="font-mono">
        {side?.count ?? 0} scored · mean {canary.score} {mean(side?.mean ?? null)}
      </div>
    </div>
  );
  return (
    <div className="flex gap-2 text-sm">
      {arm('baseline', canary.baselineVersion, look?.baseline, 1 - canary.share)}
      {arm('candidate', canary.candidateVersion, look?.candidate, canary.share)}
    </div>
  );
}

function CanaryDetail({ canary }: { canary: Canary }) {
  const client = useApiClient();
  const detail = useResource(`canary:${canary.id}:${canary.lastDecision?.evaluatedAt ?? ''}`, (signal) =>
    getCanary(client, canary.id, signal),
  );
  const looks = [...(detail.data?.decisions ?? [])].reverse().map((decision) => decision.evidence);
  return (
    <div className="mt-2">
      <IntervalChart looks={looks} margin={canary.margin} />
      <ul className="mt-1 space-y-0.5 text-xs">
        {(detail.data?.decisions ?? []).slice(0, 10).map((decision) => (
          <li key={decision.id}>
            <StatusBadge status={decision.decision} /> {decision.evidence.reason}{' '}
            <span className="text-slate-500">{formatAgo(Date.parse(decision.createdAt))}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Canaries with their arms, the running statistics of the sequential test, and every decision with its evidence. */
export function CanariesSection() {
  const client = useApiClient();
  const canaries = useResource('canaries', (signal) => listCanaries(client, signal));
  const [error, setError] = useState<string | null>(null);
  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      canaries.reload();
    } catch (failure) {
      setError(toApiError(failure).message);
    }
  };
  if (canaries.status === 'error') return <p className="text-red-700 text-sm">{canaries.error.message}</p>;
  const list = canaries.data?.canaries ?? [];
  return (
    <div data-testid="canaries">
      <div className="mb-2 flex items-center gap-2">
        <button type="button" className={buttonClass} onClick={() => act(() => evaluateCanaries(client))}>
          Evaluate now
        </button>
        <span className="text-slate-500 text-xs">The canary.evaluate job also looks every minute.</span>
        {error && <span className="text-red-700 text-xs">{error}</span>}
      </div>
      {canaries.status === 'ok' && list.length === 0 && (
        <p className="text-slate-500 text-sm">
          No canaries. Start one with POST /api/canaries (or `sextant canaries start`): a prompt or release
          label, a candidate version, a share and a score.
        </p>
      )}
      {list.map((canary) => (
        <article
          key={canary.id}
          className="mb-3 rounded border border-slate-200 p-3"
          data-testid={`canary-${canary.id}`}
        >
          <header className="mb-2 flex items-center gap-2">
            <StatusBadge status={canary.status} />
            <span className="font-medium">
              {canary.targetType}:{canary.name}@{canary.label}
            </span>
            <span className="text-slate-500 text-xs">
              v{canary.baselineVersion} vs v{canary.candidateVersion} · margin {canary.margin} · alpha{' '}
              {canary.alpha} · started {formatAgo(Date.parse(canary.createdAt))}
            </span>
            {canary.status === 'running' && (
              <button
                type="button"
                className={`${dangerButtonClass} ml-auto`}
                onClick={() => act(() => stopCanary(client, canary.id))}
              >
                Stop
              </button>
            )}
          </header>
          <Arms look={canary.lastDecision} canary={canary} />
          {canary.lastDecision && (
            <p className="mt-1 text-sm">
              <StatusBadge status={canary.lastDecision.decision} /> {canary.lastDecision.reason}
            </p>
          )}
          <CanaryDetail canary={canary} />
        </article>
      ))}
    </div>
  );
}
