import type { Router } from 'express';
import { type CandidOptions, MIN_API_KEY_LENGTH, type ResolvedOptions, resolveOptions } from './config.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrations.js';
import { openDatabase } from './db/open-database.js';
import { createRouter } from './http/router.js';
import { AuthThrottle } from './http/auth-throttle.js';
import { RateLimiter } from './services/rate-limiter.js';
import { JobQueue } from './jobs/job-queue.js';
import { Ffmpeg } from './media/ffmpeg.js';
import { startWorkers } from './jobs/workers.js';
import { type Logger, defaultLogger } from './logger.js';
import { PostgresUploadLocker } from './db/postgres-upload-locker.js';
import type pg from 'pg';
import { type Services, createServices } from './services/index.js';
import type { InterviewService } from './services/interviews.js';
import type { MediaService } from './services/media.js';
import type { SessionService } from './services/sessions.js';
import type { MediaStorage } from './storage/media-storage.js';
import { openMediaStorage } from './storage/open-storage.js';
import { SessionTokens } from './tokens.js';
import { DataKeys } from './crypto/data-keys.js';
import { MasterKeyring } from './crypto/master-keys.js';
import { checkMasterKeys } from './crypto/key-check.js';
import { secureDataDir, tightenOwned } from './storage/data-dir.js';

export interface Candid {
  /** Express router; mount it anywhere: `app.use('/candid', candid.router)`. */
  readonly router: Router;
  readonly interviews: InterviewService;
  readonly sessions: SessionService;
  readonly media: MediaService;
  /** Webhook deliveries: list, replay, emit. */
  readonly webhooks: Services['webhooks'];
  readonly options: Readonly<ResolvedOptions>;
  /** Per-session data keys (encryption at rest): `destroy(sessionId)` crypto-shreds a session, `rewrapAll()` rotates. */
  readonly dataKeys: DataKeys;
  /** Data-subject rights in-process: `export`, `erasure`, `restrictions`, `retention.sweep({ now })`, `audit`. */
  readonly rights: Services['rights'];
  /** Opens the database, runs migrations and prepares storage. Idempotent; the router calls it lazily. */
  start(): Promise<void>;
  /** Closes the database. In-flight requests should be drained by the host first. */
  close(): Promise<void>;
}

