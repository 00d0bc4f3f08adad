import { Link } from 'wouter';
import { getReleaseLineage } from '../api/governance-api';
import { useResource } from '../api/use-resource';
import { formatAgo } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { linkClass } from '../ui/controls';

const statusStyle: Record<string, string> = {
  passed: 'bg-emerald-100 text-emerald-800',
  completed: 'bg-emerald-100 text-emerald-800',
  failed: 'bg-red-100 text-red-800',
  error: 'bg-red-100 text-red-800',
};

/** What approved a release version: the experiments that ran it, its gate runs and label promotions. */
export function ReleaseApprovals({ name, version }: { name: string; version: number }) {
  const client = useApiClient();
  const lineage = useResource(`release-lineage:${name}@${version}`, (signal) =>
    getReleaseLineage(client, name, version, signal),
  );
  const data = lineage.data;
  if (!data) return null;
  const badge = (status: string) => (
    <span className={`rounded px-1.5 py-0.5 text-xs ${statusStyle[status] ?? 'bg-slate-100 text-slate-700'}`}>
      {status}
    </span>
  );
  return (
    <section className="mt-4 grid gap-4 text-sm md:grid-cols-2" data-testid="release-approvals">
      <div>
        <h3 className="mb-1 font-semibold">Experiments on v{version}</h3>
        {data.experiments.length === 0 ? (
          <p className="text-slate-500">No experiment ran this version.</p>
        ) : (
          <ul className="space-y-1">
            {data.experiments.map((experiment) => (
              <li key={experiment.id} className="flex items-center gap-2">
                {badge(experiment.status)}
                <Link href={`/experiments/${encodeURIComponent(experiment.id)}`} className={linkClass}>
                  {experiment.name}
                </Link>
                <span className="text-slate-500">
                  on {experiment.datasetName} · {formatAgo(Date.parse(experiment.createdAt))}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="mb-1 font-semibold">Gate runs</h3>
        {data.gateRuns.length === 0 ? (
          <p className="text-slate-500">No gate checked this version.</p>
        ) : (
          <ul className="space-y-1">
            {data.gateRuns.map((run) => (
              <li key={run.id} className="flex items-center gap-2">
                {badge(run.status)}
                <span>suite {run.suite}</span>
                {run.experimentId && (
                  <Link href={`/experiments/${encodeURIComponent(run.experimentId)}`} className={linkClass}>
                    its experiment
                  </Link>
                )}
                <span className="text-slate-500">{formatAgo(Date.parse(run.createdAt))}</span>
              </li>
            ))}
          </ul>
        )}
        {data.promotions.length > 0 && (
          <>
            <h3 className="mt-3 mb-1 font-semibold">Label moves</h3>
            <ul className="space-y-1">
              {data.promotions.map((promotion) => (
                <li key={`${promotion.label}:${promotion.createdAt}`} className="text-slate-700">
                  {promotion.label}: v{promotion.fromVersion ?? '–'} → v{promotion.toVersion ?? '–'} (
                  {promotion.kind}) by {promotion.actor}, {formatAgo(Date.parse(promotion.createdAt))}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
