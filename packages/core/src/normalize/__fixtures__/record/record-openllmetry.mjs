// Records openllmetry.json: a workflow built with the Traceloop SDK (@traceloop/node-server-sdk@0.27.0:
// workflow, agent, tool and task spans, association properties) around the official `openai` client
// instrumented by @traceloop/instrumentation-openai@0.27.0, calling a loopback fake of the OpenAI API.
// The SDK runs its own NodeSDK (@opentelemetry/sdk-node 0.203.x); we hand it the OTLP/HTTP JSON exporter
// @opentelemetry/exporter-trace-otlp-http@0.223.1 pointed at a loopback collector.
//
// Versions: openai@6.49.0 (openai@7 needs Node 22 and the instrumentation supports openai <7).
// Run from its own scratch folder (the SDK pulls a different OTel minor than the other recorders):
//   mkdir -p /tmp/rec-traceloop && cd /tmp/rec-traceloop && npm init -y && npm i @traceloop/node-server-sdk@0.27.0 \
//     openai@6.49.0 @opentelemetry/exporter-trace-otlp-http@0.223.1
//   cp <this folder>/*.mjs /tmp/rec-traceloop/ && TRACELOOP_TELEMETRY=false node /tmp/rec-traceloop/record-openllmetry.mjs <this folder>/..
//
// openllmetry-legacy.json is the same script against the last release line that wrote the older indexed
// attributes (gen_ai.prompt.N.role/content, gen_ai.completion.N.*, llm.request.type, llm.usage.total_tokens),
// which many deployed apps (and the Python traceloop-sdk) still send:
//   mkdir -p /tmp/rec-tl22 && cd /tmp/rec-tl22 && npm init -y && npm i @traceloop/node-server-sdk@0.22.8 \
//     openai@5.23.2 @opentelemetry/exporter-trace-otlp-http@0.223.1      (instrumentation-openai 0.22.5 needs openai <6)
//   cp <this folder>/*.mjs /tmp/rec-tl22/ && TRACELOOP_TELEMETRY=false node /tmp/rec-tl22/record-openllmetry.mjs <this folder>/.. openllmetry-legacy.json
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import * as traceloop from '@traceloop/node-server-sdk';
import OpenAI from 'openai';
import { startCollector, startFakeOpenAI } from './loopback.mjs';

const outDir = process.argv[2] ?? '.';
const outFile = process.argv[3] ?? 'openllmetry.json';
const collector = await startCollector();
const fakeOpenAI = await startFakeOpenAI();
traceloop.initialize({
  appName: 'trip-planner',
  apiKey: 'tl-test-loopback',
  baseUrl: collector.url,
  exporter: new OTLPTraceExporter({ url: `${collector.url}/v1/traces` }),
  instrumentModules: { openAI: OpenAI },
  traceloopSyncEnabled: false,
  silenceInitializationMessage: true,
});
const client = new OpenAI({ apiKey: 'sk-test-loopback', baseURL: fakeOpenAI.url, maxRetries: 0 });

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

async function plan(question) {
  return traceloop.withAgent({ name: 'planner' }, async () => {
    const messages = [
      { role: 'system', content: 'You plan trips. Use tools for live data.' },
      { role: 'user', content: question },
    ];
    const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools });
    const call = first.choices[0].message.tool_calls[0];
    const weather = await traceloop.withTool({ name: 'get_weather' }, async (args) => '18°C, sunny', JSON.parse(call.function.arguments));
    messages.push(first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: weather });
    const second = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools });
    return traceloop.withTask({ name: 'format_answer' }, async (text) => text.trim(), second.choices[0].message.content);
  });
}

await traceloop.withWorkflow(
  { name: 'plan_trip', associationProperties: { session_id: 'sess-42', user_id: 'user-1729', plan: 'pro' } },
  plan,
  'What is the weather in Paris?',
);
const embedding = await traceloop.withTask({ name: 'embed_question' }, () =>
  client.embeddings.create({ model: 'text-embedding-3-small', input: 'What is the weather in Paris?' }),
);
if (!embedding.data[0]) throw new Error('no embedding');

await traceloop.forceFlush();
await Promise.all([collector.close(), fakeOpenAI.close()]);
const bodies = collector.requests.filter((r) => r.path === '/v1/traces');
if (bodies.length !== 1) throw new Error(`expected one export request, got ${bodies.length}`);
writeFileSync(join(outDir, outFile), bodies[0].body);
console.log(`wrote ${outFile} (${bodies[0].body.length} B); OpenAI calls: ${fakeOpenAI.requests.length}`);
process.exit(0);
