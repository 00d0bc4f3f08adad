// Records openinference.json: an agent built with @arizeai/openinference-core helpers (AGENT, RETRIEVER
// and TOOL spans) around the official `openai` client instrumented by
// @arizeai/openinference-instrumentation-openai, which talks to a loopback fake of the OpenAI API.
// Exported by the OTLP/HTTP JSON exporter to a loopback collector.
//
// Versions: openai@6.49.0 (openai@7 needs Node 22), @arizeai/openinference-instrumentation-openai@4.2.7,
// @arizeai/openinference-core@2.7.1 (its dependency), OTel api 1.9.0, sdk-trace-node 2.12.1, exporter 0.223.1.
// Run from a scratch folder:
//   cd /tmp/rec && npm i openai@6.49.0 @arizeai/openinference-instrumentation-openai@4.2.7 (plus the OTel set
//   listed in record-otel-js.mjs) && cp <this folder>/*.mjs /tmp/rec/ && node /tmp/rec/record-openinference.mjs <this folder>/..
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { context } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import {
  getRetrieverAttributes,
  getToolAttributes,
  setMetadata,
  setSession,
  setTags,
  setUser,
  traceAgent,
  traceRetriever,
  traceTool,
} from '@arizeai/openinference-core';
import { startCollector, startFakeOpenAI } from './loopback.mjs';

const outDir = process.argv[2] ?? '.';
const collector = await startCollector();
const fakeOpenAI = await startFakeOpenAI();
const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'support-rag', 'openinference.project.name': 'support-rag' }),
  spanProcessors: [
    new BatchSpanProcessor(new OTLPTraceExporter({ url: `${collector.url}/v1/traces` }), {
      maxExportBatchSize: 1000,
      scheduledDelayMillis: 60_000,
    }),
  ],
});
provider.register();

// The ESM build of `openai` is not hooked by require-in-the-middle; patch the CommonJS module explicitly.
const openaiModule = createRequire(import.meta.url)('openai');
const instrumentation = new OpenAIInstrumentation();
instrumentation.setTracerProvider(provider);
instrumentation.manuallyInstrument(openaiModule);
const client = new openaiModule.OpenAI({ apiKey: 'sk-test-loopback', baseURL: fakeOpenAI.url, maxRetries: 0 });

const documents = [
  { id: 'kb-112', content: 'Refunds are issued within 5 business days.', score: 0.91, metadata: { source: 'faq.md' } },
  { id: 'kb-087', content: 'Orders ship from Lyon and Paris.', score: 0.74, metadata: { source: 'shipping.md' } },
];
const retrieve = traceRetriever(async (query) => documents, {
  name: 'retrieve-kb',
  processOutput: (result) => getRetrieverAttributes({ documents: result }),
});
const getWeather = traceTool(async (args) => '18°C, sunny', {
  name: 'get_weather',
  attributes: getToolAttributes({
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  }),
});
const tools = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
];

const answer = traceAgent(
  async (question) => {
    const found = await retrieve(question);
    const messages = [
      { role: 'system', content: `Answer with the help of: ${found.map((d) => d.content).join(' ')}` },
      { role: 'user', content: question },
    ];
    const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools, temperature: 0.2 });
    const call = first.choices[0].message.tool_calls[0];
    const result = await getWeather(JSON.parse(call.function.arguments));
    messages.push(first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: result });
    const second = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools, temperature: 0.2 });
    return second.choices[0].message.content;
  },
  { name: 'support-agent' },
);

let active = setSession(context.active(), { sessionId: 'sess-7f3a' });
active = setUser(active, { userId: 'user-1729' });
active = setTags(active, ['beta', 'rag']);
active = setMetadata(active, { plan: 'pro' });
await context.with(active, () => answer('What is the weather in Paris?'));

await provider.forceFlush();
await provider.shutdown();
await Promise.all([collector.close(), fakeOpenAI.close()]);
if (collector.requests.length !== 1) throw new Error(`expected one export request, got ${collector.requests.length}`);
writeFileSync(join(outDir, 'openinference.json'), collector.requests[0].body);
console.log(`wrote openinference.json (${collector.requests[0].body.length} B); OpenAI calls: ${fakeOpenAI.requests.length}`);
