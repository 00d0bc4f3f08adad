import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import type { DriftBin } from '../api/drift-api';
import { chartPalette } from '../monitoring/chart-palette';

/**
 * Reference and current shares per bin (category or reference decile) as side-by-side bars, drawn by
 * uPlot like the monitoring charts. Loaded on demand with the report page.
 */
export default function DistributionChart({ bins, height = 200 }: { bins: DriftBin[]; height?: number }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element || bins.length === 0) return;
    const bars = uPlot.paths.bars;
    const series = (label: string, color: string, offset: number): uPlot.Series => ({
      label,
      stroke: color,
      fill: `${color}cc`,
      width: 0,
      points: { show: false },
      value: (_: uPlot, value: number | null) => (value === null ? '–' : `${(100 * value).toFixed(1)}%`),
      ...(bars ? { paths: bars({ size: [0.4, 60], align: offset as 1 | -1 }) } : {}),
    });
    const x = bins.map((_, index) => index);
    const chart = new uPlot(
      {
        width: Math.max(240, element.clientWidth),
        height,
        series: [
          {
            label: 'bin',
            value: (_: uPlot, value: number | null) => (value === null ? '–' : (bins[value]?.label ?? '–')),
          },
          series('reference', chartPalette[6]!, -1),
          series('current', chartPalette[1]!, 1),
        ],
        scales: {
          x: { time: false, range: [-0.6, bins.length - 0.4] },
          y: { range: (_u, _min, max) => [0, max * 1.1 || 1] },
        },
        axes: [
          {
            stroke: '#64748b',
            grid: { show: false },
            splits: () => x,
            values: (_: uPlot, splits: number[]) =>
              splits.map((split) => bins[split]?.label.slice(0, 14) ?? ''),
            rotate: bins.length > 6 ? -30 : 0,
            size: bins.length > 6 ? 60 : 30,
          },
          {
            stroke: '#64748b',
            grid: { stroke: '#f1f5f9' },
            size: 48,
            values: (_: uPlot, splits: number[]) => splits.map((split) => `${Math.round(100 * split)}%`),
          },
        ],
        legend: { live: true },
      },
      [x, bins.map((bin) => bin.referenceShare), bins.map((bin) => bin.currentShare)],
      element,
    );
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(240, element.clientWidth), height }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [bins, height]);
  return <div ref={container} data-testid="distribution-chart" className="w-full" />;
}
