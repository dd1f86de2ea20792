import type { NextFunction, Request, Response } from 'express';

/** Unread request body up to this size is read and discarded so the connection can be reused. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;
/** …and for at most this long; a client still sending after that loses its connection. */
const DRAIN_TIMEOUT_MS = 5000;

/**
 * Many refusals answer before the request body is read (a 401 on a PATCH, a 415 after sniffing the
 * first bytes, a tus offset conflict). If those unread bytes stayed in the socket, Node could not
 * parse the next request on a keep-alive connection and the client's next call would fail with
 * ECONNRESET. So: a small remainder is read and discarded after the answer (the connection stays
 * usable); a large or unknown one (chunked) gets `Connection: close`, and is still drained briefly
 * so the client reads the answer instead of a reset.
 */
export function lingerOnEarlyAnswer(req: Request, res: Response, next: NextFunction): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    if (!req.complete && !this.headersSent && !fitsDrain(req)) this.setHeader('Connection', 'close');
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as typeof res.writeHead;
  res.on('finish', () => {
    if (req.complete || req.destroyed) return;
    const timer = setTimeout(() => req.destroy(), DRAIN_TIMEOUT_MS);
    timer.unref();
    req.once('end', () => clearTimeout(timer));
    req.resume();
  });
  next();
}

function fitsDrain(req: Request): boolean {
  const length = req.get('content-length');
  return length !== undefined && Number(length) <= DRAIN_LIMIT_BYTES;
}
