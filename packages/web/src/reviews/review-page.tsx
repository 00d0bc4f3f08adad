import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { getQueue, listScoreConfigs, type ScoreConfig } from '../api/reviews-api';
import { useResource } from '../api/use-resource';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { inputClass, linkClass, primaryButtonClass } from '../ui/controls';
import { QueueSummary } from './queue-summary';
import { ReviewItemView } from './review-item-view';
import { valueForKey } from './score-options';
import { ScorePicker } from './score-picker';
import { type Draft, useReviewSession } from './use-review-session';

const reviewerKey = 'sextant.reviewer';

/** Evaluate › Reviews › one queue: the reviewer works through items one at a time, keyboard first. */
export function ReviewPage({ queueId }: { queueId: string }) {
  const [reviewer, setReviewer] = useState(() => localStorage.getItem(reviewerKey) ?? '');
  if (!reviewer) {
    return (
      <ReviewerForm
        onSet={(name) => {
          localStorage.setItem(reviewerKey, name);
          setReviewer(name);
        }}
      />
    );
  }
  return <ReviewSession queueId={queueId} reviewer={reviewer} onChangeReviewer={() => setReviewer('')} />;
}

function ReviewerForm({ onSet }: { onSet: (name: string) => void }) {
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) onSet(name.trim());
  };
  return (
    <form
      onSubmit={submit}
      className="mx-auto mt-12 max-w-md space-y-3 rounded border border-slate-200 bg-white p-6"
    >
      <h1 className="font-semibold text-lg">Who is reviewing?</h1>
      <p className="text-slate-600 text-sm">
        Your name goes on every score you give, so agreement between people can be measured.
      </p>
      <input
        aria-label="Reviewer name"
        className={`w-full ${inputClass}`}
        value={name}
        onChange={(event) => setName(event.target.value)}
        placeholder="e.g. ana@example.com"
        // biome-ignore lint/a11y/noAutofocus: the only field on the page
        autoFocus
      />
      <button type="submit" className={primaryButtonClass} disabled={!name.trim()}>
        Start reviewing
      </button>
    </form>
  );
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT');

