import { emptySpan } from '@sextant/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from './api-request.js';
import { type ConsoleHarness, startConsoleHarness } from './console-harness.js';

interface Answer {
  itemId: string;
  reviewer: string;
  status: string;
  scores: { name: string; value: number }[];
  comment?: string;
}

const traceOf = (index: number) => `${'e'.repeat(31)}${index}`;

describe('review console', { timeout: 90_000 }, () => {
  let harness: ConsoleHarness;
  let page: Page;
  const api = <T>(method: string, path: string, body?: unknown) =>
    apiOk<T>(harness.url, harness.key, method, path, body);

  beforeAll(async () => {
    harness = await startConsoleHarness();
    page = (await harness.signedInPage()).page;
    page.setDefaultTimeout(10_000);
    await api('PUT', '/api/score-configs/helpful', {
      type: 'boolean',
      description: 'Does it answer the question?',
    });
    await api('PUT', '/api/score-configs/quality', {
      type: 'ordinal',
      description: 'How well is it written?',
      categories: [
        { value: 1, label: 'poor' },
        { value: 2, label: 'fair' },
        { value: 3, label: 'good' },
      ],
    });
    await api('POST', '/api/review-queues', { id: 'support', scoreNames: ['helpful', 'quality'] });
    // The first item's trace exists, so its human scores can be seen on the trace page.
    const startTimeUs = Date.now() * 1000;
    await harness.store.insertSpans('acme', [
      emptySpan({
        traceId: traceOf(1),
        spanId: 'f'.repeat(16),
        name: 'answer',
        startTimeUs,
        endTimeUs: startTimeUs + 1000,
      }),
    ]);
    await api('POST', '/api/review-queues/support/items', {
      items: [1, 2, 3].map((index) => ({
        id: `item-${index}`,
        traceId: traceOf(index),
        input: { type: 'messages', messages: [{ role: 'user', content: `How do refunds work? (${index})` }] },
        output: { type: 'text', text: `Refunds take ${index} days.` },
        documents: [{ id: 'policy', content: 'Refunds are paid within 14 days.', score: 0.9 }],
        toolCalls: [{ name: 'lookup_order', arguments: '{"id":7}', result: 'paid' }],
      })),
    });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  const shownItem = () => page.getByTestId('review-item').getAttribute('data-item-id');

  it('a reviewer completes a queue with the keyboard only: score, comment, skip, go back, change an answer', async () => {
    await page.goto(`${harness.url}/reviews`);
    await expect.poll(() => page.getByTestId('queues-table').textContent()).toContain('support');
    await page.goto(`${harness.url}/reviews/support`);
    // The reviewer's name, typed and confirmed with Enter.
    await page.getByLabel('Reviewer name').waitFor();
    await page.keyboard.type('ana');
    await page.keyboard.press('Enter');

    await expect.poll(shownItem).toBe('item-1');
    expect(await page.getByTestId('retrieved-document').count()).toBe(1);
    expect(await page.getByTestId('review-item').textContent()).toContain('lookup_order');
    await page.keyboard.press('y'); // helpful: yes; the next key goes to quality
    await page.keyboard.press('3'); // quality: good
    await page.keyboard.press('Enter');

    await expect.poll(shownItem).toBe('item-2');
    await page.keyboard.press('Enter'); // nothing scored yet: a hint, no submit
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Score the item first');
    await page.keyboard.press('n');
    await page.keyboard.press('1');
    await page.keyboard.press('c');
    await page.keyboard.type('wrong refund period');
    await page.keyboard.press('Enter'); // Enter in the comment submits

    await expect.poll(shownItem).toBe('item-3');
    await page.keyboard.press('s');
    await page.getByTestId('queue-done').waitFor();

    // Back to item 2 (through the skipped item 3), change helpful to yes, and save.
    await page.keyboard.press('Backspace');
    await expect.poll(shownItem).toBe('item-3');
    await page.keyboard.press('k');
    await expect.poll(shownItem).toBe('item-2');
    expect(await page.getByLabel('Comment').inputValue()).toBe('wrong refund period');
    expect(
      await page.getByTestId('score-quality').getByRole('button', { pressed: true }).textContent(),
    ).toContain('poor');
    await page.keyboard.press('y');
    await page.keyboard.press('Enter');
    // Saving moves forward through what was seen: item 3, skipped before, now scored.
    await expect.poll(shownItem).toBe('item-3');
    await page.keyboard.press('y');
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    await page.getByTestId('queue-done').waitFor();
    await expect
      .poll(() => page.getByTestId('my-progress').textContent())
      .toContain('You: 3 done, 0 skipped');
    await expect
      .poll(() => page.getByTestId('queue-summary').getByRole('progressbar').getAttribute('aria-valuenow'))
      .toBe('3');
    await harness.screenshot(page, 'review-queue-done');

    const { answers } = { answers: await answersOf('support') };
    expect(
      answers.map((answer) => [
        answer.itemId,
        answer.status,
        Object.fromEntries(answer.scores.map((s) => [s.name, s.value])),
      ]),
    ).toEqual([
      ['item-1', 'done', { helpful: 1, quality: 3 }],
      ['item-2', 'done', { helpful: 1, quality: 1 }],
      ['item-3', 'done', { helpful: 1, quality: 2 }],
    ]);
    expect(answers[1]?.comment).toBe('wrong refund period');
    const human = await api<{ scores: { traceId: string; name: string; value: number; author: string }[] }>(
      'GET',
      `/api/scores?source=human&traceIds=${traceOf(1)}`,
    );
    expect(human.scores.map((score) => [score.name, score.value, score.author]).sort()).toEqual([
      ['helpful', 1, 'ana'],
      ['quality', 3, 'ana'],
    ]);
    await page.goto(`${harness.url}/traces/${traceOf(1)}`);
    await expect
      .poll(() => page.getByTestId('trace-scores').textContent())
      .toContain('helpful yes ✓ · human · ana');
    // From the trace page, the trace goes into a queue again (as its own item, keyed by trace id).
    await page.getByRole('button', { name: 'Add to review queue' }).click();
    await page.getByTestId('add-to-review-queue').getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(() => page.getByTestId('add-to-review-queue').getByRole('status').textContent())
      .toBe('Added to support');
  });

  it('pairwise: picks A or B with the keyboard without seeing which system is which', async () => {
    await api('POST', '/api/review-queues', { id: 'ab', kind: 'pairwise' });
    await api('POST', '/api/review-queues/ab/items', {
      items: [1, 2].map((index) => ({
        id: `p${index}`,
        input: `question ${index}`,
        candidates: [
          { system: 'baseline', output: `short answer ${index}` },
          { system: 'candidate', output: `complete answer ${index}` },
        ],
      })),
    });
    await page.goto(`${harness.url}/reviews/ab`);
    for (let step = 0; step < 2; step++) {
      await page.getByTestId('pairwise-left').waitFor();
      const left = (await page.getByTestId('pairwise-left').textContent()) ?? '';
      expect(await page.locator('main, body').first().textContent()).not.toMatch(/baseline|candidate/);
      await page.keyboard.press(left.includes('complete') ? 'a' : 'b');
      await page.keyboard.press('c');
      await page.keyboard.type('more complete');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
    }
    await page.getByTestId('queue-done').waitFor();
    await expect.poll(() => page.getByTestId('win-rates').textContent()).toContain('0–2, 0 ties');
  });

  it('the judges page warns when a judge version agrees less with people than the one before', async () => {
    const traces = Array.from(
      { length: 12 },
      (_, index) => `${'d'.repeat(30)}${String(index).padStart(2, '0')}`,
    );
    const human = traces.map((_, index) => (index % 3 === 0 ? 0 : 1));
    await api('POST', '/api/scores', {
      scores: traces.map((traceId, index) => ({
        traceId,
        name: 'helpful',
        value: human[index],
        source: 'human',
        author: 'bo',
      })),
    });
    const judge = (version: string, value: (index: number) => number) => ({
      scores: traces.map((traceId, index) => ({
        traceId,
        name: 'judge-helpful',
        value: value(index),
        source: 'online',
        evaluatorName: 'judge-helpful',
        evaluatorVersion: version,
      })),
    });
    await api(
      'POST',
      '/api/scores',
      judge('1', (index) => human[index] ?? 0),
    );
    await api(
      'GET',
      '/api/judges/calibration?scoreName=helpful&evaluatorName=judge-helpful&evaluatorVersion=1',
    );
    await api(
      'POST',
      '/api/scores',
      judge('2', (index) => (index % 2 === 0 ? 1 : 0)),
    );
    await api(
      'GET',
      '/api/judges/calibration?scoreName=helpful&evaluatorName=judge-helpful&evaluatorVersion=2',
    );
    await page.goto(`${harness.url}/reviews/judges`);
    const card = page.getByTestId('judge-card');
    await expect
      .poll(() => card.getByRole('alert').textContent())
      .toMatch(/agreement dropped from kappa 1.00/);
    expect(await card.textContent()).toContain('Not trusted');

    // Calibrating from the page shows each version: kappa, confusion matrix and the corrected pass rate.
    await page.getByLabel('Score people gave').fill('helpful');
    await page.getByLabel('Judge evaluator').fill('judge-helpful');
    await page.getByRole('button', { name: 'Calibrate' }).click();
    const versions = page.getByTestId('judge-version');
    await expect.poll(() => versions.count()).toBe(2);
    const first = versions.filter({ hasText: 'v1' });
    expect(await first.textContent()).toContain("Cohen's κ 1.00");
    expect(await first.getByTestId('corrected-pass-rate').textContent()).toMatch(
      /judge's pass rate 66\.7% over 12 traces → corrected for its error 66\.7%/,
    );
    expect(await first.getByTestId('confusion-matrix').textContent()).toContain('people ↓ judge →');
    await harness.screenshot(page, 'review-judges');
  });

  it('defines a score and creates a queue filled from a dataset, from the console', async () => {
    await api('POST', '/api/datasets', { name: 'faq' });
    await api('POST', '/api/datasets/faq/items', {
      items: [
        { id: 'q1', input: 'How long do refunds take?', expectedOutput: '14 days' },
        { id: 'q2', input: 'Do you ship abroad?', expectedOutput: 'Yes' },
      ],
    });
    await page.goto(`${harness.url}/reviews`);
    await page.getByRole('button', { name: 'New queue' }).click();
    await page.getByLabel('Score name').fill('correct');
    await page.getByLabel('Description for reviewers').fill('Is the expected answer right?');
    await page.getByRole('button', { name: 'Save score' }).click();
    await expect
      .poll(() => page.getByTestId('new-score-config').getByRole('status').textContent())
      .toBe("Saved score 'correct'");
    const form = page.getByTestId('new-queue');
    await form.getByLabel('Queue id').fill('faq-check');
    await form.getByRole('checkbox', { name: 'correct' }).check();
    await form.getByLabel('Fill from').selectOption('dataset');
    await form.getByLabel('dataset name').fill('faq');
    await form.getByRole('button', { name: 'Create and fill' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toBe("Created 'faq-check' with 2 items");
    await expect.poll(() => page.locator('[data-queue-id="faq-check"]').textContent()).toContain('0 / 2');
    const config = await api<{ type: string; description: string }>('GET', '/api/score-configs/correct');
    expect(config).toMatchObject({ type: 'boolean', description: 'Is the expected answer right?' });
  });

  async function answersOf(queueId: string): Promise<Answer[]> {
    const answers: Answer[] = [];
    for (const itemId of ['item-1', 'item-2', 'item-3']) {
      const { answer } = await api<{ answer: Answer | null }>(
        'GET',
        `/api/review-queues/${queueId}/items/${itemId}?reviewer=ana`,
      );
      if (answer) answers.push({ ...answer, itemId, reviewer: 'ana' });
    }
    return answers;
  }
});
