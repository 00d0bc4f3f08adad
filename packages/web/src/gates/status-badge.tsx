const styles: Record<string, string> = {
  passed: 'bg-emerald-100 text-emerald-800',
  promote: 'bg-emerald-100 text-emerald-800',
  promoted: 'bg-emerald-100 text-emerald-800',
  failed: 'bg-red-100 text-red-800',
  error: 'bg-amber-100 text-amber-800',
  rollback: 'bg-red-100 text-red-800',
  rolled_back: 'bg-red-100 text-red-800',
  override: 'bg-amber-100 text-amber-800',
  running: 'bg-indigo-100 text-indigo-800',
  continue: 'bg-slate-100 text-slate-700',
};

/** A small coloured word for a status, decision or kind. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs ${styles[status] ?? 'bg-slate-100 text-slate-700'}`}>
      {status.replace('_', ' ')}
    </span>
  );
}
