import { Router } from 'express';
import { CandidError } from '../errors.js';
import type { Services } from '../services/index.js';
import { type ByteRange, parseRange } from '../services/media.js';
import { requireApiKey } from './auth.js';

/** Routes the ATS backend calls with an API key. */
export function atsRoutes(services: Services, apiKeys: string[]): Router {
  const router = Router();
  const apiKey = requireApiKey(apiKeys);
  router.use(['/v1/interviews', '/v1/sessions'], apiKey);

  router.post('/v1/interviews', async (req, res) => {
    res.status(201).json(await services.interviews.create(req.body));
  });

  router.get('/v1/interviews/:id', async (req, res) => {
    res.json(await services.interviews.get(req.params.id));
  });

  router.post('/v1/sessions', async (req, res) => {
    res.status(201).json(await services.sessions.create(req.body));
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
    res.status(201).json(await services.sessions.issueToken(req.params.id));
  });

  router.post('/v1/sessions/:id/reviews', async (req, res) => {
    res.status(201).json({ review: await services.requests.review(req.params.id, req.body) });
  });

  /** Original media (`?track=video|audio`) or a rendition (`?rendition=mp4|webm`), with range requests. */
  router.get('/v1/sessions/:id/media/:answerId', async (req, res) => {
    const session = await services.sessions.row(req.params.id);
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
    res.setHeader('Content-Type', file.mimeType.split(';')[0]!);
    res.setHeader('ETag', `"${file.etag}"`);
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
    const stream = (await file.open(range ?? undefined)) as NodeJS.ReadableStream & { on(event: 'error', fn: (e: Error) => void): void };
    stream.on('error', (error) => res.destroy(error));
    stream.pipe(res);
  });
  return router;
}
