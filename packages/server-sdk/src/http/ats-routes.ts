import { Router } from 'express';
import { CandidError } from '../errors.js';
import type { Services } from '../services/index.js';
import { type ByteRange, parseRange } from '../services/media.js';
import { requireApiKey } from './auth.js';
import type { AuthThrottle } from './auth-throttle.js';
import { atsActor } from '../audit/actors.js';
import { assertMayShare } from './rights-routes.js';
import { MAX_SESSION_LIFETIME_DAYS, Validator } from '../validation.js';
import { extensionFor, mediaContentType, setStoredFileHeaders } from './media-type.js';

/**
 * `expiresAt` of a new session: ISO 8601, in the future, at most {@link MAX_SESSION_LIFETIME_DAYS}
 * ahead. Checked here, at the edge, before the session service sees it (a date past year 9999
 * used to reach PostgreSQL and answer 500).
 */
export function assertSessionExpiry(body: unknown, now = Date.now()): void {
  if (!body || typeof body !== 'object' || (body as { expiresAt?: unknown }).expiresAt === undefined) return;
  const v = new Validator();
  v.date((body as { expiresAt: unknown }).expiresAt, 'expiresAt', { min: now + 1000, max: now + MAX_SESSION_LIFETIME_DAYS * 86_400_000 });
  v.done();
}

/** Routes the ATS backend calls with an API key. */
export function atsRoutes(services: Services, apiKeys: string[], throttle?: AuthThrottle): Router {
  const router = Router();
  const apiKey = requireApiKey(apiKeys, throttle);
  router.use(['/v1/interviews', '/v1/sessions'], apiKey);

  router.post('/v1/interviews', async (req, res) => {
    const interview = await services.interviews.create(req.body);
    await services.audit.append(atsActor(req), { action: 'config_change', objectType: 'interview', objectId: interview.id, detail: { created: true, jurisdictions: interview.jurisdictions, retention: interview.retention } });
    res.status(201).json(interview);
  });

  router.get('/v1/interviews/:id', async (req, res) => {
    res.json(await services.interviews.get(req.params.id));
  });

  router.post('/v1/sessions', async (req, res) => {
    assertSessionExpiry(req.body);
    const created = await services.sessions.create(req.body);
    const actor = atsActor(req);
    await services.audit.append(actor, { action: 'token_issued', objectType: 'session', objectId: created.sessionId, sessionId: created.sessionId, detail: { created: true, expiresAt: created.expiresAt } });
    if ((req.body as { accommodations?: unknown }).accommodations) {
      await services.audit.append(actor, { action: 'accommodation_granted', objectType: 'session', objectId: created.sessionId, sessionId: created.sessionId });
    }
    res.status(201).json(created);
  });

  router.get('/v1/sessions', async (req, res) => {
    const { interviewId, status, limit, cursor } = req.query;
    res.json(await services.sessions.list({ interviewId, status, limit, cursor }));
  });

  router.get('/v1/sessions/:id', async (req, res) => {
    res.json(await services.sessions.get(req.params.id));
  });

  /** A fresh widget token for the same session: the candidate reopening the link resumes. */
  router.post('/v1/sessions/:id/token', async (req, res) => {
    const issued = await services.sessions.issueToken(req.params.id);
    await services.audit.append(atsActor(req), { action: 'token_issued', objectType: 'session', objectId: issued.sessionId, sessionId: issued.sessionId, detail: { expiresAt: issued.expiresAt } });
    res.status(201).json(issued);
  });

  router.post('/v1/sessions/:id/reviews', async (req, res) => {
    const review = await services.requests.review(req.params.id, req.body);
    await services.audit.append(atsActor(req), { action: 'decision_recorded', objectType: 'session', objectId: review.sessionId, sessionId: review.sessionId, detail: { reviewId: review.id } });
    res.status(201).json({ review });
  });

  /** Original media (`?track=video|audio`) or a rendition (`?rendition=mp4|webm|hls|fmp4`), with range requests. */
  router.get('/v1/sessions/:id/media/:answerId', async (req, res) => {
    const session = await services.sessions.row(req.params.id);
    // Restricted or objected: stored, not shared.
    await assertMayShare(services, session.id);
    const { track = 'video', rendition } = req.query;
    let file: { size: number; mimeType: string; etag: string; open: (range?: ByteRange) => Promise<NodeJS.ReadableStream> };
    if (rendition !== undefined) {
      if (typeof rendition !== 'string') throw new CandidError('VALIDATION_FAILED', 'rendition must be a string such as mp4.');
      const found = await services.media.describeRendition(session.id, req.params.answerId, rendition);
      file = { size: found.sizeBytes, mimeType: found.mimeType, etag: found.etag, open: (range) => services.media.openRendition(found.name, range) };
    } else {
      if (track !== 'video' && track !== 'audio') throw new CandidError('VALIDATION_FAILED', 'track must be "video" or "audio".');
      const media = await services.media.describe(session.id, req.params.answerId, track);
      file = { size: media.sizeBytes, mimeType: media.mimeType, etag: media.sha256, open: (range) => services.media.open(media, range) };
    }
    const range = parseRange(req.get('range'), file.size);
    res.setHeader('Accept-Ranges', 'bytes');
    // The stored type is checked again on the way out (it came from the client once), and the
    // filename is built from the answer id, never from stored text. Inline: a <video> plays it.
    const contentType = mediaContentType(file.mimeType);
    const variant = rendition !== undefined ? String(rendition) : String(track);
    setStoredFileHeaders(res, { contentType, disposition: 'inline', filename: `${req.params.answerId}-${variant}.${extensionFor(contentType)}` });
    res.setHeader('ETag', `"${String(file.etag).replace(/[^A-Za-z0-9._-]/g, '')}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    if (range === 'unsatisfiable') {
      res.status(416).setHeader('Content-Range', `bytes */${file.size}`).end();
      return;
    }
    if (range) {
      res.status(206).setHeader('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
      res.setHeader('Content-Length', String(range.end - range.start + 1));
    } else {
      res.setHeader('Content-Length', String(file.size));
    }
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // One row per viewing, not per range request a player makes while seeking.
    if (!range || range.start === 0) await services.audit.append(atsActor(req), { action: 'view_media', objectType: 'answer', objectId: req.params.answerId, sessionId: session.id, detail: { ...(rendition !== undefined ? { rendition } : { track }), range: range ? `${range.start}-${range.end}` : null } });
    const stream = (await file.open(range ?? undefined)) as NodeJS.ReadableStream & { on(event: 'error', fn: (e: Error) => void): void };
    stream.on('error', (error) => res.destroy(error));
    stream.pipe(res);
  });
  return router;
}
