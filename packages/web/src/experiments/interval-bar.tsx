/**
 * An estimate with its 95% interval on a fixed axis: a bar from lower to upper and a tick at the
 * estimate. `zero` draws a reference line (for differences, where crossing it means "no evidence").
 */
export function IntervalBar({
  estimate,
  lower,
  upper,
  min = 0,
  max = 1,
  zero,
  label,
}: {
  estimate: number;
  lower: number;
  upper: number;
  min?: number;
  max?: number;
  zero?: number;
  label: string;
}) {
  const width = 160;
  const x = (value: number) => ((Math.min(max, Math.max(min, value)) - min) / (max - min || 1)) * width;
  const crossesZero = zero !== undefined && lower <= zero && upper >= zero;
  const color = zero === undefined || crossesZero ? '#64748b' : estimate > zero ? '#059669' : '#dc2626';
  return (
    <svg width={width} height={14} role="img" aria-label={label} className="inline-block align-middle">
      <title>{label}</title>
      <line x1={0} x2={width} y1={7} y2={7} stroke="#e2e8f0" strokeWidth={2} />
      {zero !== undefined && (
        <line x1={x(zero)} x2={x(zero)} y1={0} y2={14} stroke="#94a3b8" strokeDasharray="2 2" />
      )}
      <rect
        x={x(lower)}
        width={Math.max(2, x(upper) - x(lower))}
        y={4}
        height={6}
        rx={2}
        fill={color}
        opacity={0.35}
      />
      <line x1={x(estimate)} x2={x(estimate)} y1={1} y2={13} stroke={color} strokeWidth={2} />
    </svg>
  );
}
