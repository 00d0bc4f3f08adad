import { Link } from 'wouter';
import type { ReleaseVersion } from '../api/registry-types';
import { RegistryDetail } from '../registry/registry-detail';
import { useRegistryEntry } from '../registry/use-registry-entry';
import { buttonClass } from '../ui/controls';
import { ReleaseApprovals } from './release-approvals';
import { ReleaseBundleView } from './release-bundle-view';

/** Develop/Deploy › Releases › one release: its versions and bundles, diff, labels, and its traces. */
export function ReleasePage({ name }: { name: string }) {
  const entry = useRegistryEntry<ReleaseVersion>('releases', name);
  return (
    <RegistryDetail
      resource="releases"
      name={name}
      description={entry.versions[0]?.definition.description}
      entry={entry}
      renderVersion={(release) => (
        <>
          <ReleaseBundleView release={release} />
          <ReleaseApprovals name={name} version={release.version} />
        </>
      )}
      actions={(release) => (
        <Link href={`/traces?releaseId=${encodeURIComponent(release.id)}`} className={buttonClass}>
          Traces of {release.id}
        </Link>
      )}
    />
  );
}
