// Drives one target at a time with keep-alive HTTP clients and prints latency samples as JSON.
// Non-streaming: time to the whole answer. Streaming: time to the first byte of the body (first event).
// Usage: node load-generator.js '<json: { targets, concurrency, requests, warmup, rounds, stream }>'
import http from 'node:http';

const { targets, concurrency, requests, warmup, rounds, stream } = JSON.parse(process.argv[2]);

const agents = new Map();
function agentFor(name) {
  if (!agents.has(name)) agents.set(name, new http.Agent({ keepAlive: true, maxSockets: concurrency }));
  return agents.get(name);
}

function call(target) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({
      model: target.model,
      messages: [
        { role: 'system', content: 'You answer questions about the refund policy in one sentence.' },
        { role: 'user', content: 'How long do refunds take to reach my card?' },
      ],
      temperature: 0,
      ...(stream ? { stream: true } : {}),
    });
    const started = process.hrtime.bigint();
    const request = http.request(
      target.url,
      {
        method: 'POST',
        agent: agentFor(target.name),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...target.headers,
        },
      },
      (response) => {
        let first = null;
        response.on('data', () => {
          first ??= process.hrtime.bigint();
        });
        response.on('end', () => {
          const ended = process.hrtime.bigint();
          if (response.statusCode !== 200)
            return reject(new Error(`${target.name}: HTTP ${response.statusCode}`));
          resolve(Number((stream ? first : ended) - started) / 1e6);
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function run(target, count) {
  const samples = [];
  let issued = 0;
  const worker = async () => {
    while (issued < count) {
      issued += 1;
      samples.push(await call(target));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return samples;
}

const results = Object.fromEntries(targets.map((target) => [target.name, []]));
for (const target of targets) await run(target, warmup);
// Rounds alternate the targets so drift (GC, CPU frequency, the other processes) hits them alike.
for (let round = 0; round < rounds; round++) {
  for (const target of targets)
    results[target.name].push(...(await run(target, Math.ceil(requests / rounds))));
}
for (const agent of agents.values()) agent.destroy();
process.stdout.write(JSON.stringify(results));
