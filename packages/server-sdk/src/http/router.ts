import express, { Router } from 'express';
import type { ResolvedOptions } from '../config.js';
import type { Services } from '../services/index.js';
import type { MediaStorage } from '../storage/media-storage.js';
import { atsRoutes } from './ats-routes.js';
import { requireCandidate } from './auth.js';
import { candidateRoutes } from './candidate-routes.js';
import { cors } from './cors.js';
import { errorHandler, notFound } from './errors.js';
import { UPLOADS_PATH, createTusHandler } from './tus-uploads.js';

/**
 * The Express router to mount anywhere (`app.use('/candid', router)`). It needs no body parser
 * from the host app; the tus routes must not get one, so JSON parsing is applied only after them.
 */
export function createRouter(options: {
  config: ResolvedOptions;
  services: Services;
  storage: MediaStorage;
  logger: Pick<Console, 'error'>;
}): Router {
  const { config, services } = options;
  const router = Router();
  router.use(cors(config.corsOrigins));

  const tus = createTusHandler({ storage: options.storage, uploads: services.uploads, maxUploadBytes: config.maxUploadBytes, corsOrigins: config.corsOrigins });
  router.all([UPLOADS_PATH, `${UPLOADS_PATH}/{*rest}`], requireCandidate(services.sessions), tus);

  router.use(express.json({ limit: '256kb' }));
  router.use(candidateRoutes(services));
  router.use(atsRoutes(services, config.apiKeys));
  router.use(notFound);
  router.use(errorHandler(options.logger));
  return router;
}
