import path from 'node:path';
import { type S3StorageOptions, s3OptionsFromEnv } from './storage/s3-config.js';
import { type MasterKeyInput, parseMasterKeys } from './crypto/master-keys.js';
import { DEFAULT_SWEEP_SETTINGS } from './retention/sweep.js';
import { resolveEmployerOption } from './employer.js';
import type { Employer, EmployerInput } from './types.js';

/** Options for {@link createCandid}. Every option has an environment name read by `candid serve`. */
export interface CandidOptions {
  /** Where embedded defaults live: `media/` (uploads) and `db/` (PGlite). Env `CANDID_DATA_DIR`. Default `./.candid-data`. */
  dataDir?: string;
  /**
   * Key that signs session tokens (HS256), at least 32 characters. Env `CANDID_SECRET`.
   * Required: tokens signed with a random per-process key would die on restart and differ between instances.
   */
  secret: string;
  /** API keys accepted on the ATS-side routes. Env `CANDID_API_KEYS` (comma-separated). */
  apiKeys?: string[];
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

export function resolveOptions(options: CandidOptions): ResolvedOptions {
  if (!options || typeof options.secret !== 'string' || options.secret.length < 32) {
    throw new TypeError(
      'createCandid: `secret` must be a string of at least 32 characters (env CANDID_SECRET). ' +
        'Generate one with: node -e "console.log(crypto.randomBytes(32).toString(\'base64url\'))"',
    );
  }
  const dataDir = path.resolve(options.dataDir ?? '.candid-data');
  return {
    dataDir,
    mediaDir: path.join(dataDir, 'media'),
    dbDir: path.join(dataDir, 'db'),
    secret: options.secret,
    apiKeys: (options.apiKeys ?? []).map((key) => key.trim()).filter(Boolean),
    tokenTtlSeconds: options.tokenTtlSeconds ?? 2 * 60 * 60,
    sessionTtlSeconds: options.sessionTtlSeconds ?? 14 * 24 * 60 * 60,
    corsOrigins: options.corsOrigins ?? '*',
    maxUploadBytes: options.maxUploadBytes ?? 1024 ** 3,
    uploadBytesPerSecond: options.uploadBytesPerSecond ?? 1_000_000,
    databaseUrl: options.databaseUrl || undefined,
    databaseSchema: options.databaseSchema ?? 'candid',
    s3: options.s3,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 600,
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
