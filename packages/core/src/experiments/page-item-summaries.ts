import { fail, ok, type Result } from '../result.js';
import type { ItemSummary } from './summarize-experiment.js';

/** Which items a page lists: every item, or only those whose repeats disagree. */
export type ItemFilter = 'all' | 'flaky';

export interface ItemPageQuery {
  /** Items per page, at least 1. */
  limit: number;
  /** Item id of the last item of the previous page (see `decodeItemsCursor`); absent for the first page. */
  after?: string;
  filter?: ItemFilter;
}

/** One page of item summaries, by item id. */
export interface ItemPage {
  itemSummaries: ItemSummary[];
  /** Items that pass the filter, on all pages. */
  itemsTotal: number;
  /** Cursor of the next page; null on the last page. */
  nextItemsCursor: string | null;
}

const tag = 'item';

/** Opaque cursor that resumes after the item `itemId`. */
export function encodeItemsCursor(itemId: string): string {
  return Buffer.from(JSON.stringify([tag, itemId])).toString('base64url');
}

/** The item id a cursor resumes after, or an error for text `encodeItemsCursor` did not make. */
export function decodeItemsCursor(text: string): Result<string> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed[0] === tag && typeof parsed[1] === 'string') {
      return ok(parsed[1]);
    }
  } catch {
    // fall through to the error below
  }
  return fail(
    `itemsCursor '${text.slice(0, 40)}' is not a cursor this API returned; pass summary.nextItemsCursor of the previous page, or leave it out for the first page`,
  );
}

/**
 * A page of items in item id order (UTF-16 code units, the same on every call). The cursor is the last
 * item id rather than an offset, so items that gain their first run between two pages neither shift
 * later items onto the next page twice nor push any off it.
 * @example pageItemSummaries(summary.itemSummaries, { limit: 100 }).nextItemsCursor; // 'WyJpdGVtIiwicTk5Il0'
 */
export function pageItemSummaries(items: readonly ItemSummary[], query: ItemPageQuery): ItemPage {
  const { limit, after, filter = 'all' } = query;
  const matching = items
    .filter((item) => filter === 'all' || item.flakyOn.length > 0)
    .sort((a, b) => compareIds(a.itemId, b.itemId));
  const start = after === undefined ? 0 : firstAfter(matching, after);
  const page = matching.slice(start, start + limit);
  const last = page.at(-1);
  return {
    itemSummaries: page,
    itemsTotal: matching.length,
    nextItemsCursor: last && start + limit < matching.length ? encodeItemsCursor(last.itemId) : null,
  };
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Index of the first item whose id sorts after `itemId` (binary search over the sorted items). */
function firstAfter(sorted: readonly ItemSummary[], itemId: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as ItemSummary).itemId <= itemId) low = middle + 1;
    else high = middle;
  }
  return low;
}
