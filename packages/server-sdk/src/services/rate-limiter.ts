import type { Database } from '../db/database.js';

/**
 * Fixed one-minute windows counted in the database, so every instance sees the same count.
 * One upsert per request; old windows are swept now and then.
 */
export class RateLimiter {
  #sinceSweep = 0;

  constructor(
    private readonly db: Database,
    readonly perMinute: number,
  ) {}

  /** Counts a hit; returns the seconds to wait when over the limit, or 0. */
  async hit(key: string): Promise<number> {
    const now = Date.now();
    const windowStart = new Date(now - (now % 60_000));
    const { rows } = await this.db.query<{ hits: number }>(
      `insert into rate_limits (key, window_start, hits) values ($1, $2, 1)
       on conflict (key, window_start) do update set hits = rate_limits.hits + 1
       returning hits`,
      [key, windowStart],
    );
    if (++this.#sinceSweep >= 500) {
      this.#sinceSweep = 0;
      void this.db.query(`delete from rate_limits where window_start < now() - interval '5 minutes'`).catch(() => {});
    }
    return rows[0]!.hits > this.perMinute ? Math.ceil((windowStart.getTime() + 60_000 - now) / 1000) : 0;
  }
}
