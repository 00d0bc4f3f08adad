import { Link } from 'wouter';
import { type CalibrationRecord, listJudges } from '../api/reviews-api';
import { useResource } from '../api/use-resource';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { linkClass } from '../ui/controls';
import { JudgeCalibrationView } from './judge-calibration-view';

/** Kappa over calibrations as dots with interval whiskers on a -0.2..1 scale, the bar as a dashed line. */
function KappaHistory({ history, bar }: { history: CalibrationRecord[]; bar: number }) {
  const width = 360;
  const height = 90;
  const y = (kappa: number) =>
    height - 8 - ((Math.max(-0.2, Math.min(1, kappa)) + 0.2) / 1.2) * (height - 16);
  const x = (index: number) =>
    history.length === 1 ? width / 2 : 16 + (index / (history.length - 1)) * (width - 32);
  return (
    <svg width={width} height={height} role="img" aria-label="Kappa over time" className="rounded bg-white">
      <line x1={0} x2={width} y1={y(bar)} y2={y(bar)} stroke="#f59e0b" strokeDasharray="4 3" />
      <text x={4} y={y(bar) - 3} fontSize={9} fill="#b45309">
        bar {bar}
      </text>
      {history.map((record, index) => (
        <g key={record.id}>
          <line
            x1={x(index)}
            x2={x(index)}
            y1={y(record.kappaLower)}
            y2={y(record.kappaUpper)}
            stroke="#94a3b8"
          />
          <circle cx={x(index)} cy={y(record.kappa)} r={3.5} fill={record.trusted ? '#4f46e5' : '#dc2626'}>
            <title>
              {`${record.evaluatorName}@${record.evaluatorVersion} ${record.computedAt.slice(0, 10)}: kappa ${record.kappa.toFixed(2)} on ${record.items} items`}
            </title>
          </circle>
        </g>
      ))}
    </svg>
  );
}

/** Evaluate › Reviews › Judges: each calibrated LLM judge, whether it is trusted, and its agreement over time. */
export function JudgesPage() {
  const client = useApiClient();
  const judges = useResource('judges', (signal) => listJudges(client, signal));
  const data = judges.data;
  return (
    <div className="space-y-4 p-4">
      <div className="flex items-center gap-3">
        <Link href="/reviews" className={`text-sm ${linkClass}`}>
          ← Queues
        </Link>
        <h1 className="font-semibold text-lg">Judges</h1>
        {data && <span className="text-slate-500 text-sm">trusted at kappa ≥ {data.agreementBar}</span>}
      </div>
      <section className="rounded border border-slate-200 bg-white p-3">
        <h2 className="mb-2 font-medium">Calibrate a judge against people's scores</h2>
        <JudgeCalibrationView onCalibrated={judges.reload} />
      </section>
      {judges.error && <ErrorPanel error={judges.error} onRetry={judges.reload} />}
      {data && data.judges.length === 0 && (
        <p className="max-w-2xl text-slate-700 text-sm">
          No judge calibrated yet. Once people have scored traces that an LLM judge also scored, calibrate it
          with <code>GET /api/judges/calibration?scoreName=helpful&amp;evaluatorName=my-judge</code>.
        </p>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        {data?.judges.map((judge) => (
          <section
            key={`${judge.evaluatorName}-${judge.scoreName}`}
            className="space-y-2 rounded border border-slate-200 bg-white p-3"
            data-testid="judge-card"
          >
            <h2 className="font-medium">
              {judge.evaluatorName}{' '}
              <span className="text-slate-500 text-sm">
                v{judge.latest.evaluatorVersion} vs people on {judge.scoreName}
              </span>
            </h2>
            {judge.warning && (
              <p
                role="alert"
                className="rounded border border-red-200 bg-red-50 px-2 py-1 text-red-800 text-sm"
              >
                ⚠ {judge.warning}
              </p>
            )}
            <p className="text-sm">
              <span className={judge.latest.trusted ? 'text-green-700' : 'text-red-700'}>
                {judge.latest.trusted ? 'Trusted' : 'Not trusted'}
              </span>{' '}
              · kappa {judge.latest.kappa.toFixed(2)} [{judge.latest.kappaLower.toFixed(2)},{' '}
              {judge.latest.kappaUpper.toFixed(2)}] · agreement {(judge.latest.agreement * 100).toFixed(0)}% ·{' '}
              {judge.latest.items} items
              {judge.latest.spearman !== null && ` · Spearman ${judge.latest.spearman.toFixed(2)}`}
            </p>
            <KappaHistory history={judge.history} bar={data.agreementBar} />
          </section>
        ))}
      </div>
    </div>
  );
}
