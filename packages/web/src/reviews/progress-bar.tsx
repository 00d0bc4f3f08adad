/** A thin bar of done out of total, with the numbers beside it for people who read rather than look. */
export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  return (
    <div className="flex items-center gap-2 text-xs" title={label}>
      <div
        className="h-2 flex-1 overflow-hidden rounded bg-slate-200"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
      >
        <div className="h-full bg-indigo-500" style={{ width: `${share * 100}%` }} />
      </div>
      <span className="whitespace-nowrap text-slate-600 tabular-nums">
        {done} / {total}
      </span>
    </div>
  );
}
