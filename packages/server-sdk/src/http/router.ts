import type { Locker } from '@tus/utils';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { ResolvedOptions } from '../config.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';
import type { MediaStorage } from '../storage/media-storage.js';
import { atsRoutes } from './ats-routes.js';
import { webhookRoutes } from './webhook-routes.js';
import { rightsRoutes } from './rights-routes.js';
import { requireCandidate } from './auth.js';
import { candidateRoutes } from './candidate-routes.js';
import { cors } from './cors.js';
import { errorHandler, notFound } from './errors.js';
import { openApiDocument } from './openapi.js';
import { rateLimitCandidate } from './rate-limit.js';
import { probeHandler } from './probe.js';
import { requestLog } from './request-log.js';
import { lingerOnEarlyAnswer } from './early-answer.js';
import { UPLOADS_PATH, createTusHandler } from './tus-uploads.js';
import { requireJsonBodies } from './json-bodies.js';
import type { AuthThrottle } from './auth-throttle.js';
import { uploadMetadataGuard } from './upload-metadata.js';

function noSniff(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
}

/**
 * The Express router to mount anywhere (`app.use('/candid', router)`). It needs no body parser
 * from the host app; the tus routes must not get one, so JSON parsing is applied only after them.
 */
export function createRouter(options: {
  config: ResolvedOptions;
  services: Services;
  storage: MediaStorage;
  locker: Locker | undefined;
  logger: Logger;
  /** Throttles failed authentication per client address; absent = no throttling. */
  authThrottle?: AuthThrottle;
}): Router {
  const { config, services, authThrottle } = options;
  const router = Router();
  router.use(requestLog(options.logger));
  // Every response, JSON, tus and errors included: never sniffed into something executable.
  router.use(noSniff);
  router.use(lingerOnEarlyAnswer);
  router.use(cors(config.corsOrigins));

  const rateLimit = rateLimitCandidate(services.rateLimiter);
  const tus = createTusHandler({
    storage: options.storage,
    uploads: services.uploads,
    locker: options.locker,
    maxUploadBytes: config.maxUploadBytes,
    uploadBytesPerSecond: config.uploadBytesPerSecond,
    corsOrigins: config.corsOrigins,
    logger: options.logger,
  });
  router.all([UPLOADS_PATH, `${UPLOADS_PATH}/{*rest}`], requireCandidate(services.sessions, authThrottle), rateLimit, uploadMetadataGuard(UPLOADS_PATH), tus);

  router.get('/v1/openapi.json', (_req, res) => res.json(openApiDocument()));
  // Raw bytes, so it comes before the JSON parser.
  router.post('/v1/session/probe', requireCandidate(services.sessions, authThrottle), rateLimit, probeHandler);
  router.use(express.json({ limit: '256kb' }));
  router.use(requireJsonBodies);
  router.use(candidateRoutes(services, rateLimit, authThrottle));
  router.use(atsRoutes(services, config.apiKeys, authThrottle));
  router.use(rightsRoutes(services, config.apiKeys, authThrottle));
  router.use(webhookRoutes(services, config.apiKeys, authThrottle));
  router.use(notFound);
  router.use(errorHandler(options.logger));
  return router;
}
