import { newSpanId, newTraceId, type SeedSpan, sendSpans } from './otlp-builder.js';

export interface SeededData {
  ragTraceId: string;
  errorTraceId: string;
  hugeTraceId: string;
  malformedTraceId: string;
  sessionId: string;
  /** The session's traces, oldest first. */
  sessionTraceIds: string[];
  /** Plain `classify` traces, enough for more than one page. */
  bulkCount: number;
  traceCount: number;
  hugeOutputLength: number;
}

const json = (value: unknown) => JSON.stringify(value);
const chat = (model: string, inputTokens: number, outputTokens: number) => ({
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': model.startsWith('claude') ? 'anthropic' : 'openai',
  'gen_ai.request.model': model,
  'gen_ai.usage.input_tokens': inputTokens,
  'gen_ai.usage.output_tokens': outputTokens,
});

/** A RAG turn: chain root → retrieval with scored documents → llm with messages and a tool call → tool. */
function ragTrace(
  traceId: string,
  startMs: number,
  turn: { question: string; answer: string; sessionId: string },
) {
  const root = newSpanId();
  const llm = newSpanId();
  const spans: SeedSpan[] = [
    {
      traceId,
      spanId: root,
      name: 'support-answer',
      startMs,
      durationMs: 1840,
      attributes: {
        'gen_ai.operation.name': 'invoke_workflow',
        'gen_ai.conversation.id': turn.sessionId,
        'user.id': 'alice',
        'sextant.tags': ['prod', 'rag'],
        'sextant.input': turn.question,
        'sextant.output': turn.answer,
      },
    },
    {
      traceId,
      parentSpanId: root,
      name: 'retrieve kb',
      startMs: startMs + 20,
      durationMs: 310,
      attributes: {
        'gen_ai.operation.name': 'retrieval',
        'gen_ai.retrieval.query.text': turn.question,
        'gen_ai.retrieval.documents': json([
          {
            id: 'kb-12',
            score: 0.913,
            content: 'Refunds are issued to the original payment method within 5 business days.',
          },
          { id: 'kb-7', score: 0.72, content: 'Orders can be cancelled until they ship.' },
        ]),
      },
    },
    {
      traceId,
      spanId: llm,
      parentSpanId: root,
      name: 'chat gpt-4o-mini',
      startMs: startMs + 350,
      durationMs: 1200,
      attributes: {
        ...chat('gpt-4o-mini', 812, 64),
        'gen_ai.input.messages': json([
          { role: 'system', parts: [{ type: 'text', content: 'You are a helpful support agent for Acme.' }] },
          { role: 'user', parts: [{ type: 'text', content: turn.question }] },
        ]),
        'gen_ai.output.messages': json([
          {
            role: 'assistant',
            parts: [
              { type: 'text', content: turn.answer },
              { type: 'tool_call', id: 'call_1', name: 'lookup_order', arguments: { orderId: 'A-17' } },
            ],
            finish_reason: 'tool_call',
          },
        ]),
      },
    },
    {
      traceId,
      parentSpanId: root,
      name: 'execute_tool lookup_order',
      startMs: startMs + 1580,
      durationMs: 240,
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'lookup_order',
        'gen_ai.tool.call.id': 'call_1',
        'gen_ai.tool.call.arguments': json({ orderId: 'A-17' }),
        'gen_ai.tool.call.result': json({ status: 'shipped', carrier: 'UPS' }),
      },
    },
  ];
  return spans;
}

/** Seeds everything the browser tests look at, through OTLP like a real app. */
export async function seedConsoleData(baseUrl: string, key: string): Promise<SeededData> {
  const now = Date.now();
  const sessionId = 'sess-42';
  const turns = [
    { question: 'How do refunds work?', answer: 'Refunds go back to your card within 5 business days.' },
    {
      question: 'Can I cancel order A-17?',
      answer: 'Order A-17 has shipped, so it can no longer be cancelled.',
    },
    {
      question: 'Then how do I return it?',
      answer: 'Start a return from your orders page; the label is free.',
    },
  ];
  const sessionTraceIds = turns.map(() => newTraceId());
  const spans: SeedSpan[] = turns.flatMap((turn, index) =>
    ragTrace(sessionTraceIds[index]!, now - 600_000 + index * 60_000, { ...turn, sessionId }),
  );

  const errorTraceId = newTraceId();
  const errorRoot = newSpanId();
  spans.push(
    {
      traceId: errorTraceId,
      spanId: errorRoot,
      name: 'order-status',
      startMs: now - 300_000,
      durationMs: 5100,
      attributes: { 'gen_ai.operation.name': 'invoke_workflow', 'sextant.input': 'Where is my order B-9?' },
      error: { type: 'TimeoutError', message: 'lookup service timed out after 5000 ms' },
    },
    {
      traceId: errorTraceId,
      parentSpanId: errorRoot,
      name: 'execute_tool lookup_order',
      startMs: now - 299_900,
      durationMs: 5000,
      attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup_order' },
      error: {
        type: 'TimeoutError',
        message: 'lookup service timed out after 5000 ms',
        stack:
          'TimeoutError: lookup service timed out after 5000 ms\n    at lookupOrder (src/tools/orders.ts:41:11)\n    at async runTool (src/agent.ts:88:5)',
      },
    },
  );

  const hugeTraceId = newTraceId();
  const hugeOutput = `BEGIN ${'The quick brown fox jumps over the lazy dog. '.repeat(23_302)}END`;
  spans.push({
    traceId: hugeTraceId,
    name: 'summarise-archive',
    startMs: now - 200_000,
    durationMs: 9000,
    attributes: {
      ...chat('gpt-4o', 120_000, 250_000),
      'sextant.input': 'Summarise the whole archive.',
      'sextant.output': hugeOutput,
    },
  });

  const malformedTraceId = newTraceId();
  spans.push({
    traceId: malformedTraceId,
    name: 'malformed-attributes',
    startMs: now - 100_000,
    durationMs: 800,
    attributes: {
      ...chat('gpt-4o', 10, 5),
      'gen_ai.input.messages': '[{"role": "user", "content": "unterminated',
      'gen_ai.tool.call.arguments': '{"orderId": A-17',
      'app.config': '{not: valid json}',
    },
  });

  const bulkCount = 60;
  for (let index = 0; index < bulkCount; index++) {
    const model = index % 3 === 0 ? 'claude-3-5-sonnet' : 'gpt-4o';
    spans.push({
      traceId: newTraceId(),
      name: 'classify-ticket',
      startMs: now - 3_000_000 + index * 40_000,
      durationMs: 200 + ((index * 37) % 900),
      attributes: {
        ...chat(model, 100 + index, 10 + (index % 7)),
        'sextant.input': `Ticket ${index}: my package is late`,
        'sextant.output': index % 2 ? 'shipping' : 'billing',
        'sextant.tags': [index % 2 ? 'shipping' : 'billing'],
      },
      ...(index % 10 === 9 ? { error: { message: 'rate limited (429)' } } : {}),
    });
  }
  for (let start = 0; start < spans.length; start += 40)
    await sendSpans(baseUrl, key, spans.slice(start, start + 40));
  return {
    ragTraceId: sessionTraceIds[0]!,
    errorTraceId,
    hugeTraceId,
    malformedTraceId,
    sessionId,
    sessionTraceIds,
    bulkCount,
    traceCount: turns.length + 3 + bulkCount,
    hugeOutputLength: hugeOutput.length,
  };
}
