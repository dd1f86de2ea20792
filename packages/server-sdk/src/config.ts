import path from 'node:path';
import { type S3StorageOptions, s3OptionsFromEnv } from './storage/s3-config.js';
import { type MasterKeyInput, parseMasterKeys } from './crypto/master-keys.js';
import { DEFAULT_SWEEP_SETTINGS } from './retention/sweep.js';
import { resolveEmployerOption } from './employer.js';
import type { Employer, EmployerInput } from './types.js';
import { MAX_SESSION_LIFETIME_DAYS } from './validation.js';

/** Options for {@link createCandid}. Every option has an environment name read by `candid serve`. */
export interface CandidOptions {
  /** Where embedded defaults live: `media/` (uploads) and `db/` (PGlite). Env `CANDID_DATA_DIR`. Default `./.candid-data`. */
  dataDir?: string;
  /**
   * Key that signs session tokens (HS256), at least 32 characters. Env `CANDID_SECRET`.
   * Required: tokens signed with a random per-process key would die on restart and differ between instances.
   */
  secret: string;
  /**
   * API keys accepted on the ATS-side routes. Env `CANDID_API_KEYS` (comma-separated). Each at least
   * 32 characters (e.g. 32 random bytes in base64url), without spaces or control characters;
   * shorter keys are refused at startup unless `development` is set.
   */
  apiKeys?: string[];
  /**
   * Development mode: relaxes checks that protect a production server. Today it only accepts API
   * keys shorter than 32 characters (with a warning). Env `CANDID_DEVELOPMENT=1`. Default false.
   * Running on a generated development secret (`candid serve` without `CANDID_SECRET`) does not
   * turn it on: a forgotten secret must not also weaken the keys.
   */
  development?: boolean;
  /**
   * Failed authentications (a wrong API key, an invalid session token) one client address may make
   * within any 60 s (all instances together); beyond that its requests get 429 `AUTH_THROTTLED`
   * with `Retry-After` until one more attempt fits again. IPv6 clients count per /64. Successful requests are not
   * counted or slowed, and a valid session token is never refused by this limit. Env
   * `CANDID_AUTH_FAILURES_PER_MINUTE`. Default 20. Behind a reverse proxy, set Express's
   * `trust proxy` (`CANDID_TRUST_PROXY` for `candid serve`), or every client shares the proxy's address.
   */
  authFailuresPerMinute?: number;
  /** Lifetime of a session token in seconds. Default 2 hours. */
  tokenTtlSeconds?: number;
  /** Lifetime of a session (invitation) in seconds when `POST /v1/sessions` gives no `expiresAt`. Default 14 days. */
  sessionTtlSeconds?: number;
  /** Origins allowed to call the API from a browser, or `'*'` (default; tokens travel in headers, never cookies). */
  corsOrigins?: string[] | '*';
  /** Upper bound for one answer upload in bytes, whatever the answer time. Default 1 GiB. */
  maxUploadBytes?: number;
  /**
   * Bytes per second of answer time an upload may hold (the per-answer cap is this times the
   * answer's seconds, plus 5 MB). Default 1,000,000 (8 Mbit/s, well above 720p MediaRecorder output).
   */
  uploadBytesPerSecond?: number;
  /** PostgreSQL connection string. Env `DATABASE_URL`. Absent = embedded PGlite under `dataDir/db`. */
  databaseUrl?: string;
  /** Schema for the SDK's tables. Env `CANDID_DB_SCHEMA`. Default `candid`. */
  databaseSchema?: string;
  /** Media in an S3 bucket instead of on disk (env `CANDID_S3_BUCKET` and the AWS variables). */
  s3?: S3StorageOptions;
  /** Requests per minute one session token may make (all instances together). Default 600. */
  rateLimitPerMinute?: number;
  /** Where signed webhooks go. Env `CANDID_WEBHOOK_URL`. Absent = events are recorded, not sent. */
  webhookUrl?: string;
  /** Standard Webhooks secret (`whsec_` + base64). Env `CANDID_WEBHOOK_SECRET`. Required with `webhookUrl`. */
  webhookSecret?: string;
  /** Allow callback URLs on loopback/private addresses (development, tests). Env `CANDID_WEBHOOK_ALLOW_PRIVATE=1`. */
  webhookAllowPrivate?: boolean;
  /** OpenAI-compatible API for transcription and scoring. Env `OPENAI_API_KEY`; absent = AI steps off. */
  openai?: { apiKey: string; baseURL?: string; transcriptionModel?: string; scoringModel?: string };
  /** ffmpeg binary for inspect/remux/renditions. Env `CANDID_FFMPEG_PATH`, default `ffmpeg` on PATH; missing = step skipped. */
  ffmpegPath?: string;
  /**
   * Cut an HLS rendition (playlist + fragmented mp4) from each video answer's review mp4 (default
   * true). It stores the mp4's size again; turn it off when reviewers play the mp4 only. Env
   * `CANDID_HLS_RENDITION=0`.
   */
  hlsRendition?: boolean;
  /** Run background workers in this instance (default true). Env `CANDID_WORKERS=0` for an API-only instance. */
  workers?: boolean;
  /**
   * Master keys that wrap the per-session data keys (encryption at rest). The first is current; the
   * others stay readable until `candid keys rotate` re-wraps everything. `key`: base64 of 32 random
   * bytes. Env `CANDID_MASTER_KEYS="kid1:<base64>,kid2:<base64>"`. Absent = one key derived from
   * `secret` (development only; a warning is logged).
   */
  encryption?: { keys?: MasterKeyInput[] };
  /** Job queue tuning (tests shorten these). */
  jobs?: { pollingSeconds?: number; maintenanceSeconds?: number; expireInSeconds?: number; retryDelaySeconds?: number };
  /**
   * Retention of what is not set per interview (compliance.md §2.4). `auditDays`: the audit log,
   * default 365, at least 183 (AI Act Art. 26(6)). Env `CANDID_AUDIT_RETENTION_DAYS`. `proofDays`:
   * consent records, withdrawals and receipts, after which the whole session is deleted; default
   * 1461 (CO 3 years, CA 4), at least 365, and never shorter than an interview's own media or
   * evaluation retention. Env `CANDID_PROOF_RETENTION_DAYS`.
   */
  retention?: { auditDays?: number; proofDays?: number };
  /**
   * Who is asking, for interviews that do not name an employer of their own: shown to candidates
   * before consent (`employer` in `GET /v1/session`). `name` 1-200 characters; `logoUrl`,
   * `contactUrl`, `privacyUrl` absolute http(s) URLs; `contactEmail` an e-mail address. Env
   * `CANDID_EMPLOYER_NAME`, `CANDID_EMPLOYER_LOGO_URL`, `CANDID_EMPLOYER_CONTACT_EMAIL`,
   * `CANDID_EMPLOYER_CONTACT_URL`, `CANDID_EMPLOYER_PRIVACY_URL`. Absent = candidates see no
   * employer unless the interview names one.
   */
  employer?: EmployerInput;
}

