export interface SortState<F extends string> {
  field: F;
  order: 'asc' | 'desc';
}

/** A column header that sorts by `field`; clicking the active one flips its order. */
export function SortHeader<F extends string>({
  field,
  label,
  sort,
  onSort,
  align = 'left',
  firstOrder = 'asc',
}: {
  field: F;
  label: string;
  sort: SortState<F>;
  onSort: (sort: SortState<F>) => void;
  align?: 'left' | 'right';
  /** The order a first click sorts by: ascending for names and prices, descending for sizes and dates. */
  firstOrder?: 'asc' | 'desc';
}) {
  const active = sort.field === field;
  const next: SortState<F> = active
    ? { field, order: sort.order === 'asc' ? 'desc' : 'asc' }
    : { field, order: firstOrder };
  return (
    <th
      scope="col"
      aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'}
      className={`whitespace-nowrap px-2 py-1.5 font-medium ${align === 'right' ? 'text-right' : 'text-left'}`}
    >
      <button
        type="button"
        onClick={() => onSort(next)}
        className={`inline-flex items-center gap-1 hover:text-slate-900 ${active ? 'text-slate-900' : ''}`}
      >
        {label}
        <span aria-hidden className="w-2 text-[10px]">
          {active ? (sort.order === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}
