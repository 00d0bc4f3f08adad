import { lazy, Suspense, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { type DriftFeature, type DriftReport, getDriftReport } from '../api/drift-api';
import { useResource } from '../api/use-resource';
import { TimeSeriesChart } from '../monitoring/time-series-chart';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { headClass, linkClass } from '../ui/controls';

const DistributionChart = lazy(() => import('./distribution-chart'));

const formatP = (value: number | null) =>
  value === null ? '–' : value < 0.001 ? '<0.001' : value.toFixed(3);
const formatNumber = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : Number(value.toPrecision(3)).toString();
const formatShare = (value: number) => `${(100 * value).toFixed(1)}%`;
const changeClass: Record<string, string> = {
  appeared: 'bg-amber-100 text-amber-900',
  grown: 'bg-amber-50 text-amber-800',
  shrunk: 'bg-sky-50 text-sky-800',
  disappeared: 'bg-sky-100 text-sky-900',
  stable: 'text-slate-500',
};

/** One drift report: verdict, per-feature tests, distributions side by side, topics and their examples. */
export function DriftReportPage({ reportId }: { reportId: string }) {
  const client = useApiClient();
  const report = useResource(`drift-report:${reportId}`, (signal) =>
    getDriftReport(client, reportId, signal),
  );
  if (report.error) return <ErrorPanel error={report.error} onRetry={report.reload} />;
  if (!report.data) return <p className="p-4 text-slate-500 text-sm">Loading…</p>;
  return <ReportView report={report.data} />;
}

function ReportView({ report }: { report: DriftReport }) {
  const withBins = report.features.filter((feature) => feature.bins?.length);
  const [chosen, setChosen] = useState<string | null>(null);
  const key = (feature: DriftFeature) => `${feature.feature}:${feature.test}`;
  const shown =
    withBins.find((feature) => key(feature) === chosen) ?? withBins.find((f) => f.drifted) ?? withBins[0];
  return (
    <div className="h-full overflow-auto">
      <div className="border-slate-200 border-b bg-white px-4 pt-3 pb-2">
        <Link
          href={`/drift?monitor=${encodeURIComponent(report.monitorId)}`}
          className={`text-sm ${linkClass}`}
        >
          ← {report.monitorName}
        </Link>
        <h1 className="mt-1 flex items-center gap-2 font-semibold text-lg">
          Drift report
          <span
            className={`rounded px-2 py-0.5 text-sm ${report.drifted ? 'bg-amber-100 text-amber-900' : 'bg-emerald-50 text-emerald-800'}`}
          >
            {report.drifted ? 'drift' : 'no drift'}
          </span>
        </h1>
        <p className="text-slate-700 text-sm" data-testid="drift-verdict">
          {report.verdict}
        </p>
        <p className="mt-1 text-slate-500 text-xs">
          {new Date(report.createdAt).toLocaleString()} · reference: {report.reference.description} (
          {report.reference.count} {report.field}s) · current: {report.current.description} (
          {report.current.count}) · level {report.alpha}, Holm-corrected across {report.features.length} tests
          {report.embedder &&
            ` · ${report.embedder.id}: ${report.reference.embedded} + ${report.current.embedded} embedded (${report.embedder.reused} reused)`}
        </p>
      </div>

      <section className="px-4 py-3">
        <h2 className="mb-1 font-medium text-slate-700 text-sm">Features</h2>
        <table className="w-full text-sm" aria-label="Drift features">
          <thead className={headClass}>
            <tr className="text-left">
              <th className="px-2 py-1">Feature</th>
              <th className="px-2 py-1">Test</th>
              <th className="px-2 py-1 text-right">Statistic</th>
              <th className="px-2 py-1 text-right">p</th>
              <th className="px-2 py-1 text-right">p (Holm)</th>
              <th className="px-2 py-1">Effect size</th>
              <th className="px-2 py-1">Other measures</th>
            </tr>
          </thead>
          <tbody>
            {report.features.map((feature) => (
              <tr
                key={key(feature)}
                className={`border-slate-100 border-b ${feature.drifted ? 'bg-amber-50' : ''} ${feature.bins?.length ? 'cursor-pointer hover:bg-slate-50' : ''}`}
                onClick={() => feature.bins?.length && setChosen(key(feature))}
              >
                <td className="px-2 py-1 font-mono text-xs">{feature.feature}</td>
                <td className="px-2 py-1">{feature.test}</td>
                <td className="px-2 py-1 text-right tabular-nums">{formatNumber(feature.statistic)}</td>
                <td className="px-2 py-1 text-right tabular-nums">{formatP(feature.pValue)}</td>
                <td className="px-2 py-1 text-right font-medium tabular-nums">
                  {formatP(feature.adjustedPValue)}
                </td>
                <td className="px-2 py-1">
                  {feature.effectSize.name} {formatNumber(feature.effectSize.value)}
                </td>
                <td className="px-2 py-1 text-slate-500 text-xs">
                  {Object.entries(feature.measures)
                    .map(([name, value]) => `${name} ${formatNumber(value)}`)
                    .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {report.skipped.length > 0 && (
          <p className="mt-1 text-slate-500 text-xs">
            Not compared: {report.skipped.map((entry) => `${entry.feature} (${entry.reason})`).join('; ')}
          </p>
        )}
      </section>

      {shown?.bins && (
        <section className="px-4 py-3">
          <h2 className="mb-1 font-medium text-slate-700 text-sm">
            Distribution of <span className="font-mono">{shown.feature}</span>, reference vs current
            <span className="ml-2 font-normal text-slate-500 text-xs">(click a feature row to switch)</span>
          </h2>
          <Suspense fallback={<p className="text-slate-500 text-sm">Loading chart…</p>}>
            <DistributionChart bins={shown.bins} />
          </Suspense>
        </section>
      )}

      {report.topics && <TopicsSection report={report} />}
    </div>
  );
}

function TopicsSection({ report }: { report: DriftReport }) {
  const topics = report.topics!;
  const shares = useMemo(
    () => ({
      times: topics.sharesOverTime.bucketStarts.map((start) => Date.parse(start) / 1000),
      series: topics.clusters.map((cluster, index) => ({
        label: cluster.label,
        values: topics.sharesOverTime.shares.map((row) => row[index] ?? null),
      })),
    }),
    [topics],
  );
  return (
    <section className="px-4 py-3">
      <h2 className="mb-1 font-medium text-slate-700 text-sm">
        Topics (k-means on embeddings; overall p {formatP(topics.chiSquarePValue)}, Jensen-Shannon distance{' '}
        {formatNumber(topics.jensenShannonDistance)})
      </h2>
      <table className="w-full text-sm" aria-label="Drift topics">
        <thead className={headClass}>
          <tr className="text-left">
            <th className="px-2 py-1">Topic</th>
            <th className="px-2 py-1 text-right">Reference</th>
            <th className="px-2 py-1 text-right">Current</th>
            <th className="px-2 py-1">Change</th>
            <th className="px-2 py-1 text-right">p (Holm)</th>
            <th className="px-2 py-1">Examples</th>
          </tr>
        </thead>
        <tbody>
          {[...topics.clusters]
            .sort((a, b) => b.currentShare - b.referenceShare - (a.currentShare - a.referenceShare))
            .map((topic) => (
              <tr key={topic.cluster} className="border-slate-100 border-b align-top">
                <td className="px-2 py-1 font-medium">{topic.label}</td>
                <td className="px-2 py-1 text-right tabular-nums">{formatShare(topic.referenceShare)}</td>
                <td className="px-2 py-1 text-right tabular-nums">{formatShare(topic.currentShare)}</td>
                <td className="px-2 py-1">
                  <span className={`rounded px-1.5 py-0.5 text-xs ${changeClass[topic.change] ?? ''}`}>
                    {topic.change}
                  </span>
                </td>
                <td className="px-2 py-1 text-right tabular-nums">{formatP(topic.adjustedPValue)}</td>
                <td className="px-2 py-1">
                  <ul className="space-y-0.5">
                    {[...topic.currentExamples, ...topic.referenceExamples].slice(0, 3).map((example) => (
                      <li key={`${example.traceId}:${example.spanId}`} className="truncate">
                        {example.traceId.startsWith('dataset:') ? (
                          <span className="text-slate-600">{example.text}</span>
                        ) : (
                          <Link href={`/traces/${example.traceId}`} className={linkClass}>
                            {example.text || '(empty)'}
                          </Link>
                        )}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      {shares.times.length > 1 && (
        <div className="mt-3">
          <TimeSeriesChart
            title="Topic shares over the current window"
            data={shares}
            format={(value) => `${Math.round(100 * value)}%`}
          />
        </div>
      )}
    </section>
  );
}
