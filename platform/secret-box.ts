import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Secrets at rest (access tokens, refresh tokens, client secrets): AES-256-GCM under a 32-byte key
 * from ORDERBRIDGE_SECRET_KEY. Each stored value names the key that sealed it, so older keys
 * (ORDERBRIDGE_OLD_SECRET_KEYS) still open values until `orderbridge secrets rotate-key` has
 * re-sealed them under the current one.
 */
export const SECRET_KEY_VARIABLE = 'ORDERBRIDGE_SECRET_KEY';
export const OLD_SECRET_KEYS_VARIABLE = 'ORDERBRIDGE_OLD_SECRET_KEYS';
/** Written by `npm start` on embedded defaults only: a demo needs no key management. */
export const LOCAL_SECRET_KEY_FILE = '.orderbridge/secret-key';

const ENVELOPE_PREFIX = 'obsec1';
const IV_BYTES = 12;
const KEY_BYTES = 32;

export class SecretKeyMissingError extends Error {
  constructor(purpose: string) {
    super(
      `Cannot store ${purpose}: no encryption key is set. Make one with \`openssl rand -base64 32\` ` +
        `and put it in ${SECRET_KEY_VARIABLE} (environment or .env) for every orderbridge process.`,
    );
    this.name = 'SecretKeyMissingError';
  }
}

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

export interface SecretKey {
  /** Derived from the key itself: names it in stored values without revealing it. */
  id: string;
  bytes: Buffer;
}

export interface SecretKeyring {
  /** The key new values are sealed with; undefined when none is configured. */
  current: SecretKey | undefined;
  /** Every key that may open a stored value, by id (current included). */
  byId: ReadonlyMap<string, SecretKey>;
}

export function parseSecretKey(base64: string, variable: string): SecretKey {
  const bytes = Buffer.from(base64.trim(), 'base64');
  if (bytes.length !== KEY_BYTES || bytes.toString('base64') !== base64.trim()) {
    throw new SecretKeyError(
      `${variable}: expected 32 bytes in base64 (make one with \`openssl rand -base64 32\`), got ${bytes.length} bytes`,
    );
  }
  const id = createHash('sha256')
    .update('orderbridge-secret-key-id')
    .update(bytes)
    .digest('hex')
    .slice(0, 12);
  return { id, bytes };
}

export function createSecretKeyring(
  current: string | undefined,
  older: readonly string[] = [],
): SecretKeyring {
  const currentKey = current ? parseSecretKey(current, SECRET_KEY_VARIABLE) : undefined;
  const byId = new Map<string, SecretKey>();
  for (const encoded of older) {
    const key = parseSecretKey(encoded, OLD_SECRET_KEYS_VARIABLE);
    byId.set(key.id, key);
  }
  if (currentKey) byId.set(currentKey.id, currentKey);
  return { current: currentKey, byId };
}

let cached: { source: string; keyring: SecretKeyring } | undefined;

/**
 * The process's keyring, read from the environment (or the demo's local key file) each call so a
 * rotation in a long-lived process sees new variables; parsing is cached per value.
 */
export function processSecretKeyring(environment: NodeJS.ProcessEnv = process.env): SecretKeyring {
  let current = environment[SECRET_KEY_VARIABLE] || undefined;
  const localFile = resolve(LOCAL_SECRET_KEY_FILE);
  if (!current && existsSync(localFile)) current = readFileSync(localFile, 'utf8').trim();
  const older = (environment[OLD_SECRET_KEYS_VARIABLE] ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
  const source = `${current ?? ''}|${older.join(',')}`;
  if (cached?.source !== source) cached = { source, keyring: createSecretKeyring(current, older) };
  return cached.keyring;
}

/** Creates the demo's key file when no key is configured; returns its path when it made or found one. */
export function ensureLocalSecretKeyFile(environment: NodeJS.ProcessEnv = process.env): string | undefined {
  if (environment[SECRET_KEY_VARIABLE]) return undefined;
  const path = resolve(LOCAL_SECRET_KEY_FILE);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600 });
  }
  return path;
}

/** Whether a stored value is sealed (never plaintext): what the secret columns must always hold. */
export function isSealedSecret(stored: string): boolean {
  return stored.startsWith(`${ENVELOPE_PREFIX}:`) && stored.split(':').length === 5;
}

export function sealedKeyId(stored: string): string {
  if (!isSealedSecret(stored)) throw new SecretKeyError('the stored value is not a sealed secret');
  return stored.split(':')[1]!;
}

/**
 * Seals `plaintext` under the current key. `purpose` (e.g. "shop_card.client_secret") is bound
 * as associated data, so a value copied into another column does not open.
 */
export function sealSecret(plaintext: string, purpose: string, keyring = processSecretKeyring()): string {
  const key = keyring.current;
  if (!key) throw new SecretKeyMissingError(purpose);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
  cipher.setAAD(Buffer.from(purpose, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    ENVELOPE_PREFIX,
    key.id,
    iv.toString('base64'),
    tag.toString('base64'),
    ciphertext.toString('base64'),
  ].join(':');
}

export function openSecret(stored: string, purpose: string, keyring = processSecretKeyring()): string {
  if (!isSealedSecret(stored))
    throw new SecretKeyError(`${purpose}: the stored value is not a sealed secret`);
  const [, keyId, iv, tag, ciphertext] = stored.split(':') as [string, string, string, string, string];
  const key = keyring.byId.get(keyId);
  if (!key) {
    throw new SecretKeyError(
      `${purpose} was sealed with key ${keyId}, which is neither ${SECRET_KEY_VARIABLE} nor in ` +
        `${OLD_SECRET_KEYS_VARIABLE}: set the key it was stored with`,
    );
  }
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64'));
  decipher.setAAD(Buffer.from(purpose, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SecretKeyError(`${purpose} could not be decrypted with key ${keyId}: the value was altered`);
  }
}