export interface ResolvedOptions {
  dataDir: string;
  mediaDir: string;
  dbDir: string;
  secret: string;
  apiKeys: string[];
  development: boolean;
  authFailuresPerMinute: number;
  tokenTtlSeconds: number;
  sessionTtlSeconds: number;
  corsOrigins: string[] | '*';
  maxUploadBytes: number;
  uploadBytesPerSecond: number;
  databaseUrl: string | undefined;
  databaseSchema: string;
  s3: S3StorageOptions | undefined;
  rateLimitPerMinute: number;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  webhookAllowPrivate: boolean;
  openai: { apiKey: string; baseURL: string | undefined; transcriptionModel: string; scoringModel: string } | undefined;
  ffmpegPath: string;
  hlsRendition: boolean;
  workers: boolean;
  encryption: { keys: MasterKeyInput[] | undefined };
  jobs: { pollingSeconds: number; maintenanceSeconds: number; expireInSeconds: number | undefined; retryDelaySeconds: number | undefined };
  retention: { auditDays: number; proofDays: number };
  /** The default employer, every field present (null when unset); null = none configured. */
  employer: Employer | null;
}

/** A whole number of days within bounds, or the default; anything else is a configuration error. */
function retentionDays(value: number | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > 36500) {
    throw new TypeError(`createCandid: \`retention.${name}\` must be a whole number of days from ${min} to 36500, got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** Shortest API key accepted outside development. */
export const MIN_API_KEY_LENGTH = 32;

const KEY_HINT = 'Generate one with: node -e "console.log(crypto.randomBytes(32).toString(\'base64url\'))"';

/**
 * The configured API keys, trimmed, empty ones dropped. A key that could never be presented
 * (whitespace or control characters inside) is refused; so is a key shorter than
 * {@link MIN_API_KEY_LENGTH} characters, unless `development`. Messages never include the key.
 */
function resolveApiKeys(value: unknown, development: boolean): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((key) => typeof key !== 'string')) {
    throw new TypeError('createCandid: `apiKeys` must be an array of strings (env CANDID_API_KEYS, comma-separated).');
  }
  const keys = (value as string[]).map((key) => key.trim()).filter(Boolean);
  keys.forEach((key, i) => {
    const which = `API key #${i + 1} of ${keys.length} (\`apiKeys\`, env CANDID_API_KEYS)`;
    if (/[\s\u0000-\u001f\u007f-\u009f]/.test(key)) {
      throw new TypeError(`createCandid: ${which} contains whitespace or control characters, so it could never be sent as "Authorization: Bearer <key>". ${KEY_HINT}`);
    }
    if (key.length < MIN_API_KEY_LENGTH && !development) {
      throw new TypeError(
        `createCandid: ${which} is ${key.length} characters long; API keys must be at least ${MIN_API_KEY_LENGTH} characters ` +
          `(for local development only, \`development: true\`, env CANDID_DEVELOPMENT=1, accepts shorter ones). ${KEY_HINT}`,
      );
    }
  });
  return keys;
}

