import { type ReactNode, useEffect } from 'react';
import { Link } from 'wouter';
import type { RegistryResource, VersionRecord } from '../api/registry-types';
import { ErrorPanel } from '../shell/error-panel';
import { isTyping, useListKeyboard } from '../shell/use-list-keyboard';
import { LabelChip } from '../ui/label-chip';
import { pageMemory, useEscapeTo } from '../ui/page-memory';
import { useParamUpdater } from '../ui/use-param-updater';
import { DiffView } from './diff-view';
import { LabelHistory } from './label-history';
import { LabelsPanel } from './labels-panel';
import type { RegistryEntry } from './use-registry-entry';
import { VersionList } from './version-list';

type Tab = 'version' | 'diff' | 'labels';
const tabs: { id: Tab; label: string; key: string }[] = [
  { id: 'version', label: 'Version', key: 'v' },
  { id: 'diff', label: 'Diff', key: 'd' },
  { id: 'labels', label: 'Labels & history', key: 'l' },
];

/**
 * A prompt's or release's page: version history on the left; on the right the selected version, a diff
 * between any two versions, or its labels with their audit log. Selection and tab live in the URL.
 */
export function RegistryDetail<V extends VersionRecord<unknown>>({
  resource,
  name,
  description,
  entry,
  renderVersion,
  actions,
}: {
  resource: RegistryResource;
  name: string;
  description: string | undefined;
  entry: RegistryEntry<V>;
  renderVersion: (version: V) => ReactNode;
  actions: (version: V) => ReactNode;
}) {
  const [params, update] = useParamUpdater();
  const back = pageMemory(resource, `/${resource}`).url;
  useEscapeTo(back);
  const requested = Number(params.get('version'));
  const selected = entry.versions.find((version) => version.version === requested) ?? entry.versions[0];
  const index = selected ? entry.versions.indexOf(selected) : -1;
  const tab: Tab = (['diff', 'labels'] as const).find((item) => item === params.get('tab')) ?? 'version';
  const select = (version: number) => update({ version: String(version), from: '', to: '' });

  useListKeyboard({
    count: entry.versions.length,
    selected: index,
    setSelected: (position) => {
      const version = entry.versions[position];
      if (version) select(version.version);
    },
    onOpen: () => update({ tab: '' }),
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.metaKey || event.ctrlKey || event.altKey) return;
      const match = tabs.find((item) => item.key === event.key);
      if (match) update({ tab: match.id === 'version' ? '' : match.id });
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [update]);

  if (entry.error) return <ErrorPanel error={entry.error} onRetry={entry.reload} />;
  if (entry.loading || !selected) return <p className="p-4 text-slate-500 text-sm">Loading…</p>;
  const previous = entry.versions[index + 1]?.version ?? selected.version;
  const from = Number(params.get('from')) || previous;
  const to = Number(params.get('to')) || selected.version;
  return (
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap items-center gap-2 border-slate-200 border-b bg-white px-4 pt-3 pb-2">
        <Link href={back} className="text-slate-500 text-sm hover:underline">
          ← {resource === 'prompts' ? 'Prompts' : 'Releases'}
        </Link>
        <h1 className="font-semibold text-lg" data-testid="registry-name">
          {name}
        </h1>
        {Object.entries(entry.labels)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([label, version]) => (
            <LabelChip key={label} label={label} version={version} />
          ))}
        {description && <span className="truncate text-slate-500 text-sm">{description}</span>}
        <div className="ml-auto flex items-center gap-2">{actions(selected)}</div>
      </div>
      <div className="flex min-h-0 flex-1">
        <aside className="w-80 shrink-0 overflow-auto border-slate-200 border-r bg-white">
          <VersionList versions={entry.versions} selected={selected.version} onSelect={select} />
        </aside>
        <div className="min-w-0 flex-1 overflow-auto bg-slate-50">
          <div role="tablist" className="flex gap-1 border-slate-200 border-b bg-white px-4 pt-2">
            {tabs.map((item) => (
              <button
                key={item.id}
                type="button"
                role="tab"
                aria-selected={tab === item.id}
                onClick={() => update({ tab: item.id === 'version' ? '' : item.id })}
                className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${
                  tab === item.id
                    ? 'border-indigo-600 font-medium text-indigo-700'
                    : 'border-transparent text-slate-600 hover:text-slate-900'
                }`}
              >
                {item.label} <kbd className="text-[10px] text-slate-400">{item.key}</kbd>
              </button>
            ))}
          </div>
          <div className="p-4" role="tabpanel">
            {tab === 'version' && renderVersion(selected)}
            {tab === 'diff' && (
              <DiffView
                resource={resource}
                name={name}
                versions={entry.versions.map((version) => version.version)}
                from={from}
                to={to}
                onChange={(nextFrom, nextTo) =>
                  update({ tab: 'diff', from: String(nextFrom), to: String(nextTo) })
                }
              />
            )}
            {tab === 'labels' && (
              <div className="space-y-4">
                <LabelsPanel
                  resource={resource}
                  name={name}
                  labels={entry.labels}
                  selectedVersion={selected.version}
                  onChanged={entry.reload}
                />
                <h2 className="font-semibold text-slate-500 text-xs uppercase tracking-wide">
                  Label history
                </h2>
                <LabelHistory events={entry.events} />
              </div>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
