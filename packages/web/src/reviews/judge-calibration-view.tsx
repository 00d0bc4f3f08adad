import { type FormEvent, useState } from 'react';
import { toApiError } from '../api/api-error';
import { calibrateJudge, type JudgeVersionCalibration } from '../api/reviews-api';
import { useApiClient } from '../shell/auth-provider';
import { buttonClass, inputClass } from '../ui/controls';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const range = (lower: number, upper: number, format: (value: number) => string) =>
  `[${format(lower)}, ${format(upper)}]`;
const fixed = (value: number) => value.toFixed(2);

function ConfusionTable({ confusion }: { confusion: { categories: string[]; counts: number[][] } }) {
  return (
    <table className="border-collapse text-xs" data-testid="confusion-matrix">
      <thead>
        <tr>
          <th className="px-1.5 py-0.5 text-left font-normal text-slate-500">people ↓ judge →</th>
          {confusion.categories.map((category) => (
            <th key={category} className="px-1.5 py-0.5 font-medium">
              {category}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {confusion.counts.map((row, rowIndex) => (
          <tr key={confusion.categories[rowIndex]}>
            <th className="px-1.5 py-0.5 text-left font-medium">{confusion.categories[rowIndex]}</th>
            {row.map((count, columnIndex) => (
              <td
                key={confusion.categories[columnIndex]}
                className={`px-1.5 py-0.5 text-center tabular-nums ${rowIndex === columnIndex ? 'bg-green-50' : count > 0 ? 'bg-red-50' : ''}`}
              >
                {count}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function VersionCalibration({ version }: { version: JudgeVersionCalibration }) {
  const { calibration, correctedPassRate } = version;
  return (
    <div className="space-y-1 rounded border border-slate-200 p-2 text-xs" data-testid="judge-version">
      <p className="font-medium text-sm">
        v{version.evaluatorVersion}{' '}
        <span className={calibration.trusted ? 'text-green-700' : 'text-red-700'}>
          {calibration.trusted ? 'trusted' : `not trusted: ${calibration.reason ?? ''}`}
        </span>
      </p>
      {version.warning && (
        <p role="alert" className="text-red-700">
          ⚠ {version.warning}
        </p>
      )}
      <p>
        {calibration.items} items both scored
        {calibration.agreement &&
          ` · agreement ${percent(calibration.agreement.estimate)} ${range(calibration.agreement.lower, calibration.agreement.upper, percent)}`}
      </p>
      {calibration.kappa && (
        <p>
          {calibration.kappa.weighting === 'quadratic' ? 'weighted κ' : "Cohen's κ"}{' '}
          {fixed(calibration.kappa.kappa)} {range(calibration.kappa.lower, calibration.kappa.upper, fixed)}{' '}
          (bootstrap {range(calibration.kappa.bootstrap.lower, calibration.kappa.bootstrap.upper, fixed)})
        </p>
      )}
      {calibration.spearman && (
        <p>
          Spearman ρ {fixed(calibration.spearman.rho)}{' '}
          {range(calibration.spearman.lower, calibration.spearman.upper, fixed)}
        </p>
      )}
      {version.judgedPassRate !== null && (
        <p data-testid="corrected-pass-rate">
          judge's pass rate {percent(version.judgedPassRate)} over {version.judged} traces
          {correctedPassRate && 'value' in correctedPassRate
            ? ` → corrected for its error ${percent(correctedPassRate.value.estimate)} ${range(correctedPassRate.value.lower, correctedPassRate.value.upper, percent)}`
            : correctedPassRate && 'error' in correctedPassRate
              ? ` (no correction: ${correctedPassRate.error})`
              : ' (no correction: people labelled no passes or no failures yet)'}
        </p>
      )}
      {calibration.confusion && <ConfusionTable confusion={calibration.confusion} />}
    </div>
  );
}

/** Calibrates a judge against people's scores on demand and shows every version's numbers. */
export function JudgeCalibrationView({
  initial,
  onCalibrated,
}: {
  initial?: { scoreName: string; evaluatorName: string };
  onCalibrated: () => void;
}) {
  const client = useApiClient();
  const [scoreName, setScoreName] = useState(initial?.scoreName ?? '');
  const [evaluatorName, setEvaluatorName] = useState(initial?.evaluatorName ?? '');
  const [versions, setVersions] = useState<JudgeVersionCalibration[] | null>(null);
  const [error, setError] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    try {
      const result = await calibrateJudge(client, { scoreName, evaluatorName });
      setVersions(result.versions);
      if (result.versions.length === 0) setError(`no scores from evaluator '${evaluatorName}' yet`);
      onCalibrated();
    } catch (caught) {
      setError(toApiError(caught).message);
    }
  };
  return (
    <div className="space-y-2">
      <form onSubmit={submit} className="flex flex-wrap items-center gap-2 text-sm">
        <input
          aria-label="Score people gave"
          placeholder="score people gave, e.g. helpful"
          className={inputClass}
          value={scoreName}
          onChange={(event) => setScoreName(event.target.value)}
        />
        <input
          aria-label="Judge evaluator"
          placeholder="judge evaluator name"
          className={inputClass}
          value={evaluatorName}
          onChange={(event) => setEvaluatorName(event.target.value)}
        />
        <button type="submit" className={buttonClass} disabled={!scoreName || !evaluatorName}>
          Calibrate
        </button>
        {error && (
          <span role="status" className="text-red-700">
            {error}
          </span>
        )}
      </form>
      {versions && (
        <div className="grid gap-2 md:grid-cols-2">
          {versions.map((version) => (
            <VersionCalibration key={version.evaluatorVersion} version={version} />
          ))}
        </div>
      )}
    </div>
  );
}
