import type { CanonicalSpan } from '@sextant/core';
import { type RedactionConfig, redactionConfigSchema, redactSpan } from '@sextant/core/redaction';
import type { Store } from '@sextant/store';

/** A project that never saved settings is not redacted: redaction is opted into per project. */
export const redactionOff: RedactionConfig = Object.freeze(redactionConfigSchema.parse({ enabled: false }));

interface CachedConfig {
  config: RedactionConfig;
  revision: number;
  checkedAt: number;
}

/**
 * Redacts spans with their project's settings before they are stored. Each thread that stores spans
 * (HTTP thread, ingestion workers, the gateway's span writer) holds one: settings are read at most once
 * per `maxAgeMs` per project (other processes' changes arrive that way) and parsed only when their
 * revision changed, so the compiled patterns are reused. `forget` makes a change in this process apply
 * to the next batch.
 */
export class ProjectRedaction {
  private readonly cache = new Map<string, CachedConfig>();

  constructor(
    private readonly store: Store,
    private readonly maxAgeMs = 1_000,
  ) {}

  async configFor(projectId: string): Promise<RedactionConfig> {
    const now = Date.now();
    const cached = this.cache.get(projectId);
    if (cached && now - cached.checkedAt < this.maxAgeMs) return cached.config;
    const record = await this.store.redactionSettings.get(projectId);
    const revision = record?.revision ?? 0;
    if (cached && cached.revision === revision) {
      cached.checkedAt = now;
      return cached.config;
    }
    const config = record ? parseStored(record.settings) : redactionOff;
    this.cache.set(projectId, { config, revision, checkedAt: now });
    return config;
  }

  /** The spans with PII replaced; each redacted span records its counts under `sextant.redactions`. */
  async redact(projectId: string, spans: CanonicalSpan[]): Promise<CanonicalSpan[]> {
    const config = await this.configFor(projectId);
    if (!config.enabled) return spans;
    return spans.map((span) => redactSpan(span, config).span);
  }

  forget(projectId: string): void {
    this.cache.delete(projectId);
  }
}

// Settings are validated when saved; should a stored row ever fail to parse (a pattern a newer check
// refuses), redacting with every built-in detector is the safe reading, never storing PII unredacted.
function parseStored(settings: unknown): RedactionConfig {
  const parsed = redactionConfigSchema.safeParse(settings);
  return parsed.success ? parsed.data : redactionConfigSchema.parse({ enabled: true });
}