/** A whole number within bounds, or the default; anything else (NaN from a typo'd env value) is a configuration error. */
function wholeNumber(value: number | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`createCandid: \`${name}\` must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

export function resolveOptions(options: CandidOptions): ResolvedOptions {
  if (!options || typeof options.secret !== 'string' || options.secret.length < 32) {
    throw new TypeError(
      'createCandid: `secret` must be a string of at least 32 characters (env CANDID_SECRET). ' +
        'Generate one with: node -e "console.log(crypto.randomBytes(32).toString(\'base64url\'))"',
    );
  }
  const dataDir = path.resolve(options.dataDir ?? '.candid-data');
  const development = options.development === true;
  const maxLifetimeSeconds = MAX_SESSION_LIFETIME_DAYS * 86_400;
  return {
    dataDir,
    mediaDir: path.join(dataDir, 'media'),
    dbDir: path.join(dataDir, 'db'),
    secret: options.secret,
    apiKeys: resolveApiKeys(options.apiKeys, development),
    development,
    authFailuresPerMinute: wholeNumber(options.authFailuresPerMinute, 'authFailuresPerMinute', 20, 1, 1_000_000_000),
    // Bounded: a lifetime past year 9999 made every session creation a 500.
    tokenTtlSeconds: wholeNumber(options.tokenTtlSeconds, 'tokenTtlSeconds', 2 * 60 * 60, 1, maxLifetimeSeconds),
    sessionTtlSeconds: wholeNumber(options.sessionTtlSeconds, 'sessionTtlSeconds', 14 * 24 * 60 * 60, 1, maxLifetimeSeconds),
    corsOrigins: options.corsOrigins ?? '*',
    maxUploadBytes: options.maxUploadBytes ?? 1024 ** 3,
    uploadBytesPerSecond: options.uploadBytesPerSecond ?? 1_000_000,
    databaseUrl: options.databaseUrl || undefined,
    databaseSchema: options.databaseSchema ?? 'candid',
    s3: options.s3,
    rateLimitPerMinute: wholeNumber(options.rateLimitPerMinute, 'rateLimitPerMinute', 600, 1, 1_000_000_000),
    webhookUrl: options.webhookUrl || undefined,
    webhookSecret: options.webhookSecret || undefined,
    webhookAllowPrivate: options.webhookAllowPrivate ?? false,
    openai: options.openai?.apiKey
      ? {
          apiKey: options.openai.apiKey,
          baseURL: options.openai.baseURL || undefined,
          transcriptionModel: options.openai.transcriptionModel ?? 'whisper-1',
          scoringModel: options.openai.scoringModel ?? 'gpt-4o-mini',
        }
      : undefined,
    ffmpegPath: options.ffmpegPath ?? 'ffmpeg',
    hlsRendition: options.hlsRendition ?? true,
    workers: options.workers ?? true,
    encryption: { keys: options.encryption?.keys?.length ? options.encryption.keys : undefined },
    jobs: {
      pollingSeconds: options.jobs?.pollingSeconds ?? 2,
      maintenanceSeconds: options.jobs?.maintenanceSeconds ?? 30,
      expireInSeconds: options.jobs?.expireInSeconds,
      retryDelaySeconds: options.jobs?.retryDelaySeconds,
    },
    retention: {
      auditDays: retentionDays(options.retention?.auditDays, 'auditDays', DEFAULT_SWEEP_SETTINGS.auditDays, 183),
      proofDays: retentionDays(options.retention?.proofDays, 'proofDays', DEFAULT_SWEEP_SETTINGS.proofDays, 365),
    },
    employer: resolveEmployerOption(options.employer),
  };
}

/** Reads the contract's environment names into options (used by the CLI; handy for integrators too). */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<CandidOptions> {
  const options: Partial<CandidOptions> = {};
  if (env.CANDID_DATA_DIR) options.dataDir = env.CANDID_DATA_DIR;
  if (env.CANDID_SECRET) options.secret = env.CANDID_SECRET;
  if (env.CANDID_API_KEYS) options.apiKeys = env.CANDID_API_KEYS.split(',');
  if (env.CANDID_DEVELOPMENT === '1') options.development = true;
  if (env.CANDID_AUTH_FAILURES_PER_MINUTE) options.authFailuresPerMinute = Number(env.CANDID_AUTH_FAILURES_PER_MINUTE);
  if (env.DATABASE_URL) options.databaseUrl = env.DATABASE_URL;
  if (env.CANDID_DB_SCHEMA) options.databaseSchema = env.CANDID_DB_SCHEMA;
  if (env.CANDID_RATE_LIMIT_PER_MINUTE) options.rateLimitPerMinute = Number(env.CANDID_RATE_LIMIT_PER_MINUTE);
  const s3 = s3OptionsFromEnv(env);
  if (s3) options.s3 = s3;
  if (env.CANDID_WEBHOOK_URL) options.webhookUrl = env.CANDID_WEBHOOK_URL;
  if (env.CANDID_WEBHOOK_SECRET) options.webhookSecret = env.CANDID_WEBHOOK_SECRET;
  if (env.CANDID_WEBHOOK_ALLOW_PRIVATE === '1') options.webhookAllowPrivate = true;
  if (env.OPENAI_API_KEY) {
    options.openai = {
      apiKey: env.OPENAI_API_KEY,
      ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
      ...(env.CANDID_TRANSCRIPTION_MODEL ? { transcriptionModel: env.CANDID_TRANSCRIPTION_MODEL } : {}),
      ...(env.CANDID_SCORING_MODEL ? { scoringModel: env.CANDID_SCORING_MODEL } : {}),
    };
  }
  if (env.CANDID_FFMPEG_PATH) options.ffmpegPath = env.CANDID_FFMPEG_PATH;
  if (env.CANDID_WORKERS === '0') options.workers = false;
  if (env.CANDID_HLS_RENDITION === '0') options.hlsRendition = false;
  if (env.CANDID_MASTER_KEYS?.trim()) options.encryption = { keys: parseMasterKeys(env.CANDID_MASTER_KEYS) };
  const num = (name: string) => (env[name] ? Number(env[name]) : undefined);
  const jobs = {
    pollingSeconds: num('CANDID_JOB_POLL_SECONDS'),
    maintenanceSeconds: num('CANDID_JOB_MAINTENANCE_SECONDS'),
    expireInSeconds: num('CANDID_JOB_EXPIRE_SECONDS'),
    retryDelaySeconds: num('CANDID_JOB_RETRY_DELAY_SECONDS'),
  };
  if (Object.values(jobs).some((v) => v !== undefined)) options.jobs = Object.fromEntries(Object.entries(jobs).filter(([, v]) => v !== undefined));
  const retention = { auditDays: num('CANDID_AUDIT_RETENTION_DAYS'), proofDays: num('CANDID_PROOF_RETENTION_DAYS') };
  if (Object.values(retention).some((v) => v !== undefined)) options.retention = Object.fromEntries(Object.entries(retention).filter(([, v]) => v !== undefined));
  const employer = {
    name: env.CANDID_EMPLOYER_NAME,
    logoUrl: env.CANDID_EMPLOYER_LOGO_URL,
    contactEmail: env.CANDID_EMPLOYER_CONTACT_EMAIL,
    contactUrl: env.CANDID_EMPLOYER_CONTACT_URL,
    privacyUrl: env.CANDID_EMPLOYER_PRIVACY_URL,
  };
  // Empty means unset, as for the other variables. A URL or e-mail without a name is refused by
  // createCandid (naming CANDID_EMPLOYER_NAME), not ignored.
  if (Object.values(employer).some(Boolean)) {
    options.employer = Object.fromEntries(Object.entries(employer).filter(([, v]) => v)) as unknown as EmployerInput;
  }
  if (env.CANDID_CORS_ORIGINS) {
    options.corsOrigins = env.CANDID_CORS_ORIGINS === '*' ? '*' : env.CANDID_CORS_ORIGINS.split(',').map((o) => o.trim());
  }
  return options;
}
