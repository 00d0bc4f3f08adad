import type { Context } from 'hono';
import type { AuditCaller } from '../services/audit-log.js';
import type { AppEnv } from './app-env.js';

/** Who a request acts as, for the audit log: its API key. */
export const callerOf = (context: Context<AppEnv>): AuditCaller => ({ apiKeyId: context.var.apiKeyId });
