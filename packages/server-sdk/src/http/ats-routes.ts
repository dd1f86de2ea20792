import { Router } from 'express';
import { CandidError } from '../errors.js';
import type { Services } from '../services/index.js';
import { parseRange } from '../services/media.js';
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

  router.get('/v1/sessions/:id/media/:answerId', async (req, res) => {
    const track = req.query.track ?? 'video';
    if (track !== 'video' && track !== 'audio') throw new CandidError('VALIDATION_FAILED', 'track must be "video" or "audio".');
    const session = await services.sessions.row(req.params.id);
    const media = await services.media.describe(session.id, req.params.answerId, track);
    const range = parseRange(req.get('range'), media.sizeBytes);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Type', media.mimeType.split(';')[0]!);
    res.setHeader('ETag', `"${media.sha256}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    if (range === 'unsatisfiable') {
      res.status(416).setHeader('Content-Range', `bytes */${media.sizeBytes}`).end();
      return;
    }
    if (range) {
      res.status(206).setHeader('Content-Range', `bytes ${range.start}-${range.end}/${media.sizeBytes}`);
      res.setHeader('Content-Length', String(range.end - range.start + 1));
    } else {
      res.setHeader('Content-Length', String(media.sizeBytes));
    }
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = await services.media.open(media, range ?? undefined);
    stream.on('error', (error) => res.destroy(error));
    stream.pipe(res);
  });
  return router;
}
