import type { NextFunction, Request, Response } from 'express';
import { CandidError, isCandidError } from '../errors.js';
import type { Logger } from '../logger.js';
import { requestIdOf } from './request-log.js';

/** Maps anything thrown by a route to the contract's JSON error shape. */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    let candidError: CandidError;
    if (isCandidError(error)) {
      candidError = error;
    } else {
      const e = error as { type?: string; status?: number };
      if (e?.type === 'entity.too.large') candidError = new CandidError('PAYLOAD_TOO_LARGE');
      else if (e?.type === 'entity.parse.failed') candidError = new CandidError('BAD_REQUEST', 'The body is not valid JSON.');
      else if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported') candidError = new CandidError('UNSUPPORTED_MEDIA_TYPE', 'Send JSON as UTF-8.');
      else if (error instanceof URIError || e?.status === 400) candidError = new CandidError('BAD_REQUEST', 'The URL is malformed (bad percent-encoding).');
      else {
        logger.error({ err: error, reqId: requestIdOf(req) }, 'unexpected error');
        candidError = new CandidError('INTERNAL');
      }
    }
    res.status(candidError.status).json(candidError.toJSON());
  };
}

/** For routes nobody matched under the mount path. */
export function notFound(_req: Request, _res: Response) {
  throw new CandidError('NOT_FOUND', 'No such route in the Candid API.');
}
