import type { Request, Response } from 'express';
import ipaddr from 'ipaddr.js';
import { CandidError } from '../errors.js';

/** Counts one hit under a key; returns the seconds to wait once over the limit, else 0 (`RateLimiter`). */
export interface FailureCounter {
  hit(key: string): Promise<number>;
}

/**
 * Who a failed authentication is charged to: the client address Express reports (`req.ip`, which
 * honours the host app's `trust proxy`), IPv4-mapped IPv6 as IPv4, and IPv6 per /64 (one host
 * usually holds a whole /64, so per-address counting would be free to evade).
 */
export function clientAddressKey(req: Request): string {
  const raw = req.ip ?? req.socket?.remoteAddress ?? '';
  try {
    const address = ipaddr.process(raw.replace(/%.*$/, ''));
    if (address.kind() === 'ipv4') return address.toString();
    const parts = (address as ipaddr.IPv6).parts.slice(0, 4);
    return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
  } catch {
    return `other:${raw.slice(0, 64)}`;
  }
}

/**
 * Throttles failed authentication per client address: after `perMinute` failures within the last
 * 60 s (counted in the database, so every instance sees the same count), the address gets 429
 * `AUTH_THROTTLED` with `Retry-After` until one more attempt would be within the limit again.
 *
 * - Successful requests never touch the database for this: a blocked address is remembered in
 *   memory, and the check on the way in is one map lookup.
 * - API keys are checked against the block *before* the key is compared, so a blocked address
 *   learns nothing about its guesses. Another instance learns of the block at that address's first
 *   failure there, so at most one more guess per instance per minute is judged.
 * - A valid session token is never refused by the block (tokens cannot be guessed, and candidates
 *   behind one carrier-grade NAT must not be locked out by a neighbour); only invalid ones count.
 * - Only the offending address is throttled; callers from other addresses are unaffected.
 */
export class AuthThrottle {
  /** Address key → blocked until (epoch ms). Bounded: the oldest entries go first. */
  readonly #blocked = new Map<string, number>();

  constructor(
    private readonly counter: FailureCounter,
    private readonly maxEntries = 10_000,
  ) {}

  /** Throws AUTH_THROTTLED (with Retry-After) when this address is blocked. No I/O. */
  assertNotBlocked(req: Request, res: Response): void {
    const key = clientAddressKey(req);
    const until = this.#blocked.get(key);
    if (until === undefined) return;
    const seconds = Math.ceil((until - Date.now()) / 1000);
    if (seconds <= 0) {
      this.#blocked.delete(key);
      return;
    }
    refuse(res, seconds);
  }

  /**
   * Records a failed authentication. Throws AUTH_THROTTLED once the address is over its limit;
   * returns otherwise (the caller then throws its own 401). A counting failure (database down) is
   * not the caller's problem: the 401 still goes out.
   */
  async failed(req: Request, res: Response): Promise<void> {
    const key = clientAddressKey(req);
    const known = this.#blocked.get(key);
    if (known !== undefined && known > Date.now()) refuse(res, Math.ceil((known - Date.now()) / 1000));
    let retryAfter = 0;
    try {
      retryAfter = await this.counter.hit(`auth-failure:${key}`);
    } catch {
      return;
    }
    if (retryAfter <= 0) return;
    this.#remember(key, Date.now() + retryAfter * 1000);
    refuse(res, retryAfter);
  }

  #remember(key: string, until: number): void {
    this.#blocked.delete(key);
    if (this.#blocked.size >= this.maxEntries) {
      const now = Date.now();
      for (const [k, t] of this.#blocked) if (t <= now) this.#blocked.delete(k);
      while (this.#blocked.size >= this.maxEntries) this.#blocked.delete(this.#blocked.keys().next().value!);
    }
    this.#blocked.set(key, until);
  }
}

function refuse(res: Response, seconds: number): never {
  res.setHeader('Retry-After', String(Math.max(1, seconds)));
  throw new CandidError('AUTH_THROTTLED');
}
