import { useState } from 'react';
import { type DatasetItem, listItems } from '../api/datasets-api';
import { useResource } from '../api/use-resource';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { buttonClass, headClass } from '../ui/controls';
import { ItemEditor } from './item-editor';

const pageSize = 50;

/** A page of items of one version and split, with next/previous paging and inline editing (newest version only). */
export function DatasetItems({
  name,
  version,
  split,
  latest,
  onSaved,
}: {
  name: string;
  version: number;
  split: string | undefined;
  latest: boolean;
  onSaved: (version: number) => void;
}) {
  const client = useApiClient();
  // Cursors of the pages before this one; the API pages forward only.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const [editing, setEditing] = useState<string | null>(null);
  const page = useResource(`items:${name}:${version}:${split ?? ''}:${cursor ?? ''}`, (signal) =>
    listItems(client, name, { version, split, cursor, limit: pageSize }, signal),
  );
  if (page.status === 'error') return <ErrorPanel error={page.error} onRetry={page.reload} />;
  if (!page.data) return <p className="p-4 text-slate-500 text-sm">Loading items…</p>;
  const first = (cursors.length - 1) * pageSize + 1;
  const items = page.data.items;
  return (
    <div>
      <div className="flex items-center gap-2 px-3 py-1.5 text-slate-600 text-sm">
        <span data-testid="items-range">
          {items.length === 0 ? 'No items' : `Items ${first}–${first + items.length - 1}`}
          {split ? ` in split ${split}` : ''} of v{version}
        </span>
        {!latest && <span className="text-slate-500">(an old version: open the newest to edit)</span>}
        <span className="ml-auto flex gap-1">
          <button
            type="button"
            className={buttonClass}
            disabled={cursors.length === 1}
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            ← Previous
          </button>
          <button
            type="button"
            className={buttonClass}
            disabled={!page.data.nextCursor}
            onClick={() => setCursors([...cursors, page.data?.nextCursor ?? undefined])}
          >
            Next →
          </button>
        </span>
      </div>
      <table className="w-full table-fixed border-collapse text-sm" data-testid="dataset-items">
        <thead className={headClass}>
          <tr>
            <th scope="col" className="w-40 px-2 py-1.5 text-left font-medium">
              Id
            </th>
            <th scope="col" className="px-2 py-1.5 text-left font-medium">
              Input
            </th>
            <th scope="col" className="px-2 py-1.5 text-left font-medium">
              Expected output
            </th>
            <th scope="col" className="w-24 px-2 py-1.5 text-left font-medium">
              Split
            </th>
            <th scope="col" className="w-48 px-2 py-1.5 text-left font-medium">
              Metadata
            </th>
            <th scope="col" className="w-16 px-2 py-1.5" />
          </tr>
        </thead>
        <tbody>
          {items.map((item) =>
            editing === item.id ? (
              <tr key={item.id} className="border-slate-100 border-b bg-indigo-50/40">
                <td colSpan={6} className="p-2">
                  <ItemEditor
                    name={name}
                    item={item}
                    onCancel={() => setEditing(null)}
                    onSaved={(saved) => {
                      setEditing(null);
                      onSaved(saved);
                    }}
                  />
                </td>
              </tr>
            ) : (
              <ItemRow key={item.id} item={item} canEdit={latest} onEdit={() => setEditing(item.id)} />
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

function ItemRow({ item, canEdit, onEdit }: { item: DatasetItem; canEdit: boolean; onEdit: () => void }) {
  const metadata = Object.keys(item.metadata).length > 0 ? preview(item.metadata) : '';
  return (
    <tr className="border-slate-100 border-b align-top hover:bg-slate-50" data-item-id={item.id}>
      <td className="truncate px-2 py-1 font-mono text-xs" title={item.id}>
        {item.id}
      </td>
      <td className="px-2 py-1">
        <Preview value={item.input} />
      </td>
      <td className="px-2 py-1">
        <Preview value={item.expectedOutput} />
      </td>
      <td className="truncate px-2 py-1 text-slate-600">{item.split ?? '–'}</td>
      <td className="truncate px-2 py-1 font-mono text-slate-500 text-xs" title={metadata}>
        {metadata}
      </td>
      <td className="px-2 py-1 text-right">
        {canEdit && (
          <button type="button" className={buttonClass} onClick={onEdit} aria-label={`Edit ${item.id}`}>
            Edit
          </button>
        )}
      </td>
    </tr>
  );
}

function Preview({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-slate-400">–</span>;
  const text = preview(value);
  return (
    <span
      className="line-clamp-3 whitespace-pre-wrap break-words"
      title={text.length > 300 ? text.slice(0, 2000) : undefined}
    >
      {text}
    </span>
  );
}

function preview(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
