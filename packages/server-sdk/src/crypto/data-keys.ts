import { hkdfSync, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { CandidError } from '../errors.js';
import { KEY_BYTES, decrypt, encrypt } from './aead.js';
import type { MasterKeyring } from './master-keys.js';

/** First byte of every sealed value and wrapped key: lets the format change later without guessing. */
const VERSION = 1;
/** Text form of a sealed value in `text`/`jsonb` columns: `cdk1:` + base64 of the sealed bytes. */
const TEXT_PREFIX = 'cdk1:';
const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 1000;

type Purpose = 'fields' | 'media';

interface CachedKey {
  fields: Buffer;
  media: Buffer;
  at: number;
}

const wrapAad = (sessionId: string, kid: string) => Buffer.from(`candid/session-key/v1|${sessionId}|${kid}`);
const sealAad = (sessionId: string) => Buffer.from(`candid/sealed/v1|${sessionId}`);
const subkey = (dataKey: Buffer, purpose: Purpose) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), Buffer.from(`candid ${purpose} v1`), KEY_BYTES));

/** Whether a wrapped data key opens under `master` (the start-up key check samples one). */
export function unwrapsUnder(master: Buffer, sessionId: string, kid: string, wrapped: Buffer): boolean {
  if (wrapped[0] !== VERSION) return false;
  try {
    decrypt(master, wrapped.subarray(1), wrapAad(sessionId, kid)).fill(0);
    return true;
  } catch {
    return false;
  }
}

export function isSealedText(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(TEXT_PREFIX);
}

/**
 * Per-session data keys (envelope encryption). Each session gets a random 256-bit key, stored only
 * wrapped (AES-256-GCM) under the current master key in `session_keys`. Candidate content (DB
 * fields and media) is encrypted under keys derived from it, so destroying the one row makes every
 * copy of that content unreadable: rows PostgreSQL has not vacuumed yet, WAL, backups, media files.
 *
 * Destroying leaves a tombstone (no key material), so nothing can silently mint a fresh key for an
 * erased session and write readable data again.
 */
export class DataKeys {
  readonly #cache = new Map<string, CachedKey>();
  readonly #creating = new Map<string, Promise<CachedKey>>();

  constructor(
    private readonly db: Queryable,
    readonly keyring: MasterKeyring,
  ) {}

  /** Encrypts under the session's key, creating the key on first use. Format: `0x01 ‖ nonce ‖ ciphertext ‖ tag`. */
  async seal(sessionId: string, plaintext: string | Buffer): Promise<Buffer> {
    const { fields } = await this.#key(sessionId, true);
    const bytes = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
    return Buffer.concat([Buffer.from([VERSION]), encrypt(fields, bytes, sealAad(sessionId))]);
  }

  /** Decrypts what `seal` produced for this session. DATA_KEY_DESTROYED after `destroy`. */
  async open(sessionId: string, sealed: Buffer): Promise<Buffer> {
    if (sealed[0] !== VERSION) throw new CandidError('DATA_INTEGRITY', `Sealed value has unknown format version ${sealed[0]}.`);
    const { fields } = await this.#key(sessionId, false);
    try {
      return decrypt(fields, sealed.subarray(1), sealAad(sessionId));
    } catch (error) {
      throw new CandidError('DATA_INTEGRITY', 'A sealed value failed authentication (wrong session or corrupted).', { cause: error });
    }
  }

  /** `seal` for `text` columns; null stays null. */
  async sealText(sessionId: string, text: string | null | undefined): Promise<string | null> {
    if (text === null || text === undefined) return null;
    return TEXT_PREFIX + (await this.seal(sessionId, text)).toString('base64');
  }

  /** `open` for `text` columns. Values written before encryption existed pass through unchanged. */
  async openText(sessionId: string, stored: string | null | undefined): Promise<string | null> {
    if (stored === null || stored === undefined) return null;
    if (!isSealedText(stored)) return stored;
    return (await this.open(sessionId, Buffer.from(stored.slice(TEXT_PREFIX.length), 'base64'))).toString('utf8');
  }

