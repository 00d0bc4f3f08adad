import { Link } from 'wouter';
import { getTraceLineage } from '../api/governance-api';
import { useResource } from '../api/use-resource';
import { useApiClient } from '../shell/auth-provider';
import { promptHref, releaseHref } from './registry-links';

const chip = 'rounded border px-1.5 py-0.5 text-xs';

/** Lineage of a trace: the release, prompt versions and models it ran with, each linking to its page. */
export function LineagePanel({ traceId }: { traceId: string }) {
  const client = useApiClient();
  const lineage = useResource(`lineage:${traceId}`, (signal) => getTraceLineage(client, traceId, signal));
  const data = lineage.data;
  if (!data || data.releases.length + data.prompts.length + data.models.length === 0) return null;
  const unknown = 'border-slate-200 text-slate-500';
  return (
    <div className="mt-1 flex flex-wrap items-center gap-1.5 text-sm" data-testid="trace-lineage">
      <span className="text-slate-400">lineage</span>
      {data.releases.map((release) => (
        <Link
          key={release.releaseId}
          href={releaseHref(release.releaseId)}
          className={`${chip} ${release.known ? 'border-indigo-200 text-indigo-700 hover:bg-indigo-50' : unknown}`}
          title={
            release.known ? `labels: ${release.labels.join(', ') || 'none'}` : 'not in the release registry'
          }
        >
          release {release.releaseId}
          {release.labels.length > 0 && ` · ${release.labels.join(', ')}`}
        </Link>
      ))}
      {data.prompts.map((prompt) => (
        <Link
          key={`${prompt.name}@${prompt.version}`}
          href={promptHref(prompt.name, prompt.version === null ? null : String(prompt.version))}
          className={`${chip} ${prompt.known ? 'border-violet-200 text-violet-700 hover:bg-violet-50' : unknown}`}
          title={prompt.known ? undefined : 'this version is not in the prompt registry'}
        >
          prompt {prompt.name}
          {prompt.version !== null && ` v${prompt.version}`}
        </Link>
      ))}
      {data.models.map((model) => {
        const id =
          model.known && model.provider && !model.id.includes('/')
            ? `${model.provider}/${model.id}`
            : model.id;
        return model.known ? (
          <Link
            key={model.id}
            href={`/models/${encodeURIComponent(id)}`}
            className={`${chip} border-emerald-200 text-emerald-700 hover:bg-emerald-50`}
          >
            model {model.id}
          </Link>
        ) : (
          <span key={model.id} className={`${chip} ${unknown}`} title="not in the model catalog">
            model {model.id}
          </span>
        );
      })}
    </div>
  );
}
