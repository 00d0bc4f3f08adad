import { describe, expect, it } from 'vitest';
import { decodeItemsCursor, encodeItemsCursor, pageItemSummaries } from './page-item-summaries.js';
import type { ItemSummary } from './summarize-experiment.js';

const item = (itemId: string, flaky = false): ItemSummary => ({
  itemId,
  runs: [],
  means: {},
  flakyOn: flaky ? ['contains'] : [],
});

/** Follows nextItemsCursor from the first page to the last, as a client would. */
function walk(items: readonly ItemSummary[], limit: number, filter: 'all' | 'flaky' = 'all') {
  const pages: string[][] = [];
  let after: string | undefined;
  for (;;) {
    const page = pageItemSummaries(items, { limit, after, filter });
    pages.push(page.itemSummaries.map((entry) => entry.itemId));
    if (page.nextItemsCursor === null) return pages;
    const decoded = decodeItemsCursor(page.nextItemsCursor);
    if (!decoded.success) throw new Error(decoded.error);
    after = decoded.value;
  }
}

describe('pageItemSummaries', () => {
  // Out of order on purpose, with ids that sort differently as numbers, with case, and beyond ASCII.
  const ids = ['q10', 'q2', 'Q1', 'q1', 'é', 'q-3', 'z', 'a b', '😀', 'q20'];
  const sorted = [...ids].sort();

  it('walks every item exactly once, in item id order, for any page size', () => {
    for (const limit of [1, 2, 3, 4, 9, 10, 11, 1000]) {
      const pages = walk(
        ids.map((id) => item(id)),
        limit,
      );
      expect(pages.flat()).toEqual(sorted);
      expect(pages).toHaveLength(Math.max(1, Math.ceil(ids.length / limit)));
      expect(pages.every((page) => page.length <= limit)).toBe(true);
    }
  });

  it('reports the total and no next cursor on the last page, also when it is exactly full', () => {
    const items = ['c', 'a', 'b', 'd'].map((id) => item(id));
    const first = pageItemSummaries(items, { limit: 2 });
    expect(first.itemSummaries.map((entry) => entry.itemId)).toEqual(['a', 'b']);
    expect(first.itemsTotal).toBe(4);
    expect(first.nextItemsCursor).toBe(encodeItemsCursor('b'));
    const second = pageItemSummaries(items, { limit: 2, after: 'b' });
    expect(second.itemSummaries.map((entry) => entry.itemId)).toEqual(['c', 'd']);
    expect(second.nextItemsCursor).toBeNull();
    expect(pageItemSummaries([], { limit: 5 })).toEqual({
      itemSummaries: [],
      itemsTotal: 0,
      nextItemsCursor: null,
    });
  });

  it('resumes after the cursor item even when items arrived or vanished between pages', () => {
    const first = pageItemSummaries(
      ['a', 'c', 'e'].map((id) => item(id)),
      { limit: 2 },
    );
    expect(first.itemSummaries.map((entry) => entry.itemId)).toEqual(['a', 'c']);
    // 'b' gained its first run before 'c' (behind the cursor), 'd' after it, and 'c' itself is gone.
    const later = ['a', 'b', 'd', 'e'].map((id) => item(id));
    const second = pageItemSummaries(later, { limit: 2, after: 'c' });
    expect(second.itemSummaries.map((entry) => entry.itemId)).toEqual(['d', 'e']);
    expect(second.itemsTotal).toBe(4);
  });

  it('pages only flaky items when asked, counting only those', () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((id) => item(id, id === 'b' || id === 'e'));
    expect(walk(items, 1, 'flaky')).toEqual([['b'], ['e']]);
    expect(pageItemSummaries(items, { limit: 10, filter: 'flaky' }).itemsTotal).toBe(2);
  });

  it('leaves the caller’s array in its order', () => {
    const items = ['b', 'a'].map((id) => item(id));
    pageItemSummaries(items, { limit: 1 });
    expect(items.map((entry) => entry.itemId)).toEqual(['b', 'a']);
  });
});

describe('items cursor', () => {
  it('round-trips any item id', () => {
    for (const id of ['a', 'q-1', 'with "quotes" and , commas', '😀', '']) {
      expect(decodeItemsCursor(encodeItemsCursor(id))).toEqual({ success: true, value: id });
    }
  });

  it('refuses text it did not make, saying what to pass instead', () => {
    const notOurs = [
      'not base64 at all!',
      Buffer.from('{"after":"a"}').toString('base64url'),
      Buffer.from('["trace","a"]').toString('base64url'),
      Buffer.from('["item",7]').toString('base64url'),
      '',
    ];
    for (const text of notOurs) {
      const decoded = decodeItemsCursor(text);
      expect(decoded.success).toBe(false);
      if (!decoded.success) expect(decoded.error).toContain('pass summary.nextItemsCursor');
    }
  });
});
