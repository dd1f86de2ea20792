import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.js';

const INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/;
const requestIds = new WeakMap<IncomingMessage, string>();

export function requestIdOf(req: IncomingMessage): string | undefined {
  return requestIds.get(req);
}

/**
 * Gives every request an id (the caller's `X-Request-Id` when it looks like one), echoes it back,
 * and logs one line when the response ends: method, path (ids only, no query), status, duration.
 */
export function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id');
    const id = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    requestIds.set(req, id);
    res.setHeader('X-Request-Id', id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = { reqId: id, method: req.method, path: `${req.baseUrl}${req.path}`, status: res.statusCode, ms: Math.round(ms * 10) / 10 };
      if (res.statusCode >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request');
    });
    next();
  };
}
