import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { chartPalette } from './chart-palette';
import type { AlignedSeries } from './metric-series';

export interface UplotChartProps {
  data: AlignedSeries;
  /** Formats a y value for the axis and the legend. */
  format: (value: number) => string;
  height?: number;
  /** Draw steps instead of lines: right for per-bucket sums (requests, tokens, cost), where a line between
   * two buckets would suggest values that never existed. */
  stepped?: boolean;
}

// Built once: uPlot path builders are stateless.
const steppedPaths = uPlot.paths.stepped?.({ align: 1 });

/**
 * A time-series line chart drawn by uPlot on a canvas. This module is loaded on demand, so uPlot stays out
 * of the console's initial bundle.
 */
export default function UplotChart({ data, format, height = 180, stepped = false }: UplotChartProps) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const single = data.series.length === 1;
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height,
      series: [
        {},
        ...data.series.map((series, index) => {
          const color = chartPalette[index % chartPalette.length]!;
          return {
            label: series.label,
            stroke: color,
            width: 1.5,
            fill: single ? `${color}1f` : undefined,
            points: { show: !stepped && data.times.length < 60, size: 4 },
            ...(stepped && steppedPaths ? { paths: steppedPaths } : {}),
            value: (_: uPlot, value: number | null) => (value === null ? '–' : format(value)),
          };
        }),
      ],
      axes: [
        { stroke: '#64748b', grid: { stroke: '#f1f5f9' }, ticks: { stroke: '#e2e8f0' } },
        {
          stroke: '#64748b',
          grid: { stroke: '#f1f5f9' },
          ticks: { stroke: '#e2e8f0' },
          size: 56,
          values: (_: uPlot, splits: number[]) => splits.map(format),
        },
      ],
      scales: { y: { range: (_: uPlot, _min: number, max: number) => [0, max > 0 ? max * 1.08 : 1] } },
      legend: { live: true },
    };
    const chart = new uPlot(options, [data.times, ...data.series.map((series) => series.values)], element);
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(200, element.clientWidth), height }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [data, format, height, stepped]);

  return <div ref={container} data-testid="uplot-chart" className="w-full" />;
}
