import { Link } from 'wouter';
import { listPrompts } from '../api/registry-api';
import type { PromptSummary } from '../api/registry-types';
import { useResource } from '../api/use-resource';
import { RegistryList } from '../registry/registry-list';
import { useApiClient } from '../shell/auth-provider';
import { buttonClass } from '../ui/controls';

/** Develop › Prompts: every prompt with its newest version, labels and model. */
export function PromptsPage() {
  const client = useApiClient();
  const prompts = useResource('prompts', (signal) => listPrompts(client, signal));
  return (
    <RegistryList<PromptSummary>
      resource="prompts"
      title="Prompts"
      items={prompts.data?.prompts ?? null}
      error={prompts.error}
      onRetry={prompts.reload}
      columns={[
        { title: 'Type', render: (prompt) => prompt.type },
        { title: 'Latest', render: (prompt) => `v${prompt.latestVersion}` },
        { title: 'Model', render: (prompt) => <code className="text-xs">{prompt.model ?? '–'}</code> },
      ]}
      actions={
        <Link href="/playground" className={buttonClass}>
          Playground
        </Link>
      }
      empty={
        <div className="max-w-2xl space-y-2 p-6 text-slate-700 text-sm">
          <p className="font-medium">No prompts yet.</p>
          <p>
            Keep prompts as files in your repository (<code>prompts/NAME.prompt.md</code>) and push them:
          </p>
          <pre className="rounded bg-slate-900 px-3 py-2 text-slate-100 text-xs">
            npx sextant prompts check{'\n'}npx sextant prompts push --label staging
          </pre>
        </div>
      }
    />
  );
}
