import { type Tracer, trace } from '@opentelemetry/api';
import { DEFAULT_MAX_ATTRIBUTE_LENGTH } from './serialize-value.js';

/** The SDK's instrumentation scope, as it appears on every span the helpers create. */
export const SDK_NAME = '@sextant/sdk';
export const SDK_VERSION = '0.1.0';

/**
 * Process-wide helper settings, set by `init`. Module state on purpose: the helpers, like the
 * OpenTelemetry API they sit on, work against whatever provider is registered globally.
 */
export const settings = {
  /** Cut-off, in UTF-16 code units, for captured inputs, outputs and document contents. */
  maxAttributeLength: DEFAULT_MAX_ATTRIBUTE_LENGTH,
};

/**
 * The tracer the helpers use. Looked up on every span (a cheap map lookup) so that helpers keep
 * working across `init` / `shutdown` cycles instead of holding a tracer of a retired provider.
 */
export function getSdkTracer(): Tracer {
  return trace.getTracer(SDK_NAME, SDK_VERSION);
}
