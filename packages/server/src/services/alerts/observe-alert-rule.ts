import type { AlertObservation, AlertRuleDefinition, MetricPoint } from '@sextant/core';
import type { Store } from '@sextant/store';

// One bucket wider than any window: buckets are aligned to multiples of their width since the epoch,
// so the whole window falls in bucket 0 and its percentiles are merged in the store, not averaged here.
// A whole number of hours, so grouping by model can read the hourly rollup.
const wholeWindowSeconds = 3600 * 2 ** 28;

/** The rule's value per group over the window ending at `now`. */
export async function observeAlertRule(
  store: Store,
  projectId: string,
  rule: AlertRuleDefinition,
  now: Date,
): Promise<AlertObservation[]> {
  const from = new Date(now.getTime() - rule.windowMinutes * 60_000);
  const { condition } = rule;
  switch (condition.metric) {
    case 'error_rate':
    case 'latency':
    case 'cost':
    case 'volume': {
      const result = await store.queryMetrics(projectId, {
        from,
        to: now,
        groupBy: rule.groupBy as 'none' | 'model' | 'name' | 'tag',
        bucketSeconds: wholeWindowSeconds,
      });
      const observations = result.points.map((point) => ({
        group: point.group ?? '',
        value: metricValue(rule, point),
        samples: point.requests,
      }));
      // No traffic is a value too: zero requests, which a "volume below" rule is for.
      if (condition.metric === 'volume' && rule.groupBy === 'none' && observations.length === 0) {
        observations.push({ group: '', value: 0, samples: 0 });
      }
      return observations;
    }
    case 'score': {
      const points = await store.scores.scoreSeries(projectId, {
        name: condition.scoreName,
        start: from,
        end: now,
        bucketSeconds: wholeWindowSeconds,
        groupBy: rule.groupBy as 'none' | 'release' | 'prompt',
      });
      return points.map((point) => ({
        group: point.group,
        value: condition.statistic === 'mean' ? point.mean : point.passRate,
        samples: point.count,
      }));
    }
    case 'drift': {
      const reports = (
        await store.drift.listReports(projectId, { monitorId: condition.monitorId, limit: 1000 })
      ).filter((report) => report.createdAt >= from && report.createdAt <= now);
      const byGroup = new Map<string, AlertObservation>();
      if (rule.groupBy === 'none') byGroup.set('', { group: '', value: 0, samples: 0 });
      for (const report of reports) {
        const group = rule.groupBy === 'monitor' ? report.monitorId : '';
        const entry = byGroup.get(group) ?? { group, value: 0, samples: 0 };
        entry.samples += 1;
        if (report.drifted) entry.value = (entry.value ?? 0) + 1;
        byGroup.set(group, entry);
      }
      return [...byGroup.values()];
    }
  }
}

function metricValue(rule: AlertRuleDefinition, point: MetricPoint): number | null {
  switch (rule.condition.metric) {
    case 'error_rate':
      return point.errorRate;
    case 'latency':
      return { p50: point.latencyP50Ms, p95: point.latencyP95Ms, p99: point.latencyP99Ms }[
        rule.condition.percentile
      ];
    case 'cost':
      return point.cost;
    default:
      return point.requests;
  }
}
