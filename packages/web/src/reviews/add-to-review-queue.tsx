import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { toApiError } from '../api/api-error';
import { listQueues } from '../api/reviews-api';
import { useResource } from '../api/use-resource';
import { useApiClient } from '../shell/auth-provider';
import { buttonClass, primaryButtonClass, selectClass } from '../ui/controls';

/** "Add to review queue" on a trace: puts it in a pointwise queue for people to score. */
export function AddToReviewQueue({ traceId }: { traceId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <span className="relative">
      <button type="button" className={buttonClass} onClick={() => setOpen(!open)} aria-expanded={open}>
        Add to review queue
      </button>
      {open && <AddForm traceId={traceId} />}
    </span>
  );
}

function AddForm({ traceId }: { traceId: string }) {
  const client = useApiClient();
  const queues = useResource('review-queues-pointwise', (signal) => listQueues(client, signal));
  const options = (queues.data?.queues ?? []).filter((entry) => entry.queue.kind === 'pointwise');
  const [queueId, setQueueId] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const chosen = queueId || options[0]?.queue.id || '';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const added = await client.send<{ inserted: number }>(
        'POST',
        `/api/review-queues/${encodeURIComponent(chosen)}/fill`,
        {
          body: { from: 'trace', traceId },
        },
      );
      setStatus({ ok: true, text: added.inserted === 1 ? `Added to ${chosen}` : `Already in ${chosen}` });
    } catch (error) {
      setStatus({ ok: false, text: toApiError(error).message });
    }
  };
  return (
    <form
      onSubmit={submit}
      className="absolute right-0 z-20 mt-1 w-72 space-y-2 rounded border border-slate-200 bg-white p-3 text-sm shadow-lg"
      data-testid="add-to-review-queue"
    >
      {queues.data && options.length === 0 ? (
        <p className="text-slate-600 text-xs">
          No pointwise review queue yet. <Link href="/reviews">Create one under Reviews</Link>.
        </p>
      ) : (
        <>
          <select
            aria-label="Review queue"
            className={`w-full ${selectClass}`}
            value={chosen}
            onChange={(event) => setQueueId(event.target.value)}
          >
            {options.map((entry) => (
              <option key={entry.queue.id} value={entry.queue.id}>
                {entry.queue.id}
              </option>
            ))}
          </select>
          <button type="submit" className={primaryButtonClass} disabled={!chosen}>
            Add
          </button>
        </>
      )}
      {status && (
        <p role="status" className={status.ok ? 'text-green-700 text-xs' : 'text-red-700 text-xs'}>
          {status.text}
        </p>
      )}
    </form>
  );
}
