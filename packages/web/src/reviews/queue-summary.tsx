import { type FormEvent, useState } from 'react';
import { toApiError } from '../api/api-error';
import { addQueueToDataset, type QueueDetail } from '../api/reviews-api';
import { useApiClient } from '../shell/auth-provider';
import { buttonClass, inputClass } from '../ui/controls';
import { agreementText } from './agreement-text';
import { ProgressBar } from './progress-bar';

const percent = (value: number) => `${(value * 100).toFixed(0)}%`;

/** Progress per queue and reviewer, agreement or win rates, and “add reviewed items to a dataset”. */
export function QueueSummary({
  detail,
  reviewer,
  blind,
}: {
  detail: QueueDetail;
  reviewer: string;
  /** While a reviewer works on a pairwise queue, system names stay hidden. */
  blind: boolean;
}) {
  const mine = detail.reviewers.find((entry) => entry.reviewer === reviewer);
  return (
    <div className="space-y-4 text-sm" data-testid="queue-summary">
      <section className="space-y-1">
        <h2 className="font-medium">Progress</h2>
        <ProgressBar done={detail.completedItems} total={detail.items} label="Items with enough reviews" />
        <p className="text-slate-600 text-xs" data-testid="my-progress">
          You: {mine?.done ?? 0} done, {mine?.skipped ?? 0} skipped · {detail.queue.requiredReviewers}{' '}
          reviewer
          {detail.queue.requiredReviewers === 1 ? '' : 's'} per item
        </p>
        {detail.reviewers.length > 0 && (
          <ul className="text-slate-600 text-xs">
            {detail.reviewers.map((entry) => (
              <li key={entry.reviewer} className="flex justify-between">
                <span>{entry.reviewer}</span>
                <span className="tabular-nums">{entry.done}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {detail.agreement.length > 0 && (
        <section className="space-y-1" data-testid="agreement">
          <h2 className="font-medium">Agreement between reviewers</h2>
          {detail.agreement.map((agreement) => (
            <p key={agreement.scoreName} className="text-xs">
              <span className="font-medium">{agreement.scoreName}</span>: {agreementText(agreement)}
            </p>
          ))}
        </section>
      )}
      {detail.pairwise && !blind && (
        <section className="space-y-1" data-testid="win-rates">
          <h2 className="font-medium">Win rates (95% interval)</h2>
          {detail.pairwise.pairs.map((pair) => (
            <div key={`${pair.first}-${pair.second}`} className="text-xs">
              <div className="flex justify-between">
                <span>{pair.first}</span>
                <span>{pair.second}</span>
              </div>
              <div className="relative h-2 rounded bg-slate-300">
                <div
                  className="h-full rounded-l bg-indigo-500"
                  style={{ width: percent(pair.firstWinRate.estimate) }}
                />
              </div>
              <p className="text-slate-600">
                {pair.first} wins {percent(pair.firstWinRate.estimate)} [{percent(pair.firstWinRate.lower)},{' '}
                {percent(pair.firstWinRate.upper)}] · {pair.firstWins}–{pair.secondWins}, {pair.ties} ties
              </p>
            </div>
          ))}
          {detail.pairwise.ranking && (
            <ol className="list-decimal pl-5 text-xs">
              {detail.pairwise.ranking.map((system) => (
                <li key={system.name}>
                  {system.name} (Bradley-Terry {system.strength.toFixed(2)})
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
      {detail.queue.kind === 'pointwise' && <AddToDataset queueId={detail.queue.id} />}
    </div>
  );
}

function AddToDataset({ queueId }: { queueId: string }) {
  const client = useApiClient();
  const [dataset, setDataset] = useState(`${queueId}-reviewed`);
  const [status, setStatus] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const added = await addQueueToDataset(client, queueId, dataset);
      setStatus(`Added ${added.items} items to ${added.dataset} as v${added.version}`);
    } catch (error) {
      setStatus(toApiError(error).message);
    }
  };
  return (
    <form onSubmit={submit} className="space-y-1">
      <h2 className="font-medium">Reviewed items → dataset</h2>
      <input
        aria-label="Dataset name"
        className={`w-full ${inputClass}`}
        value={dataset}
        onChange={(event) => setDataset(event.target.value)}
      />
      <button type="submit" className={buttonClass}>
        Add reviewed items with labels
      </button>
      {status && (
        <p className="text-slate-600 text-xs" data-testid="dataset-status">
          {status}
        </p>
      )}
    </form>
  );
}
