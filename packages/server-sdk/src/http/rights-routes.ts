import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Router } from 'express';
import { atsActor } from '../audit/actors.js';
import { CandidError } from '../errors.js';
import type { Services } from '../services/index.js';
import { Validator } from '../validation.js';
import { requireApiKey } from './auth.js';

/** An optional ISO date query parameter. */
function dateParam(v: Validator, value: unknown, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) v.fail(name, 'must be an ISO 8601 date or date-time');
  return date;
}

/** Data-subject rights and the audit log (ATS side, API key): export, erasure, restriction, legal hold. */
export function rightsRoutes(services: Services, apiKeys: string[]): Router {
  const router = Router();
  const { rights } = services;
  router.use(['/v1/sessions', '/v1/erasures', '/v1/audit'], requireApiKey(apiKeys));

  /** One ustar archive: every stored file of the session and `export.json`, streamed. */
  router.get('/v1/sessions/:id/export', async (req, res) => {
    const { filename, stream } = await rights.export.open(req.params.id, atsActor(req));
    res.setHeader('Content-Type', 'application/x-tar');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
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
    res.setHeader('Content-Type', 'application/x-ndjson');
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
