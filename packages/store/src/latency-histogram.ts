/**
 * Log-scale latency bins: bin b holds durations in [e^(b/40), e^((b+1)/40)) microseconds, so a bin is
 * 2.5% wide and a percentile read from bins is within about 1.3% of the exact value. Adapters compute
 * the bin in SQL with `latencyBin.sql(expression)`.
 */
const binsPerE = 40;

/** Bin number -> requests in that bin. */
export type LatencyHistogram = Map<number, number>;

export const latencyBin = {
  sql: (durationUs: string) => `CAST(ln(max(${durationUs}, 1)) * ${binsPerE} AS INTEGER)`,
  of: (durationUs: number) => Math.floor(Math.log(Math.max(durationUs, 1)) * binsPerE),
};

/** Nearest-rank percentile (0 < q ≤ 1) in microseconds: the geometric middle of the bin reaching rank q·n. */
export function percentileFromHistogram(histogram: LatencyHistogram, q: number): number {
  const total = [...histogram.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return 0;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (const bin of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bin) ?? 0;
    if (seen >= rank) return Math.exp((bin + 0.5) / binsPerE);
  }
  return 0;
}
