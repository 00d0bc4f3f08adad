// Builds OTLP/JSON export requests shaped like a GenAI app's: 10 traces x 10 spans of about 1 KB each.

const attribute = (key, value) => ({
  key,
  value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value },
});

const question = 'How do I rotate the API key of a project without downtime for the ingestion pipeline? ';
const answer =
  'Create a second key, deploy it to every exporter, then revoke the first one once traffic moved. ';

function spanTemplate(traceSlot, spanSlot) {
  const isRoot = spanSlot === 0;
  const kind = isRoot ? 'chain' : spanSlot % 3 === 1 ? 'retrieval' : 'llm';
  const attributes = isRoot
    ? [attribute('sextant.span.kind', 'chain'), attribute('sextant.session.id', `session-${traceSlot}`)]
    : kind === 'retrieval'
      ? [
          attribute('openinference.span.kind', 'RETRIEVER'),
          attribute('retrieval.documents.0.document.content', answer.repeat(4)),
          attribute('retrieval.documents.0.document.score', 1),
        ]
      : [
          attribute('gen_ai.operation.name', 'chat'),
          attribute('gen_ai.provider.name', 'openai'),
          attribute('gen_ai.request.model', 'gpt-4o-mini'),
          attribute('gen_ai.usage.input_tokens', 180 + spanSlot),
          attribute('gen_ai.usage.output_tokens', 40 + spanSlot),
          attribute(
            'gen_ai.input.messages',
            JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: question.repeat(3) }] }]),
          ),
          attribute(
            'gen_ai.output.messages',
            JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: answer.repeat(2) }] }]),
          ),
        ];
  return {
    traceId: `__T${traceSlot}__`,
    spanId: `__S${traceSlot}_${spanSlot}__`,
    parentSpanId: isRoot ? '' : `__S${traceSlot}_0__`,
    name: isRoot ? 'answer question' : kind === 'retrieval' ? 'retrieve documents' : 'chat gpt-4o-mini',
    kind: isRoot ? 2 : 3,
    startTimeUnixNano: `__NOW__`,
    endTimeUnixNano: `__END__`,
    attributes,
    status: { code: 1 },
  };
}

/** Returns a function that renders batch number `n` with unique, decodable ids. */
export function createBatchRenderer({ runId, traces = 10, spansPerTrace = 10 }) {
  const template = JSON.stringify({
    resourceSpans: [
      {
        resource: {
          attributes: [attribute('service.name', 'bench-app'), attribute('telemetry.sdk.language', 'nodejs')],
        },
        scopeSpans: [
          {
            scope: { name: 'bench', version: '1.0.0' },
            spans: Array.from({ length: traces * spansPerTrace }, (_, index) =>
              spanTemplate(Math.floor(index / spansPerTrace), index % spansPerTrace),
            ),
          },
        ],
      },
    ],
  });
  return {
    spansPerBatch: traces * spansPerTrace,
    bytes: template.length,
    render(batch) {
      const now = BigInt(Date.now()) * 1_000_000n;
      const nowText = String(now);
      const endText = String(now + 150_000_000n);
      return template.replace(/__(T|S|NOW|END)(\d*)_?(\d*)__/g, (_, type, traceSlot, spanSlot) => {
        if (type === 'NOW') return nowText;
        if (type === 'END') return endText;
        if (type === 'T') return traceIdFor(runId, batch, Number(traceSlot));
        return spanIdFor(batch, Number(traceSlot), Number(spanSlot));
      });
    },
  };
}

/** Trace ids encode run, batch and slot, so a verifier can find every span of an acknowledged batch. */
export const traceIdFor = (runId, batch, slot) =>
  `${runId.padStart(8, '0')}${batch.toString(16).padStart(16, '0')}${slot.toString(16).padStart(8, '0')}`;

export const batchTracePrefix = (runId, batch) =>
  `${runId.padStart(8, '0')}${batch.toString(16).padStart(16, '0')}`;

const spanIdFor = (batch, traceSlot, spanSlot) =>
  `${(batch % 0xffffffff).toString(16).padStart(8, '0')}${(traceSlot * 256 + spanSlot + 1).toString(16).padStart(8, '0')}`;
