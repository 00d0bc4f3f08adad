// Records otel-js-gen-ai.json and otel-js-gen-ai.pb: the same batch of spans, carrying the OTel GenAI
// semantic conventions (current and deprecated), exported once by the OTLP/HTTP JSON exporter and
// once by the OTLP/HTTP protobuf exporter, as captured by a loopback collector.
//
// Run from a scratch folder (packages are not installed in the repo):
//   mkdir -p /tmp/rec && cd /tmp/rec && npm init -y && npm i @opentelemetry/api@1.9.0 \
//     @opentelemetry/sdk-trace-node@2.12.1 @opentelemetry/sdk-trace-base@2.12.1 @opentelemetry/resources@2.12.1 \
//     @opentelemetry/exporter-trace-otlp-http@0.223.1 @opentelemetry/exporter-trace-otlp-proto@0.223.1
//   cp <this folder>/*.mjs /tmp/rec/ && node /tmp/rec/record-otel-js.mjs <this folder>/..
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { startCollector } from './loopback.mjs';

const outDir = process.argv[2] ?? '.';
const collector = await startCollector();
const batch = { maxExportBatchSize: 1000, scheduledDelayMillis: 60_000 };
const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'weather-agent', 'service.version': '1.4.2', 'deployment.environment.name': 'staging' }),
  spanProcessors: [
    new BatchSpanProcessor(new JsonExporter({ url: `${collector.url}/v1/traces` }), batch),
    new BatchSpanProcessor(new ProtoExporter({ url: `${collector.url}/v1/traces` }), batch),
  ],
});
provider.register();
const tracer = trace.getTracer('weather-agent', '1.4.2');

const systemInstructions = [{ type: 'text', content: 'You are a concise weather assistant.' }];
const userMessage = { role: 'user', parts: [{ type: 'text', content: 'What is the weather in Paris?' }] };
const toolCallMessage = {
  role: 'assistant',
  parts: [{ type: 'tool_call', id: 'call_Vx1oQ0CQ4R4b2u7dKgJ2sZ3p', name: 'get_weather', arguments: { city: 'Paris' } }],
  finish_reason: 'tool_calls',
};
const toolResponseMessage = {
  role: 'tool',
  parts: [{ type: 'tool_call_response', id: 'call_Vx1oQ0CQ4R4b2u7dKgJ2sZ3p', response: '18°C, sunny' }],
};
const answer = {
  role: 'assistant',
  parts: [{ type: 'text', content: 'It is 18°C and sunny in Paris right now.' }],
  finish_reason: 'stop',
};

function chat(inputMessages, outputMessage, usage) {
  return tracer.startActiveSpan('chat gpt-4o-mini', { kind: SpanKind.CLIENT }, (span) => {
    span.setAttributes({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 256,
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.response.id': 'chatcmpl-BzQ7kR2mN4pL8sT1vW3xY5zA6b1',
      'gen_ai.response.finish_reasons': [outputMessage.finish_reason],
      'gen_ai.usage.input_tokens': usage.input,
      'gen_ai.usage.output_tokens': usage.output,
      'gen_ai.usage.cache_read.input_tokens': usage.cacheRead,
      'gen_ai.usage.cache_creation.input_tokens': usage.cacheCreation,
      'gen_ai.usage.reasoning.output_tokens': usage.reasoning,
      'gen_ai.system_instructions': JSON.stringify(systemInstructions),
      'gen_ai.input.messages': JSON.stringify(inputMessages),
      'gen_ai.output.messages': JSON.stringify([outputMessage]),
      'server.address': 'api.openai.com',
      'server.port': 443,
    });
    span.end();
  });
}

