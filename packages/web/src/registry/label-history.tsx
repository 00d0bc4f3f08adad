import type { LabelEvent } from '../api/registry-types';
import { formatAgo } from '../format/format-values';
import { headClass } from '../ui/controls';
import { LabelChip } from '../ui/label-chip';
import { describeActor } from './use-registry-entry';

const version = (value: number | null) => (value === null ? '∅' : `v${value}`);

/** The label audit log, newest first: when, which label, from which version to which, and who. */
export function LabelHistory({ events }: { events: readonly LabelEvent[] }) {
  if (events.length === 0) return <p className="text-slate-500 text-sm">No label has been set yet.</p>;
  return (
    <table className="w-full border-collapse bg-white text-sm" data-testid="label-history">
      <thead className={headClass}>
        <tr>
          <th scope="col" className="px-2 py-1.5 text-left font-medium">
            When
          </th>
          <th scope="col" className="px-2 py-1.5 text-left font-medium">
            Label
          </th>
          <th scope="col" className="px-2 py-1.5 text-left font-medium">
            Move
          </th>
          <th scope="col" className="px-2 py-1.5 text-left font-medium">
            Who
          </th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id} className="border-slate-100 border-b">
            <td className="whitespace-nowrap px-2 py-1 text-slate-600" title={event.createdAt}>
              {new Date(event.createdAt).toLocaleString()} · {formatAgo(Date.parse(event.createdAt))}
            </td>
            <td className="px-2 py-1">
              <LabelChip label={event.label} />
            </td>
            <td className="whitespace-nowrap px-2 py-1" data-testid="label-move">
              {event.toVersion === null
                ? `removed from ${version(event.fromVersion)}`
                : event.fromVersion === null
                  ? `set to ${version(event.toVersion)}`
                  : `${version(event.fromVersion)} → ${version(event.toVersion)}`}
            </td>
            <td className="px-2 py-1 text-slate-600">{describeActor(event.actor)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
