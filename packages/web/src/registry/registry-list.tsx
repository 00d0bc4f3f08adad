import { type ReactNode, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { ApiError } from '../api/api-error';
import type { RegistryResource } from '../api/registry-types';
import { formatAgo } from '../format/format-values';
import { ErrorPanel } from '../shell/error-panel';
import { useListKeyboard } from '../shell/use-list-keyboard';
import { headClass } from '../ui/controls';
import { LabelChip } from '../ui/label-chip';
import { pageMemory, rememberPage } from '../ui/page-memory';

interface Item {
  name: string;
  labels: Record<string, number>;
  description: string;
  updatedAt: string;
}

export interface Column<T> {
  title: string;
  render: (item: T) => ReactNode;
}

/**
 * The list page of prompts or releases: name, `columns`, labels, description and last update, one row
 * each; `j`/`k` move, Enter opens.
 */
export function RegistryList<T extends Item>({
  resource,
  title,
  items,
  error,
  onRetry,
  columns,
  empty,
  actions,
}: {
  resource: RegistryResource;
  title: string;
  items: T[] | null;
  error: ApiError | null;
  onRetry: () => void;
  columns: Column<T>[];
  empty: ReactNode;
  actions?: ReactNode;
}) {
  const [, navigate] = useLocation();
  const rows = items ?? [];
  const [cursorName, setCursorName] = useState(() => pageMemory(resource, '').openedId);
  const cursor = Math.max(
    0,
    rows.findIndex((item) => item.name === cursorName),
  );
  const href = (name: string) => `/${resource}/${encodeURIComponent(name)}`;
  const open = (name: string) => {
    rememberPage(resource, `/${resource}`, name);
    navigate(href(name));
  };
  useListKeyboard({
    count: rows.length,
    selected: cursor,
    setSelected: (index) => setCursorName(rows[index]?.name ?? null),
    onOpen: (index) => {
      const item = rows[index];
      if (item) open(item.name);
    },
  });
  const headers = ['Name', ...columns.map((column) => column.title), 'Labels', 'Description', 'Updated'];
  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-slate-200 border-b bg-white px-4 pt-3 pb-2">
        <h1 className="font-semibold text-lg">{title}</h1>
        <span className="text-slate-500 text-sm">{items ? `${rows.length} ${resource}` : ''}</span>
        <div className="ml-auto">{actions}</div>
      </div>
      {error && <ErrorPanel error={error} onRetry={onRetry} />}
      <div className="min-h-0 flex-1 overflow-auto">
        {items && rows.length === 0 && empty}
        {rows.length > 0 && (
          <table className="w-full border-collapse text-sm" data-testid={`${resource}-table`}>
            <thead className={headClass}>
              <tr>
                {headers.map((header) => (
                  <th
                    key={header}
                    scope="col"
                    className="whitespace-nowrap px-2 py-1.5 text-left font-medium"
                  >
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((item, index) => (
                <tr
                  key={item.name}
                  aria-selected={index === cursor}
                  onClick={(event) => {
                    if (!(event.target as HTMLElement).closest('a')) open(item.name);
                  }}
                  className={`cursor-pointer border-slate-100 border-b ${
                    index === cursor
                      ? 'bg-indigo-50 outline outline-1 outline-indigo-300'
                      : 'hover:bg-slate-50'
                  }`}
                >
                  <td className="whitespace-nowrap px-2 py-1">
                    <Link href={href(item.name)} className="font-medium hover:underline">
                      {item.name}
                    </Link>
                  </td>
                  {columns.map((column) => (
                    <td key={column.title} className="whitespace-nowrap px-2 py-1 text-slate-600">
                      {column.render(item)}
                    </td>
                  ))}
                  <td className="px-2 py-1">
                    <span className="flex flex-wrap gap-1">
                      {Object.entries(item.labels).map(([label, version]) => (
                        <LabelChip key={label} label={label} version={version} />
                      ))}
                    </span>
                  </td>
                  <td className="w-full max-w-0 truncate px-2 py-1 text-slate-600">{item.description}</td>
                  <td className="whitespace-nowrap px-2 py-1 text-slate-500" title={item.updatedAt}>
                    {formatAgo(Date.parse(item.updatedAt))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
