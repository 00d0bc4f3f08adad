import { lazy, Suspense } from 'react';
import type { UplotChartProps } from './uplot-chart';

// uPlot (about 50 kB) loads with the first chart, not with the console.
const UplotChart = lazy(() => import('./uplot-chart'));

/** A titled time-series chart card; the chart library loads on first use. */
export function TimeSeriesChart({
  title,
  note,
  ...chart
}: UplotChartProps & { title: string; note?: string }) {
  const height = chart.height ?? 180;
  const empty = chart.data.series.every((series) =>
    series.values.every((value) => value === null || value === 0),
  );
  return (
    <section
      className="rounded border border-slate-200 bg-white p-3"
      data-testid="metric-chart"
      aria-label={title}
    >
      <h2 className="mb-1 flex items-baseline gap-2 font-medium text-sm">
        {title}
        {note && <span className="font-normal text-slate-400 text-xs">{note}</span>}
        {empty && <span className="font-normal text-slate-400 text-xs">no data in this window</span>}
      </h2>
      <Suspense
        fallback={
          <div
            style={{ height: height + 30 }}
            className="animate-pulse rounded bg-slate-50"
            aria-busy="true"
          />
        }
      >
        <UplotChart {...chart} />
      </Suspense>
    </section>
  );
}
