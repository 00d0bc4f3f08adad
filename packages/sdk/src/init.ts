import { type Attributes, context, propagation, type Tracer, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  DropOldestSpanProcessor,
  type DropOldestSpanProcessorOptions,
  type ExportStats,
  withTimeout,
} from './drop-oldest-span-processor.js';
import { experimentSpans } from './experiments/span-collector.js';
import { DEFAULT_MAX_ATTRIBUTE_LENGTH } from './serialize-value.js';
import { SDK_NAME, SDK_VERSION, settings } from './settings.js';
import { TraceAttributesSpanProcessor } from './trace-attributes.js';

/** Options of {@link init}; every field is optional. */
export interface InitOptions extends DropOldestSpanProcessorOptions {
  /** Sextant server base URL. Default `SEXTANT_URL` or `http://127.0.0.1:4318`; spans go to `<endpoint>/v1/traces`. */
  endpoint?: string;
  /** Sent as `Authorization: Bearer <key>`. Default `SEXTANT_API_KEY`. */
  apiKey?: string;
  /** `service.name` of the app. Default `OTEL_SERVICE_NAME` or OTel's `unknown_service:node`. */
  serviceName?: string;
  serviceVersion?: string;
  /** `deployment.environment.name`, e.g. `production`. */
  environment?: string;
  /** More resource attributes. */
  resourceAttributes?: Attributes;
  /** More HTTP headers for the export requests. */
  headers?: Record<string, string>;
  /** Cut-off, in UTF-16 code units, for captured inputs, outputs and every string attribute. Default 64 KiB. */
  maxAttributeLength?: number;
  /** Register as the global tracer provider with an AsyncLocalStorage context manager. Default true. */
  registerGlobal?: boolean;
  /** Send spans here instead of the OTLP/protobuf exporter (tests, other backends). */
  exporter?: SpanExporter;
  /** Extra processors, run after Sextant's own. */
  spanProcessors?: SpanProcessor[];
}

/** What {@link init} returns. */
export interface SextantHandle {
  /** A tracer of the SDK's provider, for spans written by hand. */
  tracer: Tracer;
  provider: NodeTracerProvider;
  /** Exports queued spans. Never rejects; resolves within about 2 × `exportTimeoutMs`. */
  flush(): Promise<void>;
  /** Flushes, stops exporting and unregisters the global provider. Never rejects; bounded like `flush`. */
  shutdown(): Promise<void>;
  /** Export counters since `init`. */
  stats(): ExportStats;
}

const DEFAULT_ENDPOINT = 'http://127.0.0.1:4318';
const DEFAULT_EXPORT_TIMEOUT_MS = 5000;
/** Above OTel's default of 128: a retrieval span carries up to four attributes per document. */
const ATTRIBUTE_COUNT_LIMIT = 512;

/**
 * Starts sending spans to Sextant. Fail-open: the app never waits for or sees an error from the
 * server; spans queue in bounded memory and are exported in the background.
 */
export function init(options: InitOptions = {}): SextantHandle {
  const maxAttributeLength = options.maxAttributeLength ?? DEFAULT_MAX_ATTRIBUTE_LENGTH;
  const exportTimeoutMs = options.exportTimeoutMs ?? DEFAULT_EXPORT_TIMEOUT_MS;
  settings.maxAttributeLength = maxAttributeLength;
  const exporter = options.exporter ?? createOtlpExporter(options, exportTimeoutMs);
  const processor = new DropOldestSpanProcessor(exporter, { ...options, exportTimeoutMs });
  const provider = new NodeTracerProvider({
    resource: createResource(options),
    spanLimits: { attributeValueLengthLimit: maxAttributeLength, attributeCountLimit: ATTRIBUTE_COUNT_LIMIT },
    spanProcessors: [
      new TraceAttributesSpanProcessor(),
      processor,
      // Keeps spans of experiment runs in memory for their evaluators; a no-op for other traces.
      experimentSpans,
      ...(options.spanProcessors ?? []),
    ],
  });
  if (options.registerGlobal !== false) registerGlobally(provider);

  const boundMs = 2 * exportTimeoutMs;
  const flush = () => withTimeout(provider.forceFlush({ timeoutMillis: boundMs }), boundMs);
  // Short scripts end before the scheduled export; flush once when the event loop empties.
  const flushBeforeExit = () => void flush();
  process.once('beforeExit', flushBeforeExit);
  let shutdown: Promise<void> | undefined;

  return {
    tracer: provider.getTracer(SDK_NAME, SDK_VERSION),
    provider,
    flush,
    shutdown() {
      shutdown ??= (() => {
        process.off('beforeExit', flushBeforeExit);
        unregisterGlobally(provider);
        return withTimeout(provider.shutdown(), boundMs);
      })();
      return shutdown;
    },
    stats: () => processor.stats(),
  };
}

function createOtlpExporter(options: InitOptions, timeoutMillis: number): SpanExporter {
  const endpoint = (options.endpoint ?? process.env.SEXTANT_URL ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const apiKey = options.apiKey ?? process.env.SEXTANT_API_KEY;
  return new OTLPTraceExporter({
    url: endpoint.endsWith('/v1/traces') ? endpoint : `${endpoint}/v1/traces`,
    headers: { ...options.headers, ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}) },
    timeoutMillis,
  });
}

function createResource(options: InitOptions) {
  const serviceName = options.serviceName ?? process.env.OTEL_SERVICE_NAME;
  const attributes: Attributes = {
    ...options.resourceAttributes,
    'telemetry.distro.name': SDK_NAME,
    'telemetry.distro.version': SDK_VERSION,
  };
  if (serviceName) attributes['service.name'] = serviceName;
  if (options.serviceVersion) attributes['service.version'] = options.serviceVersion;
  if (options.environment) attributes['deployment.environment.name'] = options.environment;
  return defaultResource().merge(resourceFromAttributes(attributes));
}

/** The provider `init` registered globally, so a second `init` replaces it instead of failing silently. */
let registeredProvider: NodeTracerProvider | undefined;

function registerGlobally(provider: NodeTracerProvider): void {
  if (registeredProvider) unregisterGlobally(registeredProvider);
  // Sets the global tracer provider, an AsyncLocalStorage context manager and W3C propagators.
  // If another library registered first, OTel keeps theirs and reports it only to its diag logger.
  provider.register();
  if (isGlobalProvider(provider)) registeredProvider = provider;
}

function unregisterGlobally(provider: NodeTracerProvider): void {
  if (!isGlobalProvider(provider)) return;
  trace.disable();
  context.disable();
  propagation.disable();
  registeredProvider = undefined;
}

/**
 * Whether `provider` is the global delegate. Duck-typed, not `instanceof ProxyTracerProvider`:
 * the global proxy may come from another copy of @opentelemetry/api (its CommonJS and ESM builds).
 */
function isGlobalProvider(provider: NodeTracerProvider): boolean {
  const global = trace.getTracerProvider() as { getDelegate?: () => unknown };
  return typeof global.getDelegate === 'function' && global.getDelegate() === provider;
}
