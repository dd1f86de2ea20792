import type { NextFunction, Request, Response } from 'express';
import { CandidError } from '../errors.js';
import type { RateLimiter } from '../services/rate-limiter.js';
import { candidateContextOf } from './auth.js';

/** Per-session-token limit on candidate routes (after authentication). */
export function rateLimitCandidate(limiter: RateLimiter) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const retryAfter = await limiter.hit(`session:${candidateContextOf(req).session.id}`);
    if (retryAfter > 0) {
      res.setHeader('Retry-After', String(retryAfter));
      throw new CandidError('RATE_LIMITED');
    }
    next();
  };
}
