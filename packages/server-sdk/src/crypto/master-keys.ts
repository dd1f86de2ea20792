import { hkdfSync } from 'node:crypto';
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

  /** From options (`encryption.keys`), else derived from the token secret (development only). */
  static fromOptions(keys: MasterKeyInput[] | undefined, secret: string): MasterKeyring {
    if (keys && keys.length > 0) return new MasterKeyring(keys.map((k) => ({ id: String(k.id), key: keyBytes(k) })));
    return new MasterKeyring([deriveFromSecret(secret)], true);
  }
}

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
