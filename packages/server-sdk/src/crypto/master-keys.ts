import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { CandidError } from '../errors.js';
import { KEY_BYTES } from './aead.js';

/** A key-encryption key from configuration; its id is stored next to everything it wraps. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** How master keys are given to `createCandid` (`encryption.keys`); `key` is base64 or 32 raw bytes. */
export interface MasterKeyInput {
  id: string;
  key: string | Uint8Array;
}

const KID = /^[A-Za-z0-9._-]{1,64}$/;
export const DERIVED_KID = 'secret-v1';

function invalid(message: string): CandidError {
  return new CandidError('CONFIG_INVALID', `Encryption keys: ${message}`);
}

function keyBytes(input: MasterKeyInput): Buffer {
  if (typeof input.key !== 'string') return Buffer.from(input.key);
  const text = input.key.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) throw invalid(`key "${input.id}" is not base64.`);
  return Buffer.from(text, 'base64');
}

/**
 * The configured master keys: the first is current (wraps new data keys), the others stay usable
 * for reading until `candid keys rotate` has re-wrapped everything under the current one.
 */
export class MasterKeyring {
  readonly current: MasterKey;
  readonly derived: boolean;
  readonly #byId: Map<string, Buffer>;

  constructor(keys: MasterKey[], derived = false) {
    if (keys.length === 0) throw invalid('at least one key is required.');
    this.#byId = new Map();
    for (const { id, key } of keys) {
      if (!KID.test(id)) throw invalid(`key id ${JSON.stringify(id)} must be 1-64 characters of A-Z a-z 0-9 . _ -.`);
      if (key.length !== KEY_BYTES) throw invalid(`key "${id}" must be exactly ${KEY_BYTES} bytes (base64 of 32 random bytes), got ${key.length}.`);
      if (this.#byId.has(id)) throw invalid(`key id "${id}" is given twice.`);
      this.#byId.set(id, key);
    }
    this.current = keys[0]!;
    this.derived = derived;
  }

  get(kid: string): Buffer {
    const key = this.#byId.get(kid);
    if (!key) throw new CandidError('ENCRYPTION_KEY_MISSING', `Data is wrapped under master key "${kid}", which is not configured (CANDID_MASTER_KEYS).`);
    return key;
  }

  ids(): string[] {
    return [...this.#byId.keys()];
  }

  /**
   * A keyed digest of a text that must not be kept (an erasure's free-text reason):
   * `hmac-sha256:<kid>:<hex>`, HMAC under a key derived from the current master key. Whoever
   * holds the text and the master key can check it; nobody can guess it back from the digest alone.
   */
  digest(text: string): string {
    return `hmac-sha256:${this.current.id}:${hmac(digestKey(this.current.key), text)}`;
  }

  /**
   * Whether `text` is the one `digest` was made from. Also reads `sha256:<hex>` (receipts written
   * before digests were keyed). False when the digest's master key is no longer configured.
   */
  digestMatches(digest: string, text: string): boolean {
    const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
    if (digest.startsWith('sha256:')) return equal(digest.slice(7), createHash('sha256').update(text, 'utf8').digest('hex'));
    const match = /^hmac-sha256:([^:]+):([0-9a-f]{64})$/.exec(digest);
    const key = match && this.#byId.get(match[1]!);
    return !!key && equal(match![2]!, hmac(digestKey(key), text));
  }

  /** From options (`encryption.keys`), else derived from the token secret (development only). */
  static fromOptions(keys: MasterKeyInput[] | undefined, secret: string): MasterKeyring {
    if (keys && keys.length > 0) return new MasterKeyring(keys.map((k) => ({ id: String(k.id), key: keyBytes(k) })));
    return new MasterKeyring([deriveFromSecret(secret)], true);
  }
}

const digestKey = (master: Buffer) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), Buffer.from('candid text digest v1'), KEY_BYTES));
const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest('hex');

/** With no keys configured, one key derived from `secret` (HKDF-SHA256), so dev setups need nothing more. */
export function deriveFromSecret(secret: string): MasterKey {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('candid'), Buffer.from(`candid master key ${DERIVED_KID}`), KEY_BYTES));
  return { id: DERIVED_KID, key };
}

/** Parses `CANDID_MASTER_KEYS="kid1:<base64>,kid2:<base64>"` (first = current). */
export function parseMasterKeys(text: string): MasterKeyInput[] {
  const keys = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.indexOf(':');
      if (colon <= 0) throw invalid('CANDID_MASTER_KEYS entries must look like "kid:<base64 of 32 bytes>".');
      return { id: entry.slice(0, colon).trim(), key: entry.slice(colon + 1).trim() };
    });
  // Validate now so a typo stops the process at start, not at the first write.
  new MasterKeyring(keys.map((k) => ({ id: k.id, key: keyBytes(k) })));
  return keys;
}
