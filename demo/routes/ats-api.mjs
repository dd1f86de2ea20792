// /ats/api: the JSON routes the admin and reviewer pages call. No API key reaches the browser:
// these routes run in the ATS backend, which holds the key (a real ATS would also log people in).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { Router } from 'express';
import { CandidError, RENDITION_KINDS } from '@candid/server-sdk';
import { jsonErrors } from '../lib/errors.mjs';
import { toCandidError } from '../lib/candid-http.mjs';
import { candidateLink, requestOrigin } from '../lib/links.mjs';

const interviewSummary = (i) => ({ id: i.id, title: i.title, locale: i.locale, questions: i.questions.length, jurisdictions: i.jurisdictions, createdAt: i.createdAt });
const PASSED_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'etag', 'cache-control'];

/**
 * `?rendition=mp4|webm|hls|fmp4` or `?track=video|audio` (default video), checked before Candid
 * sees it. The HLS playlist names its media `?rendition=fmp4`, relative to its own URL: this route
 * serves both, with the Range header passed on.
 */
function mediaQuery(query) {
  const single = (value) => (typeof value === 'string' ? value : null);
  if (query.rendition !== undefined) {
    const rendition = single(query.rendition);
    if (!RENDITION_KINDS.includes(rendition)) throw new CandidError('VALIDATION_FAILED', `rendition must be one of ${RENDITION_KINDS.join(', ')}.`);
    return { rendition };
  }
  const track = query.track === undefined ? 'video' : single(query.track);
  if (track !== 'video' && track !== 'audio') throw new CandidError('VALIDATION_FAILED', 'track must be video or audio.');
  return { track };
}

export function atsApi(ats) {
  const router = Router();
  router.use(express.json({ limit: '256kb' }));
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store'); // candidate data (the media route sends Candid's own header)
    next();
  });
  const linkFor = (req, created) => ({ sessionId: created.sessionId, expiresAt: created.expiresAt, link: candidateLink(requestOrigin(req), created.token) });

  router.get('/interviews', async (_req, res) => {
    res.json({ interviews: (await ats.interviews()).map(interviewSummary) });
  });

  router.post('/interviews', async (req, res) => {
    res.status(201).json(await ats.createInterview(req.body));
  });

  router.get('/interviews/:id', async (req, res) => {
    const interview = await ats.interview(req.params.id);
    res.json({ interview, sessions: await ats.sessions({ interviewId: interview.id }) });
  });

  router.post('/interviews/:id/sessions', async (req, res) => {
    res.status(201).json(linkFor(req, await ats.invite(req.params.id, req.body)));
  });

  router.post('/sessions/:id/link', async (req, res) => {
    res.status(201).json(linkFor(req, await ats.newToken(req.params.id)));
  });

  router.get('/sessions', async (_req, res) => {
    res.json({ aiConfigured: ats.aiConfigured, sessions: await ats.sessions() });
  });

  router.get('/sessions/:id', async (req, res) => {
    res.json(await ats.sessionDetail(req.params.id));
  });

  router.post('/sessions/:id/reviews', async (req, res) => {
    res.status(201).json({ review: await ats.decide(req.params.id, req.body) });
  });

  // Media through the ATS backend: Candid's route does the range requests (206, 416) and audits the viewing.
  router.get('/sessions/:id/media/:answerId', async (req, res) => {
    const upstream = await ats.media(req.params.id, req.params.answerId, mediaQuery(req.query), req.get('range'));
    if (!upstream.ok && upstream.status !== 416) throw toCandidError(await upstream.json().catch(() => null));
    res.status(upstream.status);
    for (const name of PASSED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) res.setHeader(name, value);
    }
    if (!upstream.body) {
      res.end();
      return;
    }
    // A player that seeks drops its request: the error that brings is expected, and ends the upstream too.
    await pipeline(Readable.fromWeb(upstream.body), res).catch((error) => {
      if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
    });
  });

  router.use((_req, _res, next) => next(new CandidError('NOT_FOUND', 'No such /ats/api route.')));
  router.use(jsonErrors);
  return router;
}
