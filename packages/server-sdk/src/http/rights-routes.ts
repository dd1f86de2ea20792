import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Router } from 'express';
import { atsActor } from '../audit/actors.js';
import { CandidError } from '../errors.js';
import type { Services } from '../services/index.js';
import { Validator } from '../validation.js';
import { requireApiKey } from './auth.js';
import type { AuthThrottle } from './auth-throttle.js';
import { setStoredFileHeaders } from './media-type.js';

/**
 * An optional ISO date query parameter, from 1970 to 9999 (`DATE_RANGE`): a JavaScript date beyond
 * that reached PostgreSQL as text it refuses, and the response was cut after its headers.
 */
function dateParam(v: Validator, value: unknown, name: string): Date | undefined {
  if (value === undefined) return undefined;
  return v.date(value, name) ?? undefined;
}

/** Data-subject rights and the audit log (ATS side, API key): export, erasure, restriction, legal hold. */
export function rightsRoutes(services: Services, apiKeys: string[], throttle?: AuthThrottle): Router {
  const router = Router();
  const { rights } = services;
  router.use(['/v1/sessions', '/v1/erasures', '/v1/audit'], requireApiKey(apiKeys, throttle));

  /** One ustar archive: every stored file of the session and `export.json`, streamed. */
  router.get('/v1/sessions/:id/export', async (req, res) => {
    const { filename, stream } = await rights.export.open(req.params.id, atsActor(req));
    setStoredFileHeaders(res, { contentType: 'application/x-tar', disposition: 'attachment', filename });
    res.setHeader('Cache-Control', 'private, no-store');
    // Headers are out: a storage failure mid-way can only cut the connection (a truncated tar is detectable).
    await pipeline(stream, res).catch((error: unknown) => res.destroy(error as Error));
  });

  router.delete('/v1/sessions/:id', async (req, res) => {
    const v = new Validator();
    const reason = v.optionalString(req.query.reason, 'reason', { max: 2000 }) ?? null;
    v.done();
    res.json({ receipt: await rights.erasure.eraseSession(req.params.id, atsActor(req), reason) });
  });

  router.get('/v1/sessions/:id/receipts', async (req, res) => {
    res.json({ receipts: await rights.erasure.receipts(req.params.id) });
  });

  /** Every session of one candidate (`candidateExternalId`) or of one interview (`interviewId`). */
  router.post('/v1/erasures', async (req, res) => {
    res.json({ receipts: await rights.erasure.eraseMany(req.body, atsActor(req)) });
  });

  router.post('/v1/sessions/:id/restrict', async (req, res) => {
    res.json(await rights.restrictions.restrict(req.params.id, req.body, atsActor(req)));
  });

  router.post('/v1/sessions/:id/restrict/lift', async (req, res) => {
    res.json(await rights.restrictions.lift(req.params.id, req.body, atsActor(req)));
  });

  router.post('/v1/sessions/:id/legal-hold', async (req, res) => {
    res.json(await rights.restrictions.placeLegalHold(req.params.id, req.body, atsActor(req)));
  });

  router.post('/v1/sessions/:id/legal-hold/release', async (req, res) => {
    res.json(await rights.restrictions.releaseLegalHold(req.params.id, req.body, atsActor(req)));
  });

  /** The audit log for a period as JSON lines (`from` inclusive, `to` exclusive). */
  router.get('/v1/audit', async (req, res) => {
    const v = new Validator();
    for (const key of Object.keys(req.query)) if (key !== 'from' && key !== 'to') v.fail(key, 'is not a known parameter (expected from, to)');
    const from = dateParam(v, req.query.from, 'from');
    const to = dateParam(v, req.query.to, 'to');
    if (from && to && from.getTime() > to.getTime()) v.fail('to', 'must not be before from');
    v.done();
    await rights.audit.append(atsActor(req), { action: 'audit_export', objectType: 'audit_log', objectId: null, detail: { from: from?.toISOString() ?? null, to: to?.toISOString() ?? null } });
    const period = `${from ? from.toISOString().slice(0, 10) : 'start'}-${to ? to.toISOString().slice(0, 10) : 'now'}`;
    setStoredFileHeaders(res, { contentType: 'application/x-ndjson', disposition: 'attachment', filename: `candid-audit-${period}.ndjson` });
    res.setHeader('Cache-Control', 'private, no-store');
    const lines = async function* () {
      for await (const record of rights.audit.export({ from, to })) yield `${JSON.stringify(record)}\n`;
    };
    await pipeline(Readable.from(lines()), res).catch((error: unknown) => res.destroy(error as Error));
  });

  return router;
}

/** Thrown by the media route while a session is restricted (no sharing). */
export async function assertMayShare(services: Services, sessionId: string): Promise<void> {
  const row = await services.sessions.row(sessionId);
  if (row.restriction) throw new CandidError('SESSION_RESTRICTED');
}
