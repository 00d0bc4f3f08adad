import { type ReviewAnswer, type ReviewItem, SextantError } from '@sextant/core';
import type { Store } from '@sextant/store';

/** Per score: the most common answer (ties to the lower value), or the mean when no two reviewers agree. */
export function consensusLabels(answers: readonly ReviewAnswer[]): Record<string, number> {
  const values = new Map<string, number[]>();
  for (const answer of answers) {
    for (const score of answer.scores)
      values.set(score.name, [...(values.get(score.name) ?? []), score.value]);
  }
  const labels: Record<string, number> = {};
  for (const [name, list] of values) {
    const counts = new Map<number, number>();
    for (const value of list) counts.set(value, (counts.get(value) ?? 0) + 1);
    const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    labels[name] = top && top[1] > 1 ? top[0] : list.reduce((sum, value) => sum + value, 0) / list.length;
  }
  return labels;
}

/**
 * Writes a queue's reviewed items to a dataset (created when missing) as one new version: the input, the
 * reviewed output as expected output, and people's labels, reviewers and trace id in metadata.
 */
export async function addReviewedItemsToDataset(
  store: Store,
  projectId: string,
  source: {
    queueId: string;
    items: readonly ReviewItem[];
    answers: readonly ReviewAnswer[];
    datasetName: string;
  },
) {
  const { queueId, datasetName } = source;
  const byItem = new Map<string, ReviewAnswer[]>();
  for (const answer of source.answers) {
    if (answer.status === 'done') byItem.set(answer.itemId, [...(byItem.get(answer.itemId) ?? []), answer]);
  }
  const items = source.items.filter((item) => byItem.has(item.id));
  if (items.length === 0)
    throw new SextantError('bad_request', `queue '${queueId}' has no reviewed items yet`);
  if (!(await store.datasets.get(projectId, datasetName))) {
    await store.datasets.create(projectId, {
      name: datasetName,
      description: `Reviewed items of queue ${queueId}`,
    });
  }
  const upsert = items.map((item) => {
    const answers = byItem.get(item.id) ?? [];
    return {
      id: item.id,
      input: item.input ?? null,
      expectedOutput: item.output,
      metadata: {
        labels: consensusLabels(answers),
        reviewers: answers.map((answer) => answer.reviewer),
        reviewQueue: queueId,
        ...(item.traceId ? { traceId: item.traceId } : {}),
      },
      split: null,
    };
  });
  const version = await store.datasets.applyChanges(projectId, datasetName, {
    upsert,
    message: `reviewed items of queue ${queueId}`,
  });
  return { dataset: datasetName, version: version.version, items: upsert.length };
}
