import type { NextFunction, Request, Response } from 'express';
import { CandidError } from '../errors.js';
import { hasBody } from './tus-request-checks.js';

/** A body that is not JSON would otherwise be ignored silently (and read as "missing fields"). */
export function requireJsonBodies(req: Request, _res: Response, next: NextFunction): void {
  if (hasBody(req) && !req.is('application/json')) {
    throw new CandidError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as Content-Type: application/json.');
  }
  next();
}
