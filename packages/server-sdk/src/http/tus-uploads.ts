import type { IncomingMessage } from 'node:http';
import { Server as TusServer } from '@tus/server';
import { EVENTS, type Locker } from '@tus/utils';
import type { NextFunction, Request, Response } from 'express';
import { CandidError, type ErrorCode, isCandidError } from '../errors.js';
import { newId } from '../ids.js';
import { containerOfMimeType, sniffContainer } from '../media/sniff.js';
import type { UploadRow } from '../services/rows.js';
import type { UploadService } from '../services/uploads.js';
import type { MediaStorage } from '../storage/media-storage.js';
import { candidateContextOf } from './auth.js';
import { CORS_EXPOSED_HEADERS } from './cors.js';
import type { Logger } from '../logger.js';
import { peekBody } from './peek-body.js';
import { checkTusRequest, hasBody, parseUploadMetadata } from './tus-request-checks.js';

export const UPLOADS_PATH = '/v1/uploads';

/** srvx wraps the Node request; the original is where our per-request context lives. */
function nodeRequestOf(req: globalThis.Request): IncomingMessage {
  const node = (req as unknown as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
  if (!node) throw new CandidError('INTERNAL', 'tus request without its Node request');
  return node;
}

/**
 * Uploads registered by a POST whose storage object does not exist yet: tus registers (onUploadCreate)
 * before the store creates, and a store failure (an S3 outage) must not leave a row that counts
 * against the take's cap. POST_CREATE, emitted once the store created it, takes the entry out.
 */
const pendingCreates = new WeakMap<IncomingMessage, string>();

/** The upload row a request touches, loaded once per request and shared by the tus hooks. */
const requestUploads = new WeakMap<IncomingMessage, UploadRow>();

async function ownedUpload(uploads: UploadService, req: IncomingMessage, uploadId: string): Promise<UploadRow> {
  const cached = requestUploads.get(req);
  if (cached?.id === uploadId) return cached;
  const upload = await uploads.getOwned(candidateContextOf(req), uploadId);
  requestUploads.set(req, upload);
  return upload;
}

/** tus's own protocol errors (plain text) become the API's JSON errors with stable codes. */
const TUS_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  403: 'UPLOAD_FORBIDDEN',
  404: 'UPLOAD_NOT_FOUND',
  409: 'UPLOAD_OFFSET_CONFLICT',
  410: 'UPLOAD_NOT_FOUND',
  412: 'BAD_REQUEST',
  413: 'UPLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** 5xx answers (storage outages, bugs) go to the log: the client only sees the code. */
function logServerSide(logger: Logger | undefined, error: Error | { status_code: number; body: string }): void {
  const status = isCandidError(error) ? error.status : 'status_code' in error ? error.status_code : 500;
  if (status < 500) return;
  const cause = isCandidError(error) ? error.cause : error;
  logger?.warn({ err: cause ?? error, status }, 'upload request failed on the server side');
}

function toJsonError(error: Error | { status_code: number; body: string }): { status_code: number; body: string } | undefined {
  if (isCandidError(error)) return { status_code: error.status, body: JSON.stringify(error.toJSON()) };
  const status = 'status_code' in error ? error.status_code : undefined;
  const code = status ? TUS_STATUS_CODES[status] : undefined;
  if (!status || !code) return undefined;
  const message = 'body' in error ? String(error.body).trim() : 'Upload request refused.';
  return { status_code: status, body: JSON.stringify(new CandidError(code, message).toJSON()) };
}

/**
 * The tus 1.0 endpoint. Upload ids are minted here, bound to the token's session when created, and
 * every later request (HEAD, PATCH, DELETE) must come from that same session: others get 404.
 */
export function createTusHandler(options: {
  storage: MediaStorage;
  uploads: UploadService;
  locker: Locker | undefined;
  maxUploadBytes: number;
  uploadBytesPerSecond: number;
  corsOrigins: string[] | '*';
  logger?: Logger;
}) {
  const { storage, uploads } = options;
  const limits = { bytesPerSecond: options.uploadBytesPerSecond, hardLimit: options.maxUploadBytes };
  const tus = new TusServer({
    path: UPLOADS_PATH,
    datastore: storage.datastore,
    ...(options.locker ? { locker: options.locker } : {}),
    // The cap follows the answer's time limit; new uploads (no row yet) get the hard limit.
    async maxSize(req, uploadId) {
      if (!uploadId) return limits.hardLimit;
      const node = nodeRequestOf(req);
      const upload = await ownedUpload(uploads, node, uploadId).catch(() => null);
      return upload ? uploads.maxBytes(candidateContextOf(node), upload.question_id, limits) : limits.hardLimit;
    },
    namingFunction: () => newId('upl'),
    // A path-absolute Location (`/candid/v1/uploads/upl_…`) survives proxies that rewrite the host.
    generateUrl: (req, { id }) => `${candidateContextOf(nodeRequestOf(req)).mountPath}${UPLOADS_PATH}/${id}`,
    allowedOrigins: options.corsOrigins === '*' ? undefined : options.corsOrigins,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    async onIncomingRequest(req, uploadId) {
      if (req.method === 'POST') return;
      const node = nodeRequestOf(req);
      const upload = await ownedUpload(uploads, node, uploadId);
      if (req.method === 'PATCH') uploads.assertMayWrite(candidateContextOf(node), upload);
      if (req.method === 'DELETE') uploads.assertMutable(upload);
    },
    async onUploadCreate(req, upload) {
      const ctx = candidateContextOf(nodeRequestOf(req));
      const meta = uploads.parseMetadata(ctx, upload.metadata);
      await uploads.register(ctx, upload.id, meta, limits, upload.size ?? null);
      pendingCreates.set(nodeRequestOf(req), upload.id);
      return {};
    },
    async onUploadFinish(_req, upload) {
      await uploads.markComplete(upload.id, upload.size ?? upload.offset);
      return {};
    },
    onResponseError: (_req, error) => {
      logServerSide(options.logger, error);
      return toJsonError(error);
    },
  });
  tus.on(EVENTS.POST_TERMINATE, (_req, _res, id) => {
    void uploads.markRemoved(id);
  });
  tus.on(EVENTS.POST_CREATE, (req) => {
    pendingCreates.delete(nodeRequestOf(req));
  });

  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET') throw new CandidError('NOT_FOUND', 'Uploads cannot be downloaded; the ATS reads media through /v1/sessions/{id}/media.');
    checkTusRequest(req, req.path.replace(/\/$/, '') !== UPLOADS_PATH);
    const ctx = candidateContextOf(req);
    if (req.method === 'POST') {
      await uploads.assertMayUpload(ctx);
      const meta = parseUploadMetadata(req.get('upload-metadata'));
      const declared = req.get('upload-length');
      if (declared !== undefined && Number(declared) > uploads.maxBytes(ctx, meta.questionId ?? '', limits)) throw new CandidError('UPLOAD_TOO_LARGE');
      if (hasBody(req)) await assertFirstBytes(req, meta.mimeType ?? '');
    }
    if (req.method === 'PATCH') {
      // Refused before a byte is read: the session's state and consent, then (first PATCH) the container.
      const upload = await ownedUpload(uploads, req, req.path.split('/').pop() ?? '');
      uploads.assertMayWrite(ctx, upload);
      if (req.get('upload-offset') === '0') await assertFirstBytes(req, upload.mime_type);
    }
    sendErrorsAsJson(res);
    try {
      await tus.handle(req, res);
    } catch (error) {
      next(error);
    } finally {
      const notCreated = pendingCreates.get(req);
      if (notCreated) {
        pendingCreates.delete(req);
        await uploads.markCreateFailed(notCreated);
      }
    }
  };
}

