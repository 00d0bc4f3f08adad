// Display formats for the numbers the console shows; every function accepts null and renders a dash.

const dash = '–';

/** 850 ms, 1.24 s, 2m 05s. */
export function formatDuration(milliseconds: number | null | undefined): string {
  if (milliseconds === null || milliseconds === undefined || !Number.isFinite(milliseconds)) return dash;
  if (milliseconds === 0) return '0 ms';
  if (milliseconds < 1) return `${Math.round(milliseconds * 1000)} µs`;
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(milliseconds < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(milliseconds / 60_000);
  const seconds = Math.round((milliseconds % 60_000) / 1000);
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** A bucket width in words: "1 minute", "15 minutes", "6 hours", "1 day". */
export function formatBucket(seconds: number): string {
  const units: [number, string][] = [
    [86_400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  for (const [size, unit] of units) {
    if (seconds % size === 0) {
      const count = seconds / size;
      return `${count} ${unit}${count === 1 ? '' : 's'}`;
    }
  }
  return `${seconds} seconds`;
}

/** 950, 12.3k, 4.1M. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return dash;
  const size = Math.abs(value);
  if (size < 1000) return String(Math.round(value * 100) / 100);
  if (size < 1_000_000) return `${(value / 1000).toFixed(size < 10_000 ? 1 : 0)}k`;
  return `${(value / 1_000_000).toFixed(size < 10_000_000 ? 1 : 0)}M`;
}

/** US dollars with precision that suits LLM prices: $0.00042, $0.013, $12.40. */
export function formatCost(dollars: number | null | undefined): string {
  if (dollars === null || dollars === undefined || !Number.isFinite(dollars)) return dash;
  if (dollars === 0) return '$0';
  if (Math.abs(dollars) < 0.01) return `$${dollars.toPrecision(2)}`;
  if (Math.abs(dollars) < 1) return `$${dollars.toFixed(3)}`;
  return `$${dollars.toFixed(2)}`;
}

export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return dash;
  const percent = ratio * 100;
  return `${percent < 10 && percent !== 0 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** 1.2 MB, 340 kB, 12 B (decimal units, as file sizes are usually shown). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(0)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A trace start time (microseconds since the epoch) in the viewer's time zone. */
export function formatTimeUs(microseconds: number): string {
  return timeFormat.format(new Date(microseconds / 1000));
}

/** "12s ago", "5m ago", "3h ago", "2d ago". */
export function formatAgo(epochMilliseconds: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - epochMilliseconds) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}

/** Percent-decoding that never throws: a malformed escape leaves the text as it was. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
