import { SextantError } from '@sextant/core';
import type { RetentionSetting, Store } from '@sextant/store';
import { type AuditCaller, AuditLog } from './audit-log.js';

/** Longest retention accepted: ten years. */
const maxDays = 3650;

/** A project's retention: how many days of traces, scores and finished jobs the sweep keeps. */
export class RetentionService {
  private readonly audit: AuditLog;

  constructor(private readonly store: Store) {
    this.audit = new AuditLog(store);
  }

  get(projectId: string): Promise<RetentionSetting> {
    return this.store.retention.get(projectId);
  }

  /** Sets (or with null, turns off) retention; every change is audited with before and after. */
  async set(projectId: string, days: number | null, caller: AuditCaller): Promise<RetentionSetting> {
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > maxDays)) {
      throw new SextantError(
        'bad_request',
        `retention days must be a whole number from 1 to ${maxDays}, or null to keep everything; got ${days}`,
      );
    }
    const before = await this.store.retention.get(projectId);
    const after = await this.store.retention.set(projectId, days);
    if (before.days !== after.days) {
      await this.audit.record(projectId, caller, {
        action: 'retention.update',
        targetType: 'retention',
        targetId: projectId,
        before: { days: before.days },
        after: { days: after.days },
      });
    }
    return after;
  }
}
