import { expect } from 'vitest';
import type { AlertRuleRecord } from '../alert-store.js';
import type { Store } from '../store.js';

type ContractTest = (name: string, body: () => Promise<void>) => void;

const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 12, minute));
const rule = (id: string, name: string): AlertRuleRecord => ({
  id,
  name,
  definition: { condition: { metric: 'error_rate' }, threshold: 0.1 },
  enabled: true,
  createdAt: at(0),
  updatedAt: at(0),
});
const event = (id: string, groupKey: string, minute: number) => ({
  id,
  ruleId: 'r1',
  groupKey,
  value: 0.5,
  threshold: 0.1,
  summary: `errors ${groupKey}`,
  firedAt: at(minute),
  lastEvaluatedAt: at(minute),
});

/** Cases for `Store.alerts`, registered inside `runStoreContract` so every adapter runs them. */
export function registerAlertCases(test: ContractTest, store: () => Store) {
  const alerts = () => store().alerts;

  test('alerts: rules are stored per project, replaced by id, unique by name, and deleted', async () => {
    await alerts().putRule('alpha', rule('r1', 'errors'));
    await alerts().putRule('alpha', rule('r2', 'latency'));
    await alerts().putRule('beta', rule('r1', 'errors'));
    await alerts().putRule('alpha', { ...rule('r1', 'errors'), enabled: false, updatedAt: at(5) });
    expect(await alerts().getRule('alpha', 'r1')).toMatchObject({
      name: 'errors',
      enabled: false,
      definition: { threshold: 0.1 },
      createdAt: at(0),
      updatedAt: at(5),
    });
    expect((await alerts().listRules('alpha')).map((entry) => entry.name)).toEqual(['errors', 'latency']);
    await expect(alerts().putRule('alpha', rule('r3', 'errors'))).rejects.toThrow();
    expect(await alerts().deleteRule('alpha', 'r2')).toBe(true);
    expect(await alerts().deleteRule('alpha', 'r2')).toBe(false);
    expect(await alerts().getRule('beta', 'r2')).toBeNull();
  });

  test('alerts: at most one open alert per rule and group; resolving frees the group and feeds the cooldown', async () => {
    expect(await alerts().openEvent('alpha', event('e1', 'gpt-4o', 1))).toMatchObject({ status: 'open' });
    expect(await alerts().openEvent('alpha', event('e2', 'gpt-4o', 2))).toBeNull();
    expect(await alerts().openEvent('alpha', event('e3', 'claude', 2))).not.toBeNull();
    expect(await alerts().openEvent('beta', event('e1', 'gpt-4o', 2))).not.toBeNull();
    await alerts().touchEvent('alpha', 'e1', 0.7, at(3));
    expect(await alerts().getEvent('alpha', 'e1')).toMatchObject({ value: 0.7, lastEvaluatedAt: at(3) });
    expect(await alerts().resolveEvent('alpha', 'e1', 0.02, at(4))).toBe(true);
    expect(await alerts().resolveEvent('alpha', 'e1', 0.02, at(5))).toBe(false);
    expect(await alerts().getEvent('alpha', 'e1')).toMatchObject({
      status: 'resolved',
      value: 0.02,
      resolvedAt: at(4),
    });
    expect(await alerts().openEvent('alpha', event('e4', 'gpt-4o', 6))).not.toBeNull();
    expect(await alerts().lastResolved('alpha', 'r1')).toEqual(new Map([['gpt-4o', at(4)]]));
    const history = await alerts().listEvents('alpha');
    expect(history.map((entry) => entry.id)).toEqual(['e4', 'e3', 'e1']);
    expect((await alerts().listEvents('alpha', { status: 'open' })).map((entry) => entry.id)).toEqual([
      'e4',
      'e3',
    ]);
    expect(
      (await alerts().listEvents('alpha', { groupKey: 'gpt-4o', before: at(6) })).map((entry) => entry.id),
    ).toEqual(['e1']);
    expect(await alerts().getEvent('beta', 'e3')).toBeNull();
  });

  test('alerts: deliveries record every attempt with its status code, idempotent on id', async () => {
    const delivery = {
      id: 'd1',
      ruleId: 'r1',
      eventId: 'e1',
      kind: 'fired' as const,
      url: 'http://127.0.0.1:9/hook',
      attempt: 1,
      status: 'failed' as const,
      statusCode: 503,
      error: 'HTTP 503',
      createdAt: at(1),
    };
    await alerts().addDelivery('alpha', delivery);
    await alerts().addDelivery('alpha', delivery);
    await alerts().addDelivery('alpha', {
      ...delivery,
      id: 'd2',
      attempt: 2,
      status: 'delivered',
      statusCode: 200,
      error: null,
      createdAt: at(2),
    });
    await alerts().addDelivery('alpha', {
      ...delivery,
      id: 'd3',
      eventId: null,
      kind: 'test',
      createdAt: at(3),
    });
    const ofEvent = await alerts().listDeliveries('alpha', { eventId: 'e1' });
    expect(ofEvent.map((entry) => [entry.attempt, entry.status, entry.statusCode])).toEqual([
      [2, 'delivered', 200],
      [1, 'failed', 503],
    ]);
    expect((await alerts().listDeliveries('alpha', { ruleId: 'r1' })).map((entry) => entry.id)).toEqual([
      'd3',
      'd2',
      'd1',
    ]);
    expect(await alerts().listDeliveries('beta', {})).toEqual([]);
  });
}
