import { randomUUID } from 'node:crypto';
import { SextantError } from '@sextant/core';
import type { ApiKeyRecord, Project, Store } from '@sextant/store';
import { generateApiKey, hashApiKey } from '../auth/api-key.js';
import { type AuditCaller, AuditLog } from './audit-log.js';

const projectIdPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A key as returned once at creation: the only time the clear key exists outside the caller. */
export interface CreatedApiKey {
  key: string;
  record: Omit<ApiKeyRecord, 'keyHash'>;
}

/** Public view of a key record: never includes the hash. */
export const publicKey = ({ keyHash: _hash, ...record }: ApiKeyRecord) => record;

/** Projects and their API keys. Used by the HTTP API and by the CLI's local admin commands. */
export class ProjectService {
  private readonly audit: AuditLog;

  constructor(private readonly store: Store) {
    this.audit = new AuditLog(store);
  }

  async createProject(id: string, name = id, caller: AuditCaller = { apiKeyId: null }): Promise<Project> {
    if (!projectIdPattern.test(id)) {
      throw new SextantError(
        'bad_request',
        `project id '${id}' is not valid: use 1-63 lowercase letters, digits and dashes, starting with a letter or digit`,
      );
    }
    if (await this.store.getProject(id)) throw new SextantError('conflict', `project '${id}' already exists`);
    const project = await this.store.createProject({ id, name });
    await this.audit.record(id, caller, {
      action: 'project.create',
      targetType: 'project',
      targetId: id,
      after: { id, name },
    });
    return project;
  }

  listProjects(): Promise<Project[]> {
    return this.store.listProjects();
  }

  async requireProject(id: string): Promise<Project> {
    const project = await this.store.getProject(id);
    if (project) return project;
    const known = (await this.store.listProjects()).map((candidate) => candidate.id);
    throw new SextantError(
      'not_found',
      `project '${id}' does not exist; projects: ${known.join(', ') || '(none)'}`,
    );
  }

  /** `caller` is who asks, for the audit log; the CLI working on the store file leaves it out. */
  async createApiKey(
    projectId: string,
    name: string,
    caller: AuditCaller = { apiKeyId: null },
  ): Promise<CreatedApiKey> {
    await this.requireProject(projectId);
    const { key, prefix, keyHash } = generateApiKey();
    const record = await this.store.createApiKey({ id: randomUUID(), projectId, name, prefix, keyHash });
    await this.audit.record(projectId, caller, {
      action: 'api_key.create',
      targetType: 'api_key',
      targetId: record.id,
      after: { name, prefix },
    });
    return { key, record: publicKey(record) };
  }

  async listApiKeys(projectId: string) {
    return (await this.store.listApiKeys(projectId)).map(publicKey);
  }

  async revokeApiKey(
    projectId: string,
    keyId: string,
    caller: AuditCaller = { apiKeyId: null },
  ): Promise<void> {
    const before = (await this.store.listApiKeys(projectId)).find((key) => key.id === keyId);
    if (!(await this.store.revokeApiKey(projectId, keyId))) {
      throw new SextantError(
        'not_found',
        `API key '${keyId}' is not an active key of project '${projectId}'`,
      );
    }
    await this.audit.record(projectId, caller, {
      action: 'api_key.revoke',
      targetType: 'api_key',
      targetId: keyId,
      before: before && { name: before.name, prefix: before.prefix, revokedAt: null },
      after: before && { name: before.name, prefix: before.prefix, revokedAt: new Date() },
    });
  }

  async authenticate(key: string): Promise<ApiKeyRecord | null> {
    return this.store.findApiKeyByHash(hashApiKey(key));
  }

  /**
   * First start: create the `default` project and a key for it, so a new user can send traces at once.
   * Returns the clear key, or null when projects already exist.
   */
  async bootstrap(): Promise<CreatedApiKey | null> {
    if ((await this.store.listProjects()).length > 0) return null;
    try {
      await this.createProject('default', 'Default project', 'system');
    } catch (error) {
      // Two servers started together on one empty database: the first one's project and key stand.
      if (await this.store.getProject('default')) return null;
      throw error;
    }
    return this.createApiKey('default', 'default key', 'system');
  }
}