  /** `openText`, but null once the session's key was destroyed (an erased session reads as empty, not as an error). */
  async openTextIfKept(sessionId: string, stored: string | null | undefined): Promise<string | null> {
    try {
      return await this.openText(sessionId, stored);
    } catch (error) {
      if (error instanceof CandidError && error.code === 'DATA_KEY_DESTROYED') return null;
      throw error;
    }
  }

  /** `openJson`, but `fallback` once the session's key was destroyed. */
  async openJsonIfKept<T>(sessionId: string, stored: unknown, fallback: T): Promise<T> {
    try {
      return await this.openJson<T>(sessionId, stored);
    } catch (error) {
      if (error instanceof CandidError && error.code === 'DATA_KEY_DESTROYED') return fallback;
      throw error;
    }
  }

  /** For `jsonb` columns: the sealed JSON, as a JSON string literal ready for a `$n` parameter. */
  async sealJson(sessionId: string, value: unknown): Promise<string> {
    return JSON.stringify(await this.sealText(sessionId, JSON.stringify(value)));
  }

  /** Reads a `jsonb` column written by `sealJson` (or, from before encryption, the plain value). */
  async openJson<T>(sessionId: string, stored: unknown): Promise<T> {
    if (!isSealedText(stored)) return stored as T;
    return JSON.parse((await this.openText(sessionId, stored))!) as T;
  }

  /** The media key of a session (for encrypted media files), created on first use when `create`. */
  async mediaKey(sessionId: string, create: boolean): Promise<Buffer> {
    // A copy: streams hold it for their whole life, and the cache zeroes its own copy when it lets go.
    return Buffer.from((await this.#key(sessionId, create)).media);
  }

  /** Crypto-shredding: the wrapped key is gone, a tombstone stays; this instance forgets it at once. */
  async destroy(sessionId: string): Promise<void> {
    this.#forget(sessionId);
    await this.db.query(
      `insert into session_keys (session_id, kid, wrapped, destroyed_at) values ($1, null, null, now())
       on conflict (session_id) do update set kid = null, wrapped = null, destroyed_at = coalesce(session_keys.destroyed_at, now())`,
      [sessionId],
    );
    this.#forget(sessionId); // a lookup that raced with the update may have cached it again
  }

  /** Whether the session's key was destroyed. */
  async isDestroyed(sessionId: string): Promise<boolean> {
    const { rows } = await this.db.query<{ destroyed: boolean }>('select destroyed_at is not null as destroyed from session_keys where session_id = $1', [sessionId]);
    return rows[0]?.destroyed ?? false;
  }

  /**
   * Re-wraps every data key held under another master key with the current one, so old master
   * keys can be retired. Keys whose master key is not configured are reported, not changed.
   */
  async rewrapAll(): Promise<{ rewrapped: number; alreadyCurrent: number; missingKids: string[] }> {
    const current = this.keyring.current;
    const missing = new Set<string>();
    let rewrapped = 0;
    let after = '';
    for (;;) {
      const { rows } = await this.db.query<{ session_id: string; kid: string; wrapped: Buffer }>(
        `select session_id, kid, wrapped from session_keys
         where wrapped is not null and kid <> $1 and session_id > $2 order by session_id limit 200`,
        [current.id, after],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        after = row.session_id;
        let dataKey: Buffer;
        try {
          dataKey = this.#unwrap(row.session_id, row.kid, Buffer.from(row.wrapped));
        } catch (error) {
          if (error instanceof CandidError && error.code === 'ENCRYPTION_KEY_MISSING') {
            missing.add(row.kid);
            continue;
          }
          throw error;
        }
        // Only if unchanged meanwhile (destroyed or re-wrapped by another process).
        const updated = await this.db.query(`update session_keys set kid = $2, wrapped = $3 where session_id = $1 and kid = $4 and wrapped is not null returning 1`, [
          row.session_id,
          current.id,
          this.#wrap(row.session_id, current.id, dataKey),
          row.kid,
        ]);
        rewrapped += updated.rows.length;
        dataKey.fill(0);
      }
    }
    const { rows } = await this.db.query<{ n: string | number }>('select count(*) as n from session_keys where kid = $1', [current.id]);
    return { rewrapped, alreadyCurrent: Number(rows[0]?.n ?? 0) - rewrapped, missingKids: [...missing].sort() };
  }

  /** Counts data keys per master key id (destroyed ones under `null`): what `keys status` prints. */
  async countByKid(): Promise<Array<{ kid: string | null; keys: number }>> {
    const { rows } = await this.db.query<{ kid: string | null; n: string | number }>('select kid, count(*) as n from session_keys group by kid order by kid nulls last');
    return rows.map((r) => ({ kid: r.kid, keys: Number(r.n) }));
  }

  // ---- internals ----------------------------------------------------------------------------

  #wrap(sessionId: string, kid: string, dataKey: Buffer): Buffer {
    return Buffer.concat([Buffer.from([VERSION]), encrypt(this.keyring.get(kid), dataKey, wrapAad(sessionId, kid))]);
  }

  #unwrap(sessionId: string, kid: string, wrapped: Buffer): Buffer {
    const master = this.keyring.get(kid);
    if (wrapped[0] !== VERSION) throw new CandidError('DATA_INTEGRITY', `Wrapped key of session ${sessionId} has unknown version ${wrapped[0]}.`);
    try {
      return decrypt(master, wrapped.subarray(1), wrapAad(sessionId, kid));
    } catch (error) {
      throw new CandidError('DATA_INTEGRITY', `The data key of session ${sessionId} does not unwrap under master key "${kid}" (a different key with the same id?).`, { cause: error });
    }
  }

