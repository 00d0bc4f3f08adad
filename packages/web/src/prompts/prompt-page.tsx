import { Link } from 'wouter';
import type { PromptVersion } from '../api/registry-types';
import { RegistryDetail } from '../registry/registry-detail';
import { useRegistryEntry } from '../registry/use-registry-entry';
import { buttonClass } from '../ui/controls';
import { PromptVersionView } from './prompt-version-view';

/** Develop › Prompts › one prompt: versions, diff, labels and their history, and links to its traces. */
export function PromptPage({ name }: { name: string }) {
  const entry = useRegistryEntry<PromptVersion>('prompts', name);
  return (
    <RegistryDetail
      resource="prompts"
      name={name}
      description={entry.versions[0]?.definition.description}
      entry={entry}
      renderVersion={(version) => <PromptVersionView version={version} />}
      actions={(version) => (
        <>
          <Link
            href={`/traces?promptName=${encodeURIComponent(name)}&promptVersion=${version.version}`}
            className={buttonClass}
          >
            Traces made with v{version.version}
          </Link>
          <Link
            href={`/playground?prompt=${encodeURIComponent(name)}&version=${version.version}`}
            className={buttonClass}
          >
            Open v{version.version} in playground
          </Link>
        </>
      )}
    />
  );
}
