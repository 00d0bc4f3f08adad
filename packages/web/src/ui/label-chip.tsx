const labelStyle: Record<string, string> = {
  production: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  staging: 'bg-amber-50 text-amber-800 ring-amber-200',
  latest: 'bg-slate-100 text-slate-600 ring-slate-200',
};

/** A label (production, staging, latest, custom), optionally with the version it points at. */
export function LabelChip({ label, version }: { label: string; version?: number }) {
  return (
    <span
      data-testid="label-chip"
      className={`inline-flex items-center rounded px-1.5 text-xs ring-1 ring-inset ${
        labelStyle[label] ?? 'bg-sky-50 text-sky-800 ring-sky-200'
      }`}
    >
      {label}
      {version !== undefined && <span className="ml-1 opacity-70">v{version}</span>}
    </span>
  );
}