/** The first bytes must be the container the upload declared: anything else is refused before storage. */
async function assertFirstBytes(req: Request, declaredMimeType: string): Promise<void> {
  const head = await peekBody(req, 8);
  if (head.length < 8) return; // too short to tell; the commit checks the whole file
  const actual = sniffContainer(head);
  if (actual !== containerOfMimeType(declaredMimeType)) {
    throw new CandidError('UNSUPPORTED_MEDIA_TYPE', `The upload was declared ${declaredMimeType || 'without a type'} but its first bytes are ${actual ?? 'not a recognised media container'}.`);
  }
}

/**
 * tus builds its error responses itself, as text; the bodies it sends through `onResponseError`
 * are our JSON, so label every error response as JSON.
 */
function sendErrorsAsJson(res: Response): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, status: number, ...rest: unknown[]) {
    if (status >= 400) {
      for (const arg of rest) {
        if (Array.isArray(arg)) {
          for (let i = 0; i < arg.length; i += 2) if (String(arg[i]).toLowerCase() === 'content-type') arg[i + 1] = 'application/json; charset=utf-8';
        } else if (arg && typeof arg === 'object') {
          for (const key of Object.keys(arg)) if (key.toLowerCase() === 'content-type') delete (arg as Record<string, unknown>)[key];
          (arg as Record<string, unknown>)['content-type'] = 'application/json; charset=utf-8';
        }
      }
      if (!rest.some((arg) => arg && typeof arg === 'object')) this.setHeader('content-type', 'application/json; charset=utf-8');
    }
    return (writeHead as (...args: unknown[]) => Response).call(this, status, ...rest);
  } as typeof res.writeHead;
}
