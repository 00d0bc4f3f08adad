// Records vercel-ai.json: the Vercel AI SDK's own telemetry (`experimental_telemetry`) for a two-step
// generateText with a tool, a streamText and an embed, using the OpenAI chat provider against a loopback
// fake of the OpenAI API. Exported by the OTLP/HTTP JSON exporter to a loopback collector.
//
// Versions: ai@6.0.325, @ai-sdk/openai@3.0.141, OTel api 1.9.0, sdk-trace-node 2.12.1, exporter 0.223.1.
// Run from a scratch folder:
//   cd /tmp/rec && npm i ai@6.0.325 @ai-sdk/openai@3.0.141 (plus the OTel set listed in record-otel-js.mjs)
//   cp <this folder>/*.mjs /tmp/rec/ && node /tmp/rec/record-vercel-ai.mjs <this folder>/..
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOpenAI } from '@ai-sdk/openai';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { embed, generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { startCollector, startFakeOpenAI } from './loopback.mjs';

const outDir = process.argv[2] ?? '.';
const collector = await startCollector();
const fakeOpenAI = await startFakeOpenAI();
const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'travel-app' }),
  spanProcessors: [
    new BatchSpanProcessor(new OTLPTraceExporter({ url: `${collector.url}/v1/traces` }), {
      maxExportBatchSize: 1000,
      scheduledDelayMillis: 60_000,
    }),
  ],
});
provider.register();

const openai = createOpenAI({ apiKey: 'sk-test-loopback', baseURL: fakeOpenAI.url });
const telemetry = (functionId) => ({
  isEnabled: true,
  functionId,
  metadata: { sessionId: 'sess-ai-9', userId: 'user-1729', tags: ['beta', 'travel'] },
});

const result = await generateText({
  model: openai.chat('gpt-4o-mini'),
  system: 'You are a concise weather assistant.',
  prompt: 'What is the weather in Paris?',
  tools: {
    get_weather: tool({
      description: 'Current weather for a city',
      inputSchema: jsonSchema({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
      execute: async ({ city }) => ({ city, temperatureC: 18, conditions: 'sunny' }),
    }),
  },
  stopWhen: stepCountIs(3),
  experimental_telemetry: telemetry('weather-answer'),
});

const stream = streamText({
  model: openai.chat('gpt-4o-mini'),
  messages: [{ role: 'user', content: 'And in Lyon?' }],
  experimental_telemetry: telemetry('weather-followup'),
});
let streamed = '';
for await (const piece of stream.textStream) streamed += piece;

const embedded = await embed({
  model: openai.embedding('text-embedding-3-small'),
  value: 'What is the weather in Paris?',
  experimental_telemetry: telemetry('embed-question'),
});

await provider.forceFlush();
await provider.shutdown();
await Promise.all([collector.close(), fakeOpenAI.close()]);
if (collector.requests.length !== 1) throw new Error(`expected one export request, got ${collector.requests.length}`);
writeFileSync(join(outDir, 'vercel-ai.json'), collector.requests[0].body);
console.log(
  `wrote vercel-ai.json (${collector.requests[0].body.length} B); text=${JSON.stringify(result.text)} streamed=${JSON.stringify(streamed)} dims=${embedded.embedding.length}`,
);
