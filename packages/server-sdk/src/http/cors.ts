import type { NextFunction, Request, Response } from 'express';

/** Request headers the widget sends, tus's included. */
export const CORS_ALLOWED_HEADERS = [
  'Authorization', 'Content-Type', 'Idempotency-Key', 'X-Candid-Widget-Version',
  'Tus-Resumable', 'Upload-Length', 'Upload-Defer-Length', 'Upload-Metadata', 'Upload-Offset', 'Upload-Concat',
  'X-HTTP-Method-Override', 'X-Requested-With',
];

/** Response headers a browser script must be able to read (tus needs Location and the Upload-* family). */
export const CORS_EXPOSED_HEADERS = [
  'Location', 'Upload-Offset', 'Upload-Length', 'Upload-Defer-Length', 'Upload-Metadata', 'Upload-Expires',
  'Tus-Resumable', 'Tus-Version', 'Tus-Extension', 'Tus-Max-Size', 'Retry-After', 'X-Request-Id',
];

/**
 * CORS for embedding on other origins. Tokens travel in the Authorization header, never in cookies,
 * so credentials are not allowed and `*` is a safe default.
 */
export function cors(origins: string[] | '*') {
  const allowOrigin = (origin: string | undefined): string | null => {
    if (origins === '*') return '*';
    return origin && origins.includes(origin) ? origin : null;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = allowOrigin(req.get('origin'));
    if (origin) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      if (origin !== '*') res.append('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS.join(', '));
    }
    if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
      if (origin) {
        res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PATCH, DELETE, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS.join(', '));
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.status(204).end();
      return;
    }
    next();
  };
}
