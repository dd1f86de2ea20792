import type { Router } from 'express';
import { type CandidOptions, type ResolvedOptions, resolveOptions } from './config.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrations.js';
import { openPGliteDatabase } from './db/pglite-database.js';
import { createRouter } from './http/router.js';
import { type Services, createServices } from './services/index.js';
import type { InterviewService } from './services/interviews.js';
import type { MediaService } from './services/media.js';
import type { SessionService } from './services/sessions.js';
import { LocalDiskStorage } from './storage/local-disk-storage.js';
import type { MediaStorage } from './storage/media-storage.js';
import { SessionTokens } from './tokens.js';

export interface Candid {
  /** Express router; mount it anywhere: `app.use('/candid', candid.router)`. */
  readonly router: Router;
  readonly interviews: InterviewService;
  readonly sessions: SessionService;
  readonly media: MediaService;
  readonly options: Readonly<ResolvedOptions>;
  /** Opens the database, runs migrations and prepares storage. Idempotent; the router calls it lazily. */
  start(): Promise<void>;
  /** Closes the database. In-flight requests should be drained by the host first. */
  close(): Promise<void>;
}

/**
 * Creates a Candid instance. It returns synchronously so the router can be mounted at once; the
 * database opens on `start()` (or on the first request).
 *
 * @example
 * const candid = createCandid({ secret: process.env.CANDID_SECRET!, apiKeys: [process.env.ATS_KEY!] });
 * await candid.start();
 * app.use('/candid', candid.router);
 */
export function createCandid(options: CandidOptions, deps: { logger?: Pick<Console, 'error' | 'warn' | 'info'> } = {}): Candid {
  const config = resolveOptions(options);
  const logger = deps.logger ?? console;
  const tokens = new SessionTokens(config.secret, config.tokenTtlSeconds);
  let db: Database | undefined;
  let storage: MediaStorage | undefined;
  let services: Services | undefined;
  let starting: Promise<void> | undefined;
  let router: Router | undefined;

  const start = () => {
    starting ??= (async () => {
      db = await openPGliteDatabase(config.dbDir);
      await migrate(db);
      storage = await LocalDiskStorage.open(config.mediaDir);
      services = createServices(db, storage, tokens, config.sessionTtlSeconds);
    })();
    return starting;
  };
  const started = (): Services => {
    if (!services) throw new Error('Candid is not started yet: await candid.start() first.');
    return services;
  };
  // Services are created on start; the router delegates to them lazily.
  const lazyRouter: Router = ((req, res, next) => {
    start()
      .then(() => {
        router ??= createRouter({ config, services: started(), storage: storage!, logger });
        router(req, res, next);
      })
      .catch(next);
  }) as Router;

  return {
    router: lazyRouter,
    get interviews() {
      return started().interviews;
    },
    get sessions() {
      return started().sessions;
    },
    get media() {
      return started().media;
    },
    options: config,
    start,
    async close() {
      if (starting) await starting.catch(() => undefined);
      await db?.close();
      db = undefined;
      services = undefined;
      starting = undefined;
      router = undefined;
    },
  };
}
