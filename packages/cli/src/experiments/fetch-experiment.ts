import type { ApiRequest } from '../registry-client.js';
import type { ExperimentJson, SummaryJson } from './format-experiment.js';

export interface ShownExperiment {
  experiment: ExperimentJson;
  summary: SummaryJson;
}

export interface ItemsQuery {
  /** Items per page, 1 to 1000; the server's default (100) when absent, 1000 with `all`. */
  itemsLimit?: number;
  /** Follow every page and join their items, as if the server had sent them at once. */
  all?: boolean;
  /** Only items whose repeats disagree. */
  onlyFlaky?: boolean;
}

/** `GET /api/experiments/{id}`: aggregates over every run with the first page of items, or every item. */
export async function fetchExperiment(api: ApiRequest, id: string, query: ItemsQuery = {}) {
  const path = `/api/experiments/${encodeURIComponent(id)}`;
  const search = new URLSearchParams();
  const itemsLimit = query.itemsLimit ?? (query.all ? 1000 : undefined);
  if (itemsLimit !== undefined) search.set('itemsLimit', String(itemsLimit));
  if (query.onlyFlaky) search.set('itemsFilter', 'flaky');
  const get = () => api<ShownExperiment>('GET', search.size > 0 ? `${path}?${search}` : path);
  let shown = await get();
  if (!query.all) return shown;
  const items = [...shown.summary.itemSummaries];
  while (shown.summary.nextItemsCursor) {
    search.set('itemsCursor', shown.summary.nextItemsCursor);
    shown = await get();
    items.push(...shown.summary.itemSummaries);
  }
  // The last page's aggregates: the newest, when the experiment is still running.
  return { ...shown, summary: { ...shown.summary, itemSummaries: items } };
}
