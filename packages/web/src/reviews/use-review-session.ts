import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { type ApiError, toApiError } from '../api/api-error';
import { type AnswerBody, answerItem, getItem, nextItem, type ReviewerItem } from '../api/reviews-api';

/** What the reviewer is filling in for the item on screen. */
export interface Draft {
  scores: Record<string, number>;
  comment: string;
  preference?: 'left' | 'right' | 'tie';
}

const emptyDraft: Draft = { scores: {}, comment: '' };

type SessionState =
  | { status: 'loading' }
  | { status: 'item'; item: ReviewerItem; draft: Draft; answered: boolean }
  | { status: 'finished' }
  | { status: 'error'; error: ApiError };

/**
 * One reviewer's walk through a queue: the item on screen, the ids seen so far (to go back and change an answer),
 * and moves forward that take the next item from the server only at the end of that history.
 */
export function useReviewSession(
  client: ApiClient,
  queueId: string,
  reviewer: string,
  onAnswered: () => void,
) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [history, setHistory] = useState<string[]>([]);
  const [position, setPosition] = useState(-1);
  const [saving, setSaving] = useState(false);

  const claimNext = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      const { item } = await nextItem(client, queueId, reviewer);
      if (!item) {
        setState({ status: 'finished' });
        setPosition((current) => current + 1);
        return;
      }
      setHistory((current) => [...current.filter((id) => id !== item.id), item.id]);
      setPosition((current) => current + 1);
      setState({ status: 'item', item, draft: emptyDraft, answered: false });
    } catch (error) {
      setState({ status: 'error', error: toApiError(error) });
    }
  }, [client, queueId, reviewer]);

  const open = useCallback(
    async (itemId: string, index: number) => {
      setState({ status: 'loading' });
      try {
        const { item, answer } = await getItem(client, queueId, itemId, reviewer);
        const draft: Draft = answer
          ? {
              scores: Object.fromEntries(answer.scores.map((score) => [score.name, score.value])),
              comment: answer.comment ?? answer.reason ?? '',
              preference: answer.preference,
            }
          : emptyDraft;
        setPosition(index);
        setState({ status: 'item', item, draft, answered: answer !== null });
      } catch (error) {
        setState({ status: 'error', error: toApiError(error) });
      }
    },
    [client, queueId, reviewer],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: start once per queue and reviewer
  useEffect(() => {
    setHistory([]);
    setPosition(-1);
    claimNext();
  }, [queueId, reviewer]);

  const back = () => {
    const index = Math.min(position, history.length) - 1;
    const id = history[index];
    if (id !== undefined) open(id, index);
  };
  const forward = () => {
    const id = history[position + 1];
    if (id !== undefined) open(id, position + 1);
  };
  /** After an answer: the next item seen before, or a new one from the server. */
  const advance = () => {
    const id = history[position + 1];
    if (id !== undefined) open(id, position + 1);
    else claimNext();
  };

  const submit = async (body: Omit<AnswerBody, 'reviewer'>) => {
    if (state.status !== 'item' || saving) return;
    setSaving(true);
    try {
      await answerItem(client, queueId, state.item.id, { ...body, reviewer });
      onAnswered();
      advance();
    } catch (error) {
      setState({ status: 'error', error: toApiError(error) });
    } finally {
      setSaving(false);
    }
  };

  const setDraft = (update: (draft: Draft) => Draft) =>
    setState((current) =>
      current.status === 'item' ? { ...current, draft: update(current.draft) } : current,
    );

  return {
    state,
    saving,
    position,
    seen: history.length,
    canGoBack: Math.min(position, history.length) > 0,
    canGoForward: position + 1 < history.length,
    back,
    forward,
    submit,
    setDraft,
  };
}
