import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CredentialCipher, secretFilePath } from './model-credential-cipher.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-cipher-'));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));
const binding = { projectId: 'alpha', provider: 'openai' };

describe('CredentialCipher', () => {
  it('keeps a key file beside an embedded store; ciphertext opens only for its project and provider', () => {
    const db = path.join(directory, 'sextant.db');
    const sealed = CredentialCipher.forStore(db, {}).encrypt('sk-live-123', binding);
    expect(sealed).not.toContain('sk-live-123');
    expect(fs.existsSync(secretFilePath(db))).toBe(true);
    // A second process reads the same key file.
    expect(CredentialCipher.forStore(db, {}).decrypt(sealed, binding)).toBe('sk-live-123');
    expect(() =>
      CredentialCipher.forStore(db, {}).decrypt(sealed, { ...binding, projectId: 'beta' }),
    ).toThrow(/cannot be decrypted/);
  });

  it('on PostgreSQL uses only SEXTANT_SECRET, shared by every server, and never writes a key file', () => {
    const url = 'postgres://sextant@127.0.0.1:5432/sextant';
    const cwd = process.cwd();
    process.chdir(directory);
    try {
      const cipher = CredentialCipher.forStore(url, {});
      expect(() => cipher.encrypt('sk-live-123', binding)).toThrow(/need SEXTANT_SECRET.*every server/);
      expect(fs.readdirSync(directory).some((name) => name.startsWith('postgres'))).toBe(false);
      const environment = { SEXTANT_SECRET: 'a long random string shared by the servers' };
      const sealed = CredentialCipher.forStore(url, environment).encrypt('sk-live-123', binding);
      expect(CredentialCipher.forStore(url, environment).decrypt(sealed, binding)).toBe('sk-live-123');
    } finally {
      process.chdir(cwd);
    }
  });
});