  #forget(sessionId: string): void {
    const cached = this.#cache.get(sessionId);
    if (cached) {
      cached.fields.fill(0);
      cached.media.fill(0);
    }
    this.#cache.delete(sessionId);
    this.#creating.delete(sessionId);
  }

  async #key(sessionId: string, create: boolean): Promise<CachedKey> {
    const cached = this.#cache.get(sessionId);
    if (cached && Date.now() - cached.at < CACHE_TTL_MS) return cached;
    if (cached) this.#forget(sessionId);
    const pending = this.#creating.get(sessionId);
    if (pending) return pending;
    const loading = this.#load(sessionId, create).finally(() => this.#creating.delete(sessionId));
    this.#creating.set(sessionId, loading);
    return loading;
  }

  async #load(sessionId: string, create: boolean): Promise<CachedKey> {
    let { rows } = await this.db.query<{ kid: string | null; wrapped: Buffer | null }>('select kid, wrapped from session_keys where session_id = $1', [sessionId]);
    if (!rows[0]) {
      if (!create) throw new CandidError('DATA_KEY_DESTROYED', 'This session has no data key: nothing was ever encrypted for it, or it was erased.');
      const dataKey = randomBytes(KEY_BYTES);
      const kid = this.keyring.current.id;
      // Two writers may race to create it: the first insert wins and both use that key.
      await this.db.query('insert into session_keys (session_id, kid, wrapped) values ($1, $2, $3) on conflict (session_id) do nothing', [
        sessionId,
        kid,
        this.#wrap(sessionId, kid, dataKey),
      ]);
      dataKey.fill(0);
      ({ rows } = await this.db.query<{ kid: string | null; wrapped: Buffer | null }>('select kid, wrapped from session_keys where session_id = $1', [sessionId]));
    }
    const row = rows[0];
    if (!row?.wrapped || !row.kid) throw new CandidError('DATA_KEY_DESTROYED');
    const dataKey = this.#unwrap(sessionId, row.kid, Buffer.from(row.wrapped));
    const key: CachedKey = { fields: subkey(dataKey, 'fields'), media: subkey(dataKey, 'media'), at: Date.now() };
    dataKey.fill(0);
    if (this.#cache.size >= CACHE_MAX) this.#forget(this.#cache.keys().next().value!);
    // Not cached if destroy() ran while this lookup was in flight.
    if (this.#creating.has(sessionId)) this.#cache.set(sessionId, key);
    return key;
  }
}
