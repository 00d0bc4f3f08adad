/** The empty state of a project with no traces yet: how to send the first ones. */
export function SendTracesHelp() {
  const origin = window.location.origin;
  return (
    <div className="mx-auto max-w-3xl p-8 text-sm" data-testid="empty-project">
      <h2 className="mb-2 font-semibold text-base">No traces in this project yet</h2>
      <p className="mb-4 text-slate-600">
        Sextant receives OpenTelemetry traces on this server at <code>{origin}/v1/traces</code>. Point any
        OTLP/HTTP exporter at it with this project's key; traces appear here within seconds (turn on{' '}
        <em>Live</em> to watch).
      </p>
      <h3 className="mb-1 font-medium">From any OpenTelemetry-instrumented app</h3>
      <pre className="mb-4 overflow-auto rounded bg-slate-900 p-3 text-slate-100 text-xs">
        {`export OTEL_EXPORTER_OTLP_ENDPOINT=${origin}
export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer <your project key>"
export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf`}
      </pre>
      <h3 className="mb-1 font-medium">From a TypeScript app with the Sextant SDK</h3>
      <pre className="mb-4 overflow-auto rounded bg-slate-900 p-3 text-slate-100 text-xs">
        {`import { init, traced } from '@sextant/sdk';

const sextant = init({ serviceName: 'support-bot' }); // reads SEXTANT_URL and SEXTANT_API_KEY
const answer = traced('answer', { kind: 'chain' }, async (question: string) => generate(question));`}
      </pre>
      <p className="text-slate-500">
        Spans using the OpenTelemetry GenAI conventions, OpenInference, OpenLLMetry or the Vercel AI SDK
        telemetry are understood as they are.
      </p>
    </div>
  );
}
