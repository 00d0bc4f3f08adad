import type { IncomingMessage } from 'node:http';

/** What Hono's context carries in Sextant: the Node request (when served by Node) and the caller's project. */
export interface AppEnv {
  Bindings: { incoming?: IncomingMessage };
  Variables: { projectId: string; apiKeyId: string };
}
