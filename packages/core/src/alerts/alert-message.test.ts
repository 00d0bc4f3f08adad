import { describe, expect, it } from 'vitest';
import { alertMessage } from './alert-message.js';

describe('alertMessage', () => {
  it('builds a Slack body whose text and fields carry the rule, value, threshold and group', () => {
    const message = alertMessage({
      kind: 'fired',
      projectId: 'support-bot',
      ruleName: 'errors',
      condition: { metric: 'error_rate' },
      comparator: 'above',
      threshold: 0.05,
      windowMinutes: 15,
      group: 'gpt-4o',
      value: 0.125,
      firedAt: new Date('2026-05-01T12:00:00Z'),
      link: 'http://127.0.0.1:4318/alerts',
    });
    expect(message.text).toBe(
      ':rotating_light: Alert firing: errors for gpt-4o — error rate 12.5% (above 5.0% over 15 min) in project support-bot',
    );
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Alert firing: errors' },
    });
    const fields = (message.blocks[1] as { fields: { text: string }[] }).fields.map((field) => field.text);
    expect(fields).toContain('*Group*\ngpt-4o');
    expect(fields).toContain('*Value*\nerror rate: 12.5%');
    expect(message.blocks[2]).toMatchObject({ type: 'actions' });
    expect(JSON.parse(JSON.stringify(message)).sextant).toMatchObject({ kind: 'fired', value: 0.125 });
  });

  it('says plainly that a test is a test', () => {
    const message = alertMessage({
      kind: 'test',
      projectId: 'p',
      ruleName: 'slow',
      condition: { metric: 'latency', percentile: 'p99' },
      comparator: 'above',
      threshold: 2000,
      windowMinutes: 5,
      group: '',
      value: 2450.4,
      firedAt: new Date(0),
    });
    expect(message.text).toMatch(
      /^:test_tube: Test alert: slow — p99 latency 2450 ms \(above 2000 ms over 5 min\)/,
    );
    expect(JSON.stringify(message.blocks)).toContain('nothing is wrong');
  });
});
