import { listReleases } from '../api/registry-api';
import type { ReleaseSummary } from '../api/registry-types';
import { useResource } from '../api/use-resource';
import { RegistryList } from '../registry/registry-list';
import { useApiClient } from '../shell/auth-provider';

/** Develop & Deploy › Releases: every release with its newest version and its labels (environments). */
export function ReleasesPage() {
  const client = useApiClient();
  const releases = useResource('releases', (signal) => listReleases(client, signal));
  return (
    <RegistryList<ReleaseSummary>
      resource="releases"
      title="Releases"
      items={releases.data?.releases ?? null}
      error={releases.error}
      onRetry={releases.reload}
      columns={[
        { title: 'Latest', render: (release) => <code className="text-xs">{release.latestId}</code> },
      ]}
      empty={
        <div className="max-w-2xl space-y-2 p-6 text-slate-700 text-sm">
          <p className="font-medium">No releases yet.</p>
          <p>
            A release pins prompt versions, models, parameters, retriever settings and tools as one version:
          </p>
          <pre className="rounded bg-slate-900 px-3 py-2 text-slate-100 text-xs">
            npx sextant releases create support-bot --prompt support-answer@production \{'\n'}
            {'  '}--model generator=openai/gpt-4o-mini --retriever top_k=5 --label staging
          </pre>
        </div>
      }
    />
  );
}
