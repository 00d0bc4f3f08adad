import { useState } from 'react';
import { Link } from 'wouter';
import { getQueue, listQueues, listScoreConfigs } from '../api/reviews-api';
import { useResource } from '../api/use-resource';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { buttonClass, headClass, linkClass } from '../ui/controls';
import { agreementText } from './agreement-text';
import { NewQueueForm, NewScoreConfigForm } from './new-queue-form';
import { ProgressBar } from './progress-bar';

/** Evaluate › Reviews: every queue with its progress and agreement, and the way to the judges page. */
export function ReviewQueuesPage() {
  const client = useApiClient();
  const queues = useResource('review-queues', async (signal) => {
    const { queues: rows } = await listQueues(client, signal);
    // Agreement comes with each queue's detail; queues are few, so one call each is fine.
    const details = await Promise.all(rows.map((row) => getQueue(client, row.queue.id, signal)));
    return rows.map((row, index) => ({ ...row, detail: details[index] }));
  });
  const configs = useResource('score-configs', (signal) => listScoreConfigs(client, signal));
  const [creating, setCreating] = useState(false);
  const rows = queues.data ?? [];
  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-slate-200 border-b bg-white px-4 pt-3 pb-2">
        <h1 className="font-semibold text-lg">Review queues</h1>
        <span className="text-slate-500 text-sm">{queues.data ? `${rows.length} queues` : ''}</span>
        <button type="button" className={`ml-auto ${buttonClass}`} onClick={() => setCreating(!creating)}>
          New queue
        </button>
        <Link href="/reviews/judges" className={`text-sm ${linkClass}`}>
          Judges and calibration →
        </Link>
      </div>
      {creating && (
        <div className="space-y-3 border-slate-200 border-b bg-white px-4 py-3">
          <NewScoreConfigForm onCreated={configs.reload} />
          <NewQueueForm configs={configs.data?.configs ?? []} onCreated={queues.reload} />
        </div>
      )}
      {queues.error && <ErrorPanel error={queues.error} onRetry={queues.reload} />}
      <div className="min-h-0 flex-1 overflow-auto">
        {queues.data && rows.length === 0 && !creating && (
          <div className="max-w-2xl space-y-2 p-6 text-slate-700 text-sm">
            <p className="font-medium">No review queues yet.</p>
            <p>
              Define what people score, create a queue and fill it from traces, an experiment or a dataset:
            </p>
            <pre className="whitespace-pre-wrap rounded bg-slate-900 px-3 py-2 text-slate-100 text-xs">
              {`PUT  /api/score-configs/helpful   {"type":"boolean","description":"Does it answer the question?"}
POST /api/review-queues           {"id":"support","scoreNames":["helpful"],"requiredReviewers":2}
POST /api/review-queues/support/fill  {"from":"traces","sampleRate":0.05,"limit":200}`}
            </pre>
          </div>
        )}
        {rows.length > 0 && (
          <table className="w-full border-collapse text-sm" data-testid="queues-table">
            <thead className={headClass}>
              <tr>
                {['Queue', 'Kind', 'Progress', 'Reviewers per item', 'Agreement / results'].map((header) => (
                  <th
                    key={header}
                    scope="col"
                    className="whitespace-nowrap px-2 py-1.5 text-left font-medium"
                  >
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.queue.id}
                  className="border-slate-100 border-b hover:bg-slate-50"
                  data-queue-id={row.queue.id}
                >
                  <td className="whitespace-nowrap px-2 py-1">
                    <Link href={`/reviews/${encodeURIComponent(row.queue.id)}`} className={linkClass}>
                      {row.queue.id}
                    </Link>
                    {row.queue.description && (
                      <div className="text-slate-500 text-xs">{row.queue.description}</div>
                    )}
                  </td>
                  <td className="px-2 py-1">{row.queue.kind}</td>
                  <td className="w-64 px-2 py-1">
                    <ProgressBar
                      done={row.completedItems}
                      total={row.items}
                      label={`${row.queue.id} progress`}
                    />
                  </td>
                  <td className="px-2 py-1 tabular-nums">{row.queue.requiredReviewers}</td>
                  <td className="px-2 py-1 text-xs">
                    {row.detail?.agreement.map((agreement) => (
                      <div key={agreement.scoreName}>
                        {agreement.scoreName}: {agreementText(agreement)}
                      </div>
                    ))}
                    {row.detail?.pairwise?.pairs.map((pair) => (
                      <div key={`${pair.first}-${pair.second}`}>
                        {pair.first} vs {pair.second}: {(pair.firstWinRate.estimate * 100).toFixed(0)}% wins
                        for {pair.first}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
