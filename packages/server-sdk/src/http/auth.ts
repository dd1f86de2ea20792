import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { CandidError, isCandidError } from '../errors.js';
import type { CandidateContext, SessionService } from '../services/sessions.js';
import type { AuthThrottle } from './auth-throttle.js';

function bearer(req: Request): string | null {
  const header = req.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1]! : null;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * ATS-side routes: `Authorization: Bearer <API key>`, compared in constant time. With a throttle,
 * a blocked client address is refused before its key is even compared, and each wrong key counts
 * against its address.
 */
export function requireApiKey(apiKeys: string[], throttle?: AuthThrottle) {
  const digests = apiKeys.map(digest);
  return async (req: Request, res: Response, next: NextFunction) => {
    if (digests.length === 0) throw new CandidError('API_KEY_INVALID', 'No API keys are configured (CANDID_API_KEYS / apiKeys), so the ATS routes are closed.');
    const presented = bearer(req);
    if (!presented) throw new CandidError('API_KEY_MISSING');
    throttle?.assertNotBlocked(req, res);
    const candidate = digest(presented);
    // Compare against every key so timing does not reveal which one (or whether any) matched early.
    let ok = false;
    for (const key of digests) ok = timingSafeEqual(key, candidate) || ok;
    if (!ok) {
      await throttle?.failed(req, res);
      throw new CandidError('API_KEY_INVALID');
    }
    next();
  };
}

/**
 * The candidate's session for this request. Kept beside the Node request so tus hooks, which see
 * only a web `Request` wrapping it, can find it again.
 */
const candidateContexts = new WeakMap<IncomingMessage, CandidateContext & { mountPath: string }>();

export function candidateContextOf(req: IncomingMessage): CandidateContext & { mountPath: string } {
  const ctx = candidateContexts.get(req);
  if (!ctx) throw new CandidError('SESSION_TOKEN_MISSING');
  return ctx;
}

/**
 * Candidate-side routes: a session token, rechecked against the session on every request. With a
 * throttle, each invalid token (bad signature, malformed, unknown session) counts against the
 * client address; a valid token is never refused by it (see {@link AuthThrottle}).
 */
export function requireCandidate(sessions: SessionService, throttle?: AuthThrottle) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = bearer(req);
    if (!token) throw new CandidError('SESSION_TOKEN_MISSING');
    let ctx: CandidateContext;
    try {
      ctx = await sessions.authenticateCandidate(token);
    } catch (error) {
      if (throttle && isCandidError(error) && error.code === 'SESSION_TOKEN_INVALID') await throttle.failed(req, res);
      throw error;
    }
    candidateContexts.set(req, { ...ctx, mountPath: req.baseUrl });
    next();
  };
}
