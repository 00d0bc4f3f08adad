import type { CanaryLook } from './gates-api';

/**
 * The canary's always-valid interval for candidate minus baseline at each look (oldest left): promote once the
 * band clears -margin, roll back once it falls below 0. Looks before both arms had enough scores are skipped.
 */
export function IntervalChart({ looks, margin }: { looks: readonly CanaryLook[]; margin: number }) {
  const points = looks.filter(
    (look) => look.interval.lower !== null && look.interval.upper !== null && look.interval.estimate !== null,
  );
  if (points.length === 0)
    return <p className="text-slate-500 text-xs">No look has enough scores per arm yet.</p>;
  const width = 420;
  const height = 140;
  const values = points
    .flatMap((look) => [look.interval.lower ?? 0, look.interval.upper ?? 0])
    .concat([0, -margin]);
  const top = Math.max(...values);
  const bottom = Math.min(...values);
  const span = top - bottom || 1;
  const y = (value: number) => 8 + ((top - value) / span) * (height - 16);
  const x = (index: number) =>
    30 + (points.length === 1 ? (width - 40) / 2 : (index / (points.length - 1)) * (width - 40));
  const line = (value: number, color: string, label: string) => (
    <g>
      <line x1={30} x2={width - 10} y1={y(value)} y2={y(value)} stroke={color} strokeDasharray="4 3" />
      <text x={0} y={y(value) + 3} fontSize={9} fill={color}>
        {label}
      </text>
    </g>
  );
  return (
    <svg width={width} height={height} role="img" aria-label="Confidence sequence of the difference per look">
      {line(0, '#dc2626', '0')}
      {line(-margin, '#059669', `-${margin}`)}
      {points.map((look, index) => (
        <g key={look.evaluatedAt}>
          <line
            x1={x(index)}
            x2={x(index)}
            y1={y(look.interval.upper ?? 0)}
            y2={y(look.interval.lower ?? 0)}
            stroke="#4f46e5"
            strokeWidth={3}
          />
          <circle cx={x(index)} cy={y(look.interval.estimate ?? 0)} r={2.5} fill="#1e1b4b" />
        </g>
      ))}
    </svg>
  );
}
