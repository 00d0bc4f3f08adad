import { diffVersions } from '../api/registry-api';
import type { RegistryResource, VersionDiff } from '../api/registry-types';
import { useResource } from '../api/use-resource';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { selectClass } from '../ui/controls';

/** Two version pickers and the line diff between them, part by part, added lines green, removed red. */
export function DiffView({
  resource,
  name,
  versions,
  from,
  to,
  onChange,
}: {
  resource: RegistryResource;
  name: string;
  versions: readonly number[];
  from: number;
  to: number;
  onChange: (from: number, to: number) => void;
}) {
  const client = useApiClient();
  const diff = useResource(`diff:${resource}:${name}:${from}:${to}`, (signal) =>
    diffVersions(client, resource, name, String(from), String(to), signal),
  );
  const picker = (label: string, value: number, set: (version: number) => void) => (
    <label className="flex items-center gap-1 text-slate-600">
      {label}
      <select
        aria-label={`Diff ${label}`}
        value={value}
        onChange={(event) => set(Number(event.target.value))}
        className={selectClass}
      >
        {versions.map((version) => (
          <option key={version} value={version}>
            v{version}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="space-y-3" data-testid="diff-view">
      <div className="flex items-center gap-3 text-sm">
        {picker('from', from, (version) => onChange(version, to))}
        {picker('to', to, (version) => onChange(from, version))}
        <button type="button" onClick={() => onChange(to, from)} className="text-indigo-700 hover:underline">
          swap
        </button>
        {diff.data && !diff.data.changed && (
          <span className="text-slate-500">The two versions are identical.</span>
        )}
      </div>
      {diff.error && <ErrorPanel error={diff.error} onRetry={diff.reload} />}
      {diff.data?.sections.map((section) => (
        <DiffSection key={section.name} section={section} />
      ))}
    </div>
  );
}

const lineStyle = {
  added: 'bg-emerald-50 text-emerald-900',
  removed: 'bg-red-50 text-red-900',
  equal: 'text-slate-600',
} as const;
const marker = { added: '+', removed: '−', equal: ' ' } as const;

/** One part of the diff; unchanged parts start folded, so the changes stand out. */
function DiffSection({ section }: { section: VersionDiff['sections'][number] }) {
  return (
    <details
      open={section.changed}
      className="overflow-hidden rounded border border-slate-200 bg-white"
      data-section={section.name}
    >
      <summary className="flex cursor-pointer items-center gap-2 border-slate-200 border-b bg-slate-50 px-3 py-1 font-semibold text-slate-600 text-xs uppercase tracking-wide">
        {section.name}
        <span className={`font-normal normal-case ${section.changed ? 'text-amber-700' : 'text-slate-400'}`}>
          {section.changed ? 'changed' : 'unchanged'}
        </span>
      </summary>
      <table className="w-full border-collapse font-mono text-xs">
        <tbody>
          {section.lines.map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: diff lines have no identity beyond their position
            <tr key={index} data-diff={line.type} className={lineStyle[line.type]}>
              <td className="w-10 select-none px-2 text-right text-slate-400">{line.oldLine ?? ''}</td>
              <td className="w-10 select-none px-2 text-right text-slate-400">{line.newLine ?? ''}</td>
              <td className="w-4 select-none text-center">{marker[line.type]}</td>
              <td className="whitespace-pre-wrap break-all pr-3">{line.text || ' '}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
