import type { IncomingMessage } from 'node:http';
import { Server as TusServer } from '@tus/server';
import { EVENTS } from '@tus/utils';
import type { NextFunction, Request, Response } from 'express';
import { CandidError, isCandidError } from '../errors.js';
import { newId } from '../ids.js';
import type { UploadService } from '../services/uploads.js';
import type { MediaStorage } from '../storage/media-storage.js';
import { candidateContextOf } from './auth.js';
import { CORS_EXPOSED_HEADERS } from './cors.js';

export const UPLOADS_PATH = '/v1/uploads';

/** srvx wraps the Node request; the original is where our per-request context lives. */
function nodeRequestOf(req: globalThis.Request): IncomingMessage {
  const node = (req as unknown as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
  if (!node) throw new CandidError('INTERNAL', 'tus request without its Node request');
  return node;
}

/**
 * The tus 1.0 endpoint. Upload ids are minted here, bound to the token's session when created, and
 * every later request (HEAD, PATCH, DELETE) must come from that same session: others get 404.
 */
export function createTusHandler(options: {
  storage: MediaStorage;
  uploads: UploadService;
  maxUploadBytes: number;
  corsOrigins: string[] | '*';
}) {
  const { storage, uploads } = options;
  const tus = new TusServer({
    path: UPLOADS_PATH,
    datastore: storage.datastore,
    maxSize: options.maxUploadBytes,
    namingFunction: () => newId('upl'),
    // A path-absolute Location (`/candid/v1/uploads/upl_…`) survives proxies that rewrite the host.
    generateUrl: (req, { id }) => `${candidateContextOf(nodeRequestOf(req)).mountPath}${UPLOADS_PATH}/${id}`,
    allowedOrigins: options.corsOrigins === '*' ? undefined : options.corsOrigins,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    disableTerminationForFinishedUploads: false,
    async onIncomingRequest(req, uploadId) {
      const ctx = candidateContextOf(nodeRequestOf(req));
      if (req.method === 'POST') return;
      const upload = await uploads.getOwned(ctx, uploadId);
      if (req.method === 'PATCH' || req.method === 'DELETE') await uploads.assertMutable(upload);
    },
    async onUploadCreate(req, upload) {
      const ctx = candidateContextOf(nodeRequestOf(req));
      const meta = uploads.parseMetadata(ctx, upload.metadata);
      await uploads.register(ctx, upload.id, meta);
      return {};
    },
    async onUploadFinish(_req, upload) {
      await uploads.markComplete(upload.id, upload.size ?? upload.offset);
      return {};
    },
    onResponseError(_req, error) {
      if (isCandidError(error)) return { status_code: error.status, body: JSON.stringify(error.toJSON()) };
      return undefined;
    },
  });
  tus.on(EVENTS.POST_TERMINATE, (_req, _res, id) => {
    void uploads.markRemoved(id);
  });

  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET') throw new CandidError('NOT_FOUND', 'Uploads cannot be downloaded; the ATS reads media through /v1/sessions/{id}/media.');
    const ctx = candidateContextOf(req);
    if (req.method === 'POST') await uploads.assertMayUpload(ctx);
    try {
      await tus.handle(req, res);
    } catch (error) {
      next(error);
    }
  };
}
