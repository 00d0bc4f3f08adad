import http from 'node:http';
import https from 'node:https';

// Kept-alive sockets shared by every run: an experiment makes tens of thousands of calls to one gateway,
// and node:http costs a fraction of the CPU of fetch (undici's web streams, abort signals) per call.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/** POSTs a JSON body; the status and the parsed answer (null when it is not JSON). */
export function postJson(
  url: URL,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; statusText: string; json: unknown }> {
  const payload = Buffer.from(JSON.stringify(body));
  const transport = url.protocol === 'https:' ? https : http;
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          let json: unknown = null;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {}
          resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', json });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
