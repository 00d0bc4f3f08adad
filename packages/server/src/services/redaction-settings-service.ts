import {
  type RedactionConfig,
  type RedactionConfigInput,
  redactionConfigSchema,
  redactText,
  type TextRedaction,
} from '@sextant/core/redaction';
import type { Store } from '@sextant/store';
import { redactionOff } from '../ingest/project-redaction.js';
import { type AuditCaller, AuditLog } from './audit-log.js';

/** A project's redaction settings, defaults filled in; revision 0 and no date when never saved. */
export interface RedactionSettings {
  settings: RedactionConfig;
  revision: number;
  updatedAt: Date | null;
}

/**
 * Per-project PII redaction settings: validated (invalid or catastrophically backtracking patterns are
 * refused with the reason), audited, and announced to the ingestion threads through `onChange`.
 */
export class RedactionSettingsService {
  private readonly audit: AuditLog;

  constructor(
    private readonly store: Store,
    private readonly onChange: (projectId: string) => void = () => {},
  ) {
    this.audit = new AuditLog(store);
  }

  async get(projectId: string): Promise<RedactionSettings> {
    const record = await this.store.redactionSettings.get(projectId);
    if (!record) return { settings: redactionOff, revision: 0, updatedAt: null };
    return {
      settings: redactionConfigSchema.parse(record.settings),
      revision: record.revision,
      updatedAt: record.updatedAt,
    };
  }

  /** `input` was parsed by the route's schema; it is stored with its defaults filled in. */
  async put(projectId: string, input: RedactionConfig, caller: AuditCaller): Promise<RedactionSettings> {
    const before = await this.get(projectId);
    const saved = await this.store.redactionSettings.put(projectId, input);
    this.onChange(projectId);
    await this.audit.record(projectId, caller, {
      action: 'redaction_settings.update',
      targetType: 'redaction_settings',
      targetId: projectId,
      before: before.revision === 0 ? null : before.settings,
      after: input,
    });
    return { settings: input, revision: saved.revision, updatedAt: saved.updatedAt };
  }

  /** What the saved settings (or the given, unsaved ones) would do to a text: for trying patterns out. */
  async preview(projectId: string, text: string, settings?: RedactionConfigInput): Promise<TextRedaction> {
    const config = settings ? redactionConfigSchema.parse(settings) : (await this.get(projectId)).settings;
    return redactText(text, config);
  }
}