tracer.startActiveSpan('invoke_agent weather-agent', { kind: SpanKind.INTERNAL }, (agent) => {
  agent.setAttributes({
    'gen_ai.operation.name': 'invoke_agent',
    'gen_ai.provider.name': 'openai',
    'gen_ai.agent.name': 'weather-agent',
    'gen_ai.agent.id': 'asst_5j66UpCpwteGg4YSxUnt7lPY',
    'gen_ai.conversation.id': 'conv_5f0e2c8a',
    'gen_ai.request.model': 'gpt-4o-mini',
    'user.id': 'user-1729',
    'sextant.prompt.name': 'weather-answer',
    'sextant.prompt.version': '3',
    'sextant.release.id': 'rel_2026_01_weather',
    'sextant.tags': ['beta', 'weather'],
    'sextant.input': 'What is the weather in Paris?',
  });
  chat([userMessage], toolCallMessage, { input: 1310, output: 17, cacheRead: 1152, cacheCreation: 0, reasoning: 0 });
  tracer.startActiveSpan('execute_tool get_weather', { kind: SpanKind.INTERNAL }, (tool) => {
    tool.setAttributes({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'get_weather',
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.description': 'Current weather for a city',
      'gen_ai.tool.call.id': 'call_Vx1oQ0CQ4R4b2u7dKgJ2sZ3p',
      'gen_ai.tool.call.arguments': '{"city":"Paris"}',
      'gen_ai.tool.call.result': '18°C, sunny',
    });
    tool.end();
  });
  chat([userMessage, toolCallMessage, toolResponseMessage], answer, {
    input: 1345,
    output: 14,
    cacheRead: 1280,
    cacheCreation: 0,
    reasoning: 0,
  });
  tracer.startActiveSpan('embeddings text-embedding-3-small', { kind: SpanKind.CLIENT }, (span) => {
    span.setAttributes({
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'text-embedding-3-small',
      'gen_ai.response.model': 'text-embedding-3-small',
      'gen_ai.usage.input_tokens': 8,
      'gen_ai.embeddings.dimension.count': 1536,
    });
    span.end();
  });
  // An older instrumentation's span: deprecated gen_ai.system / gen_ai.prompt / prompt_tokens and content events.
  tracer.startActiveSpan('openai.chat', { kind: SpanKind.CLIENT }, (span) => {
    span.setAttributes({
      'gen_ai.system': 'openai',
      'gen_ai.request.model': 'gpt-3.5-turbo',
      'gen_ai.response.model': 'gpt-3.5-turbo-0125',
      'gen_ai.usage.prompt_tokens': 21,
      'gen_ai.usage.completion_tokens': 9,
      'gen_ai.prompt': JSON.stringify([{ role: 'user', content: 'Say hello in French.' }]),
      'gen_ai.completion': JSON.stringify([{ role: 'assistant', content: 'Bonjour !' }]),
    });
    span.addEvent('gen_ai.system.message', { 'gen_ai.system': 'openai', content: 'Be brief.' });
    span.addEvent('gen_ai.user.message', { 'gen_ai.system': 'openai', content: 'Say hello in French.' });
    span.addEvent('gen_ai.choice', {
      'gen_ai.system': 'openai',
      index: 0,
      finish_reason: 'stop',
      message: JSON.stringify({ role: 'assistant', content: 'Bonjour !' }),
    });
    span.end();
  });
  tracer.startActiveSpan('chat gpt-4o', { kind: SpanKind.CLIENT }, (span) => {
    span.setAttributes({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'error.type': '429',
    });
    const error = new Error('Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM)');
    error.name = 'RateLimitError';
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    span.end();
  });
  agent.setAttribute('sextant.output', 'It is 18°C and sunny in Paris right now.');
  agent.setStatus({ code: SpanStatusCode.OK });
  agent.end();
});

await provider.forceFlush();
await provider.shutdown();
await collector.close();

const json = collector.requests.find((r) => r.contentType.includes('json'));
const proto = collector.requests.find((r) => r.contentType.includes('protobuf'));
if (!json || !proto || collector.requests.length !== 2) throw new Error(`expected one JSON and one protobuf request, got ${collector.requests.length}`);
writeFileSync(join(outDir, 'otel-js-gen-ai.json'), json.body);
writeFileSync(join(outDir, 'otel-js-gen-ai.pb'), proto.body);
console.log(`wrote otel-js-gen-ai.json (${json.body.length} B) and otel-js-gen-ai.pb (${proto.body.length} B)`);
