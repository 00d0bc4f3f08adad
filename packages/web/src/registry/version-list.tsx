import type { VersionRecord } from '../api/registry-types';
import { formatAgo } from '../format/format-values';
import { LabelChip } from '../ui/label-chip';
import { describeActor } from './use-registry-entry';

/** Version history, newest first: number, labels, commit message, author and age. `j`/`k` move. */
export function VersionList({
  versions,
  selected,
  onSelect,
}: {
  versions: readonly VersionRecord<unknown>[];
  selected: number | null;
  onSelect: (version: number) => void;
}) {
  return (
    <ol aria-label="Versions" className="divide-y divide-slate-100" data-testid="version-list">
      {versions.map((version) => {
        const active = version.version === selected;
        return (
          <li key={version.version}>
            <button
              type="button"
              aria-current={active ? 'true' : undefined}
              data-version={version.version}
              onClick={() => onSelect(version.version)}
              className={`block w-full px-3 py-2 text-left text-sm ${
                active ? 'bg-indigo-50 outline outline-1 outline-indigo-300' : 'hover:bg-slate-50'
              }`}
            >
              <div className="flex flex-wrap items-center gap-1.5">
                <span className="font-semibold">v{version.version}</span>
                {version.labels.map((label) => (
                  <LabelChip key={label} label={label} />
                ))}
                <span className="ml-auto text-slate-400 text-xs" title={version.createdAt}>
                  {formatAgo(Date.parse(version.createdAt))}
                </span>
              </div>
              <div className="truncate text-slate-700">
                {version.commitMessage ?? <span className="text-slate-400">no commit message</span>}
              </div>
              <div className="truncate text-slate-400 text-xs">{describeActor(version.createdBy)}</div>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
