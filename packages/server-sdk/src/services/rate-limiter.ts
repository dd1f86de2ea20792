import type { Database } from '../db/database.js';

/**
 * Per-key limits per minute, counted in the database so every instance sees the same count: one
 * statement per request (an upsert of this minute's counter, which also reads the previous
 * minute's); old counters are swept now and then.
 */
export class RateLimiter {
  #sinceSweep = 0;

  constructor(
    private readonly db: Database,
    readonly perMinute: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Counts a hit; returns the seconds to wait when over the limit, or 0.
   *
   * A sliding window, estimated from two fixed one-minute counters: this minute's hits plus the
   * previous minute's, weighted by how much of it still lies within the last 60 s. Fixed windows
   * alone let a client send twice the limit across a minute boundary (and a burst that straddles
   * one was never limited).
   */
  async hit(key: string): Promise<number> {
    const now = this.clock();
    const windowStart = now - (now % 60_000);
    const { rows } = await this.db.query<{ hits: number; previous: number | null }>(
      `with hit as (
         insert into rate_limits (key, window_start, hits) values ($1, $2, 1)
         on conflict (key, window_start) do update set hits = rate_limits.hits + 1
         returning hits
       )
       select (select hits from hit) as hits,
              (select hits from rate_limits where key = $1 and window_start = $3) as previous`,
      [key, new Date(windowStart), new Date(windowStart - 60_000)],
    );
    if (++this.#sinceSweep >= 500) {
      this.#sinceSweep = 0;
      void this.db.query(`delete from rate_limits where window_start < now() - interval '5 minutes'`).catch(() => {});
    }
    const { hits, previous } = rows[0]!;
    const previousWeight = 1 - (now - windowStart) / 60_000;
    const estimate = hits + Number(previous ?? 0) * previousWeight;
    if (estimate <= this.perMinute) return 0;
    return Math.max(1, Math.ceil(this.#msUntilNextHitFits(hits, Number(previous ?? 0), now - windowStart) / 1000));
  }

  /** How long until one more hit stays within the limit (the Retry-After a refused caller gets). */
  #msUntilNextHitFits(hits: number, previous: number, elapsed: number): number {
    const limit = this.perMinute;
    // Within this minute, as the previous minute's weight fades.
    if (previous > 0 && hits + 1 <= limit) return Math.max(0, 60_000 * (1 - (limit - hits - 1) / previous) - elapsed);
    // In the next minute, where this minute's hits are the fading part.
    return 60_000 - elapsed + 60_000 * Math.max(0, 1 - (limit - 1) / hits);
  }
}
