import { listReleases } from '../api/registry-api';
import { useResource } from '../api/use-resource';
import { formatAgo } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { headClass } from '../ui/controls';
import { listLabelGates, listPromotions } from './gates-api';
import { StatusBadge } from './status-badge';

function ReleaseHistory({ name, labels }: { name: string; labels: Record<string, number> }) {
  const client = useApiClient();
  const history = useResource(`promotions:${name}`, async (signal) => {
    const [promotions, gates] = await Promise.all([
      listPromotions(client, name, signal),
      listLabelGates(client, name, signal),
    ]);
    return { promotions: promotions.promotions, gates: gates.gates };
  });
  const data = history.data;
  return (
    <div className="mb-4" data-testid={`label-history-${name}`}>
      <h3 className="font-semibold">
        {name}{' '}
        <span className="font-normal text-slate-500 text-xs">
          {Object.entries(labels)
            .map(([label, version]) => `${label}=v${version}`)
            .join(' · ')}
        </span>
      </h3>
      {data && data.gates.length > 0 && (
        <p className="text-slate-600 text-xs">
          {data.gates.map((gate) => `${gate.label} requires ${gate.suites.join(', ')}`).join('; ')}
        </p>
      )}
      {data && data.promotions.length === 0 ? (
        <p className="text-slate-500 text-xs">No gated label moves yet.</p>
      ) : (
        <table className="mt-1 w-full text-sm">
          <thead className={headClass}>
            <tr className="text-left">
              <th className="px-2 py-1">Label</th>
              <th className="px-2 py-1">Move</th>
              <th className="px-2 py-1">Kind</th>
              <th className="px-2 py-1">Reason / gate runs</th>
              <th className="px-2 py-1">By</th>
              <th className="px-2 py-1">When</th>
            </tr>
          </thead>
          <tbody>
            {(data?.promotions ?? []).map((entry) => (
              <tr key={entry.id} className="border-slate-100 border-b">
                <td className="px-2 py-1">{entry.label}</td>
                <td className="px-2 py-1 font-mono">
                  v{entry.fromVersion ?? '—'} → v{entry.toVersion ?? '—'}
                </td>
                <td className="px-2 py-1">
                  <StatusBadge status={entry.kind} />
                </td>
                <td className="px-2 py-1">{entry.reason ?? entry.gateRunIds.join(', ')}</td>
                <td className="px-2 py-1 text-slate-600">{entry.actor}</td>
                <td className="px-2 py-1 text-slate-500">{formatAgo(Date.parse(entry.createdAt))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Every release's gated label history: promotions through gates, overrides with reasons, rollbacks. */
export function LabelHistorySection() {
  const client = useApiClient();
  const releases = useResource('releases', (signal) => listReleases(client, signal));
  if (releases.status === 'error') return <p className="text-red-700 text-sm">{releases.error.message}</p>;
  const list = releases.data?.releases ?? [];
  if (releases.status === 'ok' && list.length === 0)
    return <p className="text-slate-500 text-sm">No releases yet.</p>;
  return (
    <div>
      {list.map((release) => (
        <ReleaseHistory key={release.name} name={release.name} labels={release.labels} />
      ))}
    </div>
  );
}
