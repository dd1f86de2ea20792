/** Media in Amazon S3 or an S3-compatible service (MinIO, R2, …), for {@link S3Storage}. */
export interface S3StorageOptions {
  /** Bucket that holds the media. It must exist. Env `CANDID_S3_BUCKET`; without it media stays on local disk. */
  bucket: string;
  /** Prepended verbatim to every object key, e.g. `candid/` (include the slash). Env `CANDID_S3_PREFIX`. Default none. */
  prefix?: string;
  /** Env `AWS_REGION` or `AWS_DEFAULT_REGION`. Default: the SDK's own lookup, or `us-east-1` with a custom `endpoint`. */
  region?: string;
  /** Endpoint of an S3-compatible service, e.g. `http://127.0.0.1:9000`. Env `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL`. Default AWS. */
  endpoint?: string;
  /** Address buckets as `endpoint/bucket/key` instead of `bucket.endpoint/key` (most self-hosted services need it). Env `CANDID_S3_FORCE_PATH_STYLE=1`. Default false. */
  forcePathStyle?: boolean;
  /** Static credentials. Default: the AWS SDK's provider chain (env, shared config/SSO, container or instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Server-side encryption of every object Candid writes. Env `CANDID_S3_SSE`. Default: the bucket's default encryption. */
  sse?: 'AES256' | 'aws:kms';
  /** KMS key (id, ARN or alias) for `sse: 'aws:kms'`; omitted means the account's `aws/s3` key. Env `CANDID_S3_KMS_KEY_ID` (implies `aws:kms`). */
  kmsKeyId?: string;
  /**
   * Compute request checksums and validate response checksums only where S3 requires them, instead of on
   * every call. Default: true with a custom `endpoint`, false on AWS.
   */
  checksumWhenRequired?: boolean;
}

const SSE_VALUES = ['AES256', 'aws:kms'] as const;

/** Throws a TypeError naming the first invalid option. */
export function assertValidS3Options(options: S3StorageOptions): void {
  if (!options.bucket) throw new TypeError('S3 storage: `bucket` is required (env CANDID_S3_BUCKET).');
  if (options.prefix?.startsWith('/')) throw new TypeError(`S3 storage: \`prefix\` must not start with "/" (got "${options.prefix}").`);
  if (options.sse !== undefined && !SSE_VALUES.includes(options.sse)) {
    throw new TypeError(`S3 storage: \`sse\` must be "AES256" or "aws:kms" (got "${options.sse}"; env CANDID_S3_SSE).`);
  }
  if (options.kmsKeyId && options.sse !== 'aws:kms') {
    throw new TypeError('S3 storage: `kmsKeyId` needs `sse: "aws:kms"` (env CANDID_S3_KMS_KEY_ID, CANDID_S3_SSE).');
  }
  if (options.endpoint !== undefined && !URL.canParse(options.endpoint)) {
    throw new TypeError(`S3 storage: \`endpoint\` is not a URL (got "${options.endpoint}").`);
  }
}

/**
 * Reads S3 options from the environment. Returns undefined when `CANDID_S3_BUCKET` is unset (media on
 * local disk). Credentials are only taken when both key variables are set; otherwise the SDK's chain applies.
 */
export function s3OptionsFromEnv(env: NodeJS.ProcessEnv = process.env): S3StorageOptions | undefined {
  const bucket = env.CANDID_S3_BUCKET?.trim();
  if (!bucket) return undefined;
  const options: S3StorageOptions = { bucket };
  if (env.CANDID_S3_PREFIX) options.prefix = env.CANDID_S3_PREFIX;
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (region) options.region = region;
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL;
  if (endpoint) options.endpoint = endpoint;
  if (env.CANDID_S3_FORCE_PATH_STYLE) options.forcePathStyle = ['1', 'true', 'yes'].includes(env.CANDID_S3_FORCE_PATH_STYLE.toLowerCase());
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    options.credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
    if (env.AWS_SESSION_TOKEN) options.credentials.sessionToken = env.AWS_SESSION_TOKEN;
  }
  if (env.CANDID_S3_KMS_KEY_ID) options.kmsKeyId = env.CANDID_S3_KMS_KEY_ID;
  if (env.CANDID_S3_SSE) options.sse = env.CANDID_S3_SSE as S3StorageOptions['sse'];
  else if (options.kmsKeyId) options.sse = 'aws:kms';
  assertValidS3Options(options);
  return options;
}
