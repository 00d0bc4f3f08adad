import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import type { Bakeoff, BakeoffContender } from '../api/bakeoffs-api';
import { formatCost } from '../format/format-values';

const height = 280;
const indigo = '#4f46e5';
const emerald = '#059669';

/**
 * Quality (y, with its 95% interval as a bar) against cost per run (x) for each model of a bake-off; the
 * Pareto front is joined by a line: models below it cost more for less. Loaded on demand with uPlot.
 * Unpriced models have no x and are listed under the chart instead.
 */
export default function BakeoffChart({ bakeoff }: { bakeoff: Bakeoff }) {
  const container = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState<BakeoffContender | null>(null);
  const plotted = bakeoff.contenders
    .filter((contender) => contender.costPerRun !== null && contender.quality !== null)
    .sort((a, b) => (a.costPerRun ?? 0) - (b.costPerRun ?? 0));
  const unplotted = bakeoff.contenders.filter((contender) => !plotted.includes(contender));

  // biome-ignore lint/correctness/useExhaustiveDependencies: the bake-off id names the data
  useEffect(() => {
    const element = container.current;
    if (!element || plotted.length === 0) return;
    const costs = plotted.map((contender) => contender.costPerRun ?? 0);
    const maxCost = Math.max(...costs);
    let nearest: BakeoffContender | null = null;
    const chart = new uPlot(
      {
        width: Math.max(300, element.clientWidth),
        height,
        padding: [16, 24, 0, 0],
        scales: {
          x: { time: false, range: () => [0, maxCost > 0 ? maxCost * 1.15 : 1] },
          y: { range: () => [0, 1.05] },
        },
        axes: [
          {
            stroke: '#64748b',
            grid: { stroke: '#f1f5f9' },
            label: 'cost per run (US$)',
            values: (_, splits) => splits.map((value) => formatCost(value)),
          },
          {
            stroke: '#64748b',
            grid: { stroke: '#f1f5f9' },
            size: 50,
            label: bakeoff.qualityMetric,
            values: (_, splits) => splits.map((value) => value.toFixed(2)),
          },
        ],
        series: [
          {},
          {
            stroke: indigo,
            paths: () => null,
            points: { show: true, size: 8, width: 1, fill: `${indigo}88` },
          },
        ],
        legend: { show: false },
        cursor: { points: { show: false }, drag: { x: false, y: false } },
        hooks: {
          draw: [(plot) => drawOverlay(plot, plotted)],
          setCursor: [
            (plot) => {
              const { left, top } = plot.cursor;
              nearest = null;
              if (left === undefined || top === undefined || left < 0) return setHovered(null);
              let best = 14 * 14;
              for (const contender of plotted) {
                const dx = plot.valToPos(contender.costPerRun ?? 0, 'x') - left;
                const dy = plot.valToPos(contender.quality?.estimate ?? 0, 'y') - top;
                if (dx * dx + dy * dy < best) {
                  best = dx * dx + dy * dy;
                  nearest = contender;
                }
              }
              setHovered(nearest);
            },
          ],
        },
      },
      [costs, plotted.map((contender) => contender.quality?.estimate ?? 0)],
      element,
    );
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(300, element.clientWidth), height }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [bakeoff.id]);

  return (
    <div className="border-slate-200 border-b bg-white px-4 py-2" data-testid="bakeoff-chart">
      <div className="flex items-center gap-3 text-slate-500 text-xs">
        <span>
          {bakeoff.qualityMetric} (y, bars: 95% interval) against cost per run (x); green line: Pareto front
        </span>
        <span className="ml-auto font-medium text-slate-800" data-testid="chart-hover">
          {hovered
            ? `${hovered.model} · ${hovered.quality?.estimate.toFixed(3)} [${hovered.quality?.lower.toFixed(3)}, ${hovered.quality?.upper.toFixed(3)}] · ${formatCost(hovered.costPerRun)} per run`
            : 'Hover a point to name it.'}
        </span>
      </div>
      <div ref={container} data-testid="uplot-chart" className="w-full cursor-crosshair" />
      {unplotted.length > 0 && (
        <p className="text-slate-500 text-xs">
          Not on the chart (no price or no score): {unplotted.map((contender) => contender.model).join(', ')}
        </p>
      )}
    </div>
  );
}

/** Interval bars, model names, and the front as a line, drawn on uPlot's canvas in device pixels. */
function drawOverlay(plot: uPlot, contenders: readonly BakeoffContender[]) {
  const context = plot.ctx;
  const ratio = window.devicePixelRatio || 1;
  const x = (contender: BakeoffContender) => plot.valToPos(contender.costPerRun ?? 0, 'x', true);
  const y = (value: number) => plot.valToPos(value, 'y', true);
  context.save();
  context.lineWidth = 1.5 * ratio;
  context.strokeStyle = `${indigo}99`;
  for (const contender of contenders) {
    const quality = contender.quality;
    if (!quality) continue;
    const left = x(contender);
    context.beginPath();
    context.moveTo(left, y(quality.lower));
    context.lineTo(left, y(quality.upper));
    for (const end of [quality.lower, quality.upper]) {
      context.moveTo(left - 4 * ratio, y(end));
      context.lineTo(left + 4 * ratio, y(end));
    }
    context.stroke();
  }
  const front = contenders.filter((contender) => contender.onFront);
  if (front.length > 1) {
    context.strokeStyle = emerald;
    context.setLineDash([5 * ratio, 4 * ratio]);
    context.beginPath();
    front.forEach((contender, index) => {
      const point = [x(contender), y(contender.quality?.estimate ?? 0)] as const;
      if (index === 0) context.moveTo(...point);
      else context.lineTo(...point);
    });
    context.stroke();
    context.setLineDash([]);
  }
  context.fillStyle = '#334155';
  context.font = `${11 * ratio}px system-ui, sans-serif`;
  for (const contender of contenders) {
    context.fillStyle = contender.onFront ? emerald : '#334155';
    context.fillText(
      contender.model,
      x(contender) + 7 * ratio,
      y(contender.quality?.estimate ?? 0) - 6 * ratio,
    );
  }
  context.restore();
}
