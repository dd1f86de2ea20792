import path from 'node:path';
import { type S3StorageOptions, s3OptionsFromEnv } from './storage/s3-config.js';

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
  if (env.CANDID_CORS_ORIGINS) {
    options.corsOrigins = env.CANDID_CORS_ORIGINS === '*' ? '*' : env.CANDID_CORS_ORIGINS.split(',').map((o) => o.trim());
  }
  return options;
}
