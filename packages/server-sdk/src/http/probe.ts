import type { Request, Response } from 'express';
import { CandidError } from '../errors.js';

/** Largest probe body: enough to measure a rate, too small to be a storage channel. */
export const PROBE_MAX_BYTES = 2 * 1024 * 1024;

/**
 * `POST /v1/session/probe`: the widget's connection check. The body (application/octet-stream) is
 * counted and dropped, never stored; the widget times the round trip itself.
 */
export async function probeHandler(req: Request, res: Response): Promise<void> {
  const started = process.hrtime.bigint();
  let received = 0;
  for await (const chunk of req) {
    received += (chunk as Buffer).length;
    if (received > PROBE_MAX_BYTES) {
      req.unpipe();
      res.setHeader('Connection', 'close');
      throw new CandidError('PAYLOAD_TOO_LARGE', `A probe may carry at most ${PROBE_MAX_BYTES} bytes.`);
    }
  }
  res.setHeader('Cache-Control', 'no-store');
  res.json({ receivedBytes: received, serverMs: Number(process.hrtime.bigint() - started) / 1e6 });
}