async function detectFfmpeg(ffmpegPath: string, logger: Logger): Promise<Ffmpeg | null> {
  const ffmpeg = await Ffmpeg.detect(ffmpegPath);
  if (!ffmpeg) logger.warn({ ffmpegPath }, 'ffmpeg not found: media steps are skipped (no seekable copy, no mp4 rendition, no audio extraction from video)');
  return ffmpeg;
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
export function createCandid(
  options: CandidOptions,
  deps: {
    logger?: Logger;
    /**
     * What a start with the wrong master key does: `refuse` (default: MASTER_KEY_MISMATCH or
     * ENCRYPTION_KEY_MISSING) or `warn` (logged; for `candid keys status`).
     * @internal
     */
    keyCheck?: 'refuse' | 'warn';
  } = {},
): Candid {
  const config = resolveOptions(options);
  const logger = deps.logger ?? defaultLogger();
  if (config.development) {
    const short = config.apiKeys.filter((key) => key.length < MIN_API_KEY_LENGTH).length;
    logger.warn(
      { shortApiKeys: short },
      `Development mode (development: true / CANDID_DEVELOPMENT=1)${short ? `: ${short} API key(s) shorter than ${MIN_API_KEY_LENGTH} characters accepted` : ''}. Never run production like this.`,
    );
  }
  const tokens = new SessionTokens(config.secret, config.tokenTtlSeconds);
  // Validated here, so bad key material fails createCandid() at once.
  const keyring = MasterKeyring.fromOptions(config.encryption.keys, config.secret);
  let dataKeys: DataKeys | undefined;
  let db: Database | undefined;
  let storage: MediaStorage | undefined;
  let services: Services | undefined;
  let locker: PostgresUploadLocker | undefined;
  let jobs: JobQueue | undefined;
  let starting: Promise<void> | undefined;
  let router: Router | undefined;

  // The data directory holds the embedded database and/or media on disk: owner-only (0700/0600).
  const usesDataDir = !config.databaseUrl || !config.s3;
  const start = () => {
    starting ??= (async () => {
      if (usesDataDir) await secureDataDir(config.dataDir, logger);
      db = await openDatabase({ url: config.databaseUrl, pgliteDirectory: config.dbDir, schema: config.databaseSchema, logger });
      await migrate(db, config.databaseSchema);
      if (keyring.derived) logger.warn('No master keys configured (CANDID_MASTER_KEYS): data keys are wrapped under a key derived from CANDID_SECRET. Configure CANDID_MASTER_KEYS in production.');
      // Another CANDID_SECRET or CANDID_MASTER_KEYS than the data was written with: refused here,
      // not as DATA_INTEGRITY on every old session.
      await checkMasterKeys(db, keyring, { dataDir: config.databaseUrl ? undefined : config.dataDir, logger, mode: deps.keyCheck ?? 'refuse' });
      dataKeys = new DataKeys(db, keyring);
      storage = await openMediaStorage({ mediaDir: config.mediaDir, s3: config.s3, dataKeys, db });
      jobs = await JobQueue.start(db, logger, {
        // Instances starting together must not race in pg-boss's own install (Postgres only:
        // PGlite has one connection, and one process).
        serializeStart: 'pool' in db,
        schema: `${config.databaseSchema}_jobs`,
        pollingSeconds: config.jobs.pollingSeconds,
        maintenanceSeconds: config.jobs.maintenanceSeconds,
        ...(config.jobs.expireInSeconds ? { expireInSeconds: config.jobs.expireInSeconds } : {}),
        ...(config.jobs.retryDelaySeconds ? { retryDelaySeconds: config.jobs.retryDelaySeconds } : {}),
      });
      services = createServices(db, storage, tokens, {
        ...config,
        webhooks: { url: config.webhookUrl, secret: config.webhookSecret, allowPrivate: config.webhookAllowPrivate },
        jobs,
        logger,
        ffmpeg: await detectFfmpeg(config.ffmpegPath, logger),
        hlsRendition: config.hlsRendition,
        ai: config.openai,
        dataKeys,
      });
      // Restriction and legal-hold reasons written before they were sealed get sealed now.
      const resealed = await services.rights.restrictions.sealLegacyReasons();
      if (resealed > 0) logger.info({ resealed }, 'sealed restriction and legal-hold reasons stored in clear by an earlier version');
      if (config.workers) await startWorkers(services, jobs);
      if ('pool' in db) {
        // Several instances share uploads: tus locks must live in the shared database.
        locker = new PostgresUploadLocker((db as Database & { pool: pg.Pool }).pool);
        await locker.start();
      }
      // PGlite writes its initial files 0666 whatever the umask: owner-only from here on.
      if (usesDataDir) await tightenOwned(config.dataDir);
    })().catch(async (error: unknown) => {
      // Let a later call retry (e.g. the database was still starting).
      starting = undefined;
      await jobs?.stop().catch(() => undefined);
      await locker?.close().catch(() => undefined);
      await db?.close().catch(() => undefined);
      jobs = undefined;
      db = undefined;
      locker = undefined;
      throw error;
    });
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
        router ??= createRouter({
          config,
          services: started(),
          storage: storage!,
          locker,
          logger,
          // Failures are counted in the database (all instances together), like the per-token limit.
          authThrottle: new AuthThrottle(new RateLimiter(db!, config.authFailuresPerMinute)),
        });
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
    get webhooks() {
      return started().webhooks;
    },
    get dataKeys() {
      return started().dataKeys;
    },
    get rights() {
      return started().rights;
    },
    options: config,
    start,
    async close() {
      if (starting) await starting.catch(() => undefined);
      await jobs?.stop();
      await locker?.close();
      await storage?.close?.();
      jobs = undefined;
      const hadDb = db !== undefined;
      await db?.close();
      // What the database wrote while running (under the host's umask) is owner-only at rest.
      if (hadDb && usesDataDir) await tightenOwned(config.dataDir).catch(() => undefined);
      locker = undefined;
      storage = undefined;
      db = undefined;
      services = undefined;
      starting = undefined;
      router = undefined;
    },
  };
}