function ReviewSession({
  queueId,
  reviewer,
  onChangeReviewer,
}: {
  queueId: string;
  reviewer: string;
  onChangeReviewer: () => void;
}) {
  const client = useApiClient();
  const detail = useResource(`queue:${queueId}`, (signal) => getQueue(client, queueId, signal));
  const configs = useResource('score-configs', (signal) => listScoreConfigs(client, signal));
  const session = useReviewSession(client, queueId, reviewer, detail.reload);
  const [active, setActive] = useState(0);
  const [hint, setHint] = useState('');
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const queue = detail.data?.queue;
  const scoreConfigs: ScoreConfig[] = (queue?.scoreNames ?? []).flatMap(
    (name) => configs.data?.configs.filter((config) => config.name === name) ?? [],
  );
  const itemId = session.state.status === 'item' ? session.state.item.id : null;

  // A new item starts on its first score.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset per item
  useEffect(() => {
    setActive(0);
    setHint('');
  }, [itemId]);

  const submit = (draft: Draft) => {
    if (queue?.kind === 'pairwise') {
      if (!draft.preference) return setHint('Pick a (left), b (right) or t (tie) first, or s to skip.');
      return session.submit({ preference: draft.preference, reason: draft.comment || undefined });
    }
    if (Object.keys(draft.scores).length === 0)
      return setHint('Score the item first (keys shown on the buttons), or s to skip.');
    return session.submit({ scores: draft.scores, comment: draft.comment || undefined });
  };

  const setScore = (name: string, value: number, index: number) => {
    session.setDraft((draft) => ({ ...draft, scores: { ...draft.scores, [name]: value } }));
    // Move on to the next score so a multi-score item takes one key per score.
    setActive(Math.min(index + 1, Math.max(0, scoreConfigs.length - 1)));
    setHint('');
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (isTyping(event.target)) {
        if (event.key === 'Escape') (event.target as HTMLElement).blur();
        if (event.key === 'Enter' && !event.shiftKey && session.state.status === 'item') {
          event.preventDefault();
          (event.target as HTMLElement).blur();
          submit(session.state.draft);
        }
        return;
      }
      const key = event.key;
      if (key === 'Backspace' || key === 'ArrowLeft' || key === 'k') {
        event.preventDefault();
        return session.back();
      }
      if (key === 'ArrowRight' || key === 'j') {
        event.preventDefault();
        if (session.canGoForward) return session.forward();
        return setHint('This is the newest item: Enter submits, s skips.');
      }
      if (session.state.status !== 'item') return;
      const { draft } = session.state;
      if (key === 'Enter') {
        event.preventDefault();
        return submit(draft);
      }
      if (key === 's') return session.submit({ skip: true });
      if (key === 'c') {
        event.preventDefault();
        return commentRef.current?.focus();
      }
      if (queue?.kind === 'pairwise') {
        const preference = ({ a: 'left', b: 'right', t: 'tie' } as const)[key as 'a' | 'b' | 't'];
        if (preference) session.setDraft((current) => ({ ...current, preference }));
        return;
      }
      if (key === 'ArrowDown' || key === 'ArrowUp') {
        event.preventDefault();
        const step = key === 'ArrowDown' ? 1 : -1;
        return setActive((current) => Math.min(scoreConfigs.length - 1, Math.max(0, current + step)));
      }
      const config = scoreConfigs[active];
      const value = config ? valueForKey(config, key) : undefined;
      if (config && value !== undefined) setScore(config.name, value, active);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const state = session.state;
  return (
    <div className="flex h-full min-h-0">
      <div className="min-w-0 flex-1 overflow-auto p-4">
        <div className="mb-3 flex items-center gap-3">
          <Link href="/reviews" className={`text-sm ${linkClass}`}>
            ← Queues
          </Link>
          <h1 className="font-semibold text-lg" data-testid="queue-title">
            {queueId}
          </h1>
          <span className="text-slate-500 text-sm">
            as <strong>{reviewer}</strong>{' '}
            <button type="button" className={`text-xs ${linkClass}`} onClick={onChangeReviewer}>
              change
            </button>
          </span>
          <span className="ml-auto text-slate-500 text-xs" data-testid="history-position">
            {state.status === 'item'
              ? `item ${state.item.id} · ${session.position + 1} of ${session.seen} seen`
              : ''}
          </span>
        </div>
        {state.status === 'error' && (
          <ErrorPanel error={state.error} onRetry={() => window.location.reload()} />
        )}
        {state.status === 'loading' && <p className="text-slate-500 text-sm">Loading…</p>}
        {state.status === 'finished' && (
          <div
            className="rounded border border-green-200 bg-green-50 p-4 text-green-900"
            data-testid="queue-done"
          >
            Nothing left for you in this queue. Thank you! Backspace goes back to change an answer.
          </div>
        )}
        {state.status === 'item' && (
          <div className="space-y-4">
            <ReviewItemView item={state.item} />
            <div className="space-y-2 border-slate-200 border-t pt-3">
              {queue?.kind === 'pairwise' ? (
                <PreferencePicker
                  value={state.draft.preference}
                  onChange={(preference) => session.setDraft((draft) => ({ ...draft, preference }))}
                />
              ) : (
                scoreConfigs.map((config, index) => (
                  <ScorePicker
                    key={config.name}
                    config={config}
                    value={state.draft.scores[config.name]}
                    active={index === active}
                    onActivate={() => setActive(index)}
                    onChange={(value) => setScore(config.name, value, index)}
                  />
                ))
              )}
              <textarea
                ref={commentRef}
                aria-label={queue?.kind === 'pairwise' ? 'Reason' : 'Comment'}
                placeholder={`${queue?.kind === 'pairwise' ? 'Reason' : 'Comment'} (c to write, Esc to leave, Enter submits)`}
                className={`h-16 w-full ${inputClass}`}
                value={state.draft.comment}
                onChange={(event) => {
                  const comment = event.target.value;
                  session.setDraft((draft) => ({ ...draft, comment }));
                }}
              />
              <div className="flex items-center gap-3">
                <button
                  type="button"
                  className={primaryButtonClass}
                  disabled={session.saving}
                  onClick={() => submit(state.draft)}
                >
                  Submit ⏎
                </button>
                <span className="text-slate-500 text-xs">
                  {state.answered ? 'You answered this before; Enter saves the change. ' : ''}s skip · c
                  comment · ←/Backspace/k back · →/j forward
                </span>
                {hint && (
                  <span role="status" className="text-amber-700 text-sm">
                    {hint}
                  </span>
                )}
              </div>
            </div>
          </div>
        )}
      </div>
      <aside className="w-80 shrink-0 overflow-auto border-slate-200 border-l bg-slate-50 p-4">
        {detail.data && (
          <QueueSummary detail={detail.data} reviewer={reviewer} blind={state.status !== 'finished'} />
        )}
      </aside>
    </div>
  );
}

function PreferencePicker({
  value,
  onChange,
}: {
  value: 'left' | 'right' | 'tie' | undefined;
  onChange: (value: 'left' | 'right' | 'tie') => void;
}) {
  const options = [
    { value: 'left', label: 'A is better', key: 'a' },
    { value: 'tie', label: 'Tie', key: 't' },
    { value: 'right', label: 'B is better', key: 'b' },
  ] as const;
  return (
    <div className="flex gap-2" data-testid="preference">
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={value === option.value}
          onClick={() => onChange(option.value)}
          className={`rounded border px-3 py-1 text-sm ${
            value === option.value
              ? 'border-indigo-600 bg-indigo-600 text-white'
              : 'border-slate-300 bg-white'
          }`}
        >
          <kbd className="mr-1 font-mono text-xs opacity-70">{option.key}</kbd>
          {option.label}
        </button>
      ))}
    </div>
  );
}
