import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SextantError } from '@sextant/core';

const version = 'v1';

/**
 * Authenticated encryption (AES-256-GCM) of provider credentials at rest. The ciphertext is bound to
 * its project and provider, so a row copied to another project or provider fails to open.
 */
export class CredentialCipher {
  /** `key` is null when no key can be shared by every server (PostgreSQL without SEXTANT_SECRET). */
  private constructor(private readonly key: Buffer | null) {}

  /**
   * The key comes from `SEXTANT_SECRET` when set, else from `sextant.secret` beside the database (created
   * with 0600 permissions on first use). An in-memory store with no secret gets a key for this process only.
   * PostgreSQL has no file beside it and several servers must share the key: there only SEXTANT_SECRET
   * works, and without it storing or reading a credential fails with that fix.
   */
  static forStore(storeLocation: string, environment: NodeJS.ProcessEnv = process.env): CredentialCipher {
    const secret = environment.SEXTANT_SECRET;
    if (secret) return new CredentialCipher(derive(Buffer.from(secret, 'utf8')));
    if (storeLocation === ':memory:') return new CredentialCipher(derive(randomBytes(32)));
    if (/^postgres(ql)?:\/\//.test(storeLocation)) return new CredentialCipher(null);
    return new CredentialCipher(derive(readOrCreateKeyFile(secretFilePath(storeLocation))));
  }

  encrypt(plaintext: string, binding: { projectId: string; provider: string }): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.requireKey(), iv);
    cipher.setAAD(associatedData(binding));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${version}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(ciphertext: string, binding: { projectId: string; provider: string }): string {
    const [tag, encoded] = ciphertext.split(':');
    if (tag !== version || !encoded) {
      throw new SextantError('internal', `stored credential for '${binding.provider}' has an unknown format`);
    }
    const raw = Buffer.from(encoded, 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.requireKey(), raw.subarray(0, 12));
      decipher.setAAD(associatedData(binding));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch (error) {
      if (error instanceof SextantError) throw error;
      throw new SextantError(
        'internal',
        `stored credential for '${binding.provider}' cannot be decrypted: SEXTANT_SECRET or the key file ` +
          'changed since it was stored; store the credential again',
      );
    }
  }

  private requireKey(): Buffer {
    if (this.key) return this.key;
    throw new SextantError(
      'bad_request',
      'stored provider credentials on PostgreSQL need SEXTANT_SECRET, set to the same long random string on ' +
        'every server; or give providers their keys through environment variables instead',
    );
  }
}

/** Where the generated key lives: beside the database file. */
export function secretFilePath(storeLocation: string): string {
  return path.join(path.dirname(path.resolve(storeLocation.replace(/^sqlite:/, ''))), 'sextant.secret');
}

const derive = (secret: Buffer) =>
  Buffer.from(hkdfSync('sha256', secret, 'sextant', 'provider-credentials', 32));

const associatedData = (binding: { projectId: string; provider: string }) =>
  Buffer.from(`${binding.projectId}\u0000${binding.provider}`, 'utf8');

function readOrCreateKeyFile(file: string): Buffer {
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  try {
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreateKeyFile(file);
    throw error;
  }
}
