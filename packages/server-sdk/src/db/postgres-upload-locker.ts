import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/utils';
import type pg from 'pg';

const CHANNEL = 'candid_upload_lock';

export interface PostgresUploadLockerOptions {
  /** How long a lock survives its holder without renewal (a crashed instance). Default 10 s. */
  leaseMs?: number;
  /** Give up acquiring after this long (tus answers 500 ERR_LOCK_TIMEOUT). Default 30 s. */
  acquireTimeoutMs?: number;
}

/**
 * A tus `Locker` for several server instances on one PostgreSQL database. A lock is a leased row in
 * `upload_locks`, renewed while held, so no connection is pinned per upload; a waiter asks the holder
 * to let go (as @tus/server's MemoryLocker does within one process) with NOTIFY, which every instance
 * LISTENs to.
 */
export class PostgresUploadLocker implements Locker {
  readonly #pool: pg.Pool;
  readonly #leaseMs: number;
  readonly #acquireTimeoutMs: number;
  /** Locks held by this process: upload id → what to call when someone else wants it. */
  readonly #held = new Map<string, RequestRelease>();
  #listener: pg.PoolClient | null = null;
  #closed = false;

  constructor(pool: pg.Pool, options: PostgresUploadLockerOptions = {}) {
    this.#pool = pool;
    this.#leaseMs = options.leaseMs ?? 10_000;
    this.#acquireTimeoutMs = options.acquireTimeoutMs ?? 30_000;
  }

  async start(): Promise<void> {
    if (this.#closed) return;
    const client = await this.#pool.connect();
    client.on('notification', (message) => {
      const release = message.payload ? this.#held.get(message.payload) : undefined;
      if (release) void release();
    });
    client.on('error', () => {
      // The connection dropped (database restart): listen again on a new one.
      client.release(true);
      this.#listener = null;
      if (!this.#closed) setTimeout(() => void this.start().catch(() => {}), 1000).unref();
    });
    await client.query(`listen ${CHANNEL}`);
    this.#listener = client;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const client = this.#listener;
    this.#listener = null;
    if (client) {
      await client.query(`unlisten ${CHANNEL}`).catch(() => {});
      client.release();
    }
  }

  newLock(id: string): Lock {
    return new PostgresLease(id, this);
  }

  /** @internal */
  async tryAcquire(id: string, holder: string): Promise<boolean> {
    const { rows } = await this.#pool.query(
      `insert into upload_locks (upload_id, holder, expires_at) values ($1, $2, now() + $3 * interval '1 millisecond')
       on conflict (upload_id) do update set holder = excluded.holder, expires_at = excluded.expires_at
         where upload_locks.expires_at < now()
       returning holder`,
      [id, holder, this.#leaseMs],
    );
    return rows.length > 0;
  }

  /** @internal */
  async renew(id: string, holder: string): Promise<void> {
    await this.#pool.query(`update upload_locks set expires_at = now() + $3 * interval '1 millisecond' where upload_id = $1 and holder = $2`, [
      id,
      holder,
      this.#leaseMs,
    ]);
  }

  /** @internal */
  async release(id: string, holder: string): Promise<void> {
    this.#held.delete(id);
    await this.#pool.query('delete from upload_locks where upload_id = $1 and holder = $2', [id, holder]);
  }

  /** @internal */
  async askHolderToRelease(id: string): Promise<void> {
    await this.#pool.query('select pg_notify($1, $2)', [CHANNEL, id]);
  }

  /** @internal */
  hold(id: string, requestRelease: RequestRelease): void {
    this.#held.set(id, requestRelease);
  }

  get leaseMs(): number {
    return this.#leaseMs;
  }

  get acquireTimeoutMs(): number {
    return this.#acquireTimeoutMs;
  }
}

class PostgresLease implements Lock {
  readonly #holder = randomBytes(12).toString('hex');
  #renewal: NodeJS.Timeout | null = null;

  constructor(
    private readonly id: string,
    private readonly locker: PostgresUploadLocker,
  ) {}

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const deadline = Date.now() + this.locker.acquireTimeoutMs;
    let askedAt = 0;
    while (!(await this.locker.tryAcquire(this.id, this.#holder))) {
      if (signal.aborted) throw ERRORS.ABORTED;
      if (Date.now() > deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
      if (Date.now() - askedAt > 1000) {
        await this.locker.askHolderToRelease(this.id);
        askedAt = Date.now();
      }
      await sleep(50 + Math.random() * 100);
    }
    this.locker.hold(this.id, requestRelease);
    const every = Math.max(250, Math.floor(this.locker.leaseMs / 3));
    this.#renewal = setInterval(() => void this.locker.renew(this.id, this.#holder).catch(() => {}), every);
    this.#renewal.unref();
  }

  async unlock(): Promise<void> {
    if (this.#renewal) clearInterval(this.#renewal);
    this.#renewal = null;
    await this.locker.release(this.id, this.#holder);
  }
}
