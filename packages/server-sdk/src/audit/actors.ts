import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { requestIdOf } from '../http/request-log.js';
import type { Actor } from './audit-log.js';

/** A stable, non-secret id for an API key: `key_` + the first 12 hex digits of its sha256. */
export function apiKeyId(key: string): string {
  return `key_${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/** The ATS caller of a request that passed `requireApiKey`. */
export function atsActor(req: Request): Actor {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return { type: 'ats', id: match ? apiKeyId(match[1]!) : null, requestId: requestIdOf(req) ?? null };
}

export function candidateActor(req: Request, sessionId: string): Actor {
  return { type: 'candidate', id: sessionId, requestId: requestIdOf(req) ?? null };
}

export const systemActor = (what: string): Actor => ({ type: 'system', id: what });
