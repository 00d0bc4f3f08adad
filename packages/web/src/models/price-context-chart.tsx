import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import type { ModelCard } from '../api/model-types';
import { formatPrice, formatTokens } from './model-format';

const height = 240;

/** Powers of ten from below `min` to above `max`: the only grid lines of a log axis worth reading. */
function decades(min: number, max: number): number[] {
  const splits: number[] = [];
  for (let exponent = Math.floor(Math.log10(min)); exponent <= Math.ceil(Math.log10(max)); exponent++)
    splits.push(10 ** exponent);
  return splits;
}

/**
 * Input price against context window for the models shown, both on log scales; hovering a point names the
 * model, clicking opens it. Loaded on demand with uPlot. Models with no price, a price of 0 or no known
 * context window cannot sit on a log scale and are left out (and counted).
 */
export default function PriceContextChart({
  models,
  onOpen,
}: {
  models: readonly ModelCard[];
  onOpen: (id: string) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState<ModelCard | null>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const plotted = models
    .filter((model) => (model.contextWindow ?? 0) > 0 && (model.pricing.input ?? 0) > 0)
    .sort((a, b) => (a.contextWindow ?? 0) - (b.contextWindow ?? 0));
  const key = plotted.map((model) => model.id).join(',');

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names the plotted models
  useEffect(() => {
    const element = container.current;
    if (!element || plotted.length === 0) return;
    let nearest: ModelCard | null = null;
    const color = '#4f46e5'; // the console's indigo
    const chart = new uPlot(
      {
        width: Math.max(300, element.clientWidth),
        height,
        scales: { x: { time: false, distr: 3 }, y: { distr: 3 } },
        axes: [
          {
            stroke: '#64748b',
            grid: { stroke: '#f1f5f9' },
            splits: (_, _axis, min, max) => decades(min, max),
            values: (_, splits) => splits.map(formatTokens),
          },
          {
            stroke: '#64748b',
            grid: { stroke: '#f1f5f9' },
            size: 60,
            splits: (_, _axis, min, max) => decades(min, max),
            values: (_, splits) => splits.map((value) => formatPrice(value)),
          },
        ],
        series: [
          {},
          { stroke: color, paths: () => null, points: { show: true, size: 6, width: 1, fill: `${color}55` } },
        ],
        legend: { show: false },
        cursor: { points: { show: false }, drag: { x: false, y: false } },
        hooks: {
          setCursor: [
            (plot) => {
              const { left, top } = plot.cursor;
              nearest = null;
              if (left === undefined || top === undefined || left < 0) return setHovered(null);
              let best = 12 * 12; // within 12 pixels
              for (const model of plotted) {
                const dx = plot.valToPos(model.contextWindow ?? 0, 'x') - left;
                const dy = plot.valToPos(model.pricing.input ?? 0, 'y') - top;
                if (dx * dx + dy * dy < best) {
                  best = dx * dx + dy * dy;
                  nearest = model;
                }
              }
              setHovered(nearest);
            },
          ],
        },
      },
      [plotted.map((model) => model.contextWindow ?? 0), plotted.map((model) => model.pricing.input ?? 0)],
      element,
    );
    const click = () => nearest && openRef.current(nearest.id);
    chart.over.addEventListener('click', click);
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(300, element.clientWidth), height }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.over.removeEventListener('click', click);
      chart.destroy();
    };
  }, [key]);

  return (
    <div className="border-slate-200 border-b bg-white px-4 py-2" data-testid="price-context-chart">
      <div className="flex items-center gap-3 text-slate-500 text-xs">
        <span>
          Input price per million tokens (y) against context window (x), log scales · {plotted.length} models
          {models.length > plotted.length
            ? ` (${models.length - plotted.length} without a price or context left out)`
            : ''}
        </span>
        <span className="ml-auto font-medium text-slate-800" data-testid="chart-hover">
          {hovered
            ? `${hovered.name} (${hovered.id}) · ${formatPrice(hovered.pricing.input)} in · ${formatTokens(hovered.contextWindow)} context`
            : 'Hover a point to name it; click to open it.'}
        </span>
      </div>
      <div ref={container} data-testid="uplot-chart" className="w-full cursor-crosshair" />
    </div>
  );
}
