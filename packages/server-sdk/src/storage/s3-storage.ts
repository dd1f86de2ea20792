import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  type S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { type MetadataValue, S3Store } from '@tus/s3-store';
import { ERRORS, type KvStore, type Upload } from '@tus/utils';
import { CandidError } from '../errors.js';
import { isWellFormedId } from '../ids.js';
import { type MediaStorage, assertDerivedName } from './media-storage.js';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type S3StorageOptions, assertValidS3Options } from './s3-config.js';

const NOT_FOUND = new Set(['NotFound', 'NoSuchKey', 'NoSuchUpload']);
const isNotFound = (error: unknown) => NOT_FOUND.has((error as { name?: string } | null)?.name ?? '');
/** tus's own errors (`ERRORS.*`) carry the HTTP status they answer with. */
const isTusError = (error: unknown) => typeof (error as { status_code?: unknown } | null)?.status_code === 'number';
const unavailable = (cause: unknown) => new CandidError('STORAGE_UNAVAILABLE', undefined, { cause });

function clientConfig(options: S3StorageOptions): S3ClientConfig {
  const config: S3ClientConfig = {};
  const region = options.region ?? (options.endpoint ? 'us-east-1' : undefined);
  if (region) config.region = region;
  if (options.endpoint) config.endpoint = options.endpoint;
  if (options.forcePathStyle) config.forcePathStyle = true;
  // A copy: the SDK annotates the credentials object it is given.
  if (options.credentials) config.credentials = { ...options.credentials };
  // By default (since SDK 3.729) streamed bodies such as tus parts go out as `aws-chunked` with a
  // trailing CRC32. A service that does not decode that framing stores it as data: s3rver silently
  // corrupts every part this way. 'WHEN_REQUIRED' sends plain bodies, which AWS accepts too, so it is
  // the default for custom endpoints only; on AWS the CRC32 stays (TLS protects the bytes either way).
  if (options.checksumWhenRequired ?? options.endpoint !== undefined) {
    config.requestChecksumCalculation = 'WHEN_REQUIRED';
    config.responseChecksumValidation = 'WHEN_REQUIRED';
  }
  return config;
}

/**
 * @tus/s3-store uses the upload id as the object key and has no option for a key prefix. Every key
 * this client sends is therefore a logical one (`upl_…`, `upl_….info`, `upl_….part`) and this
 * middleware maps it to `${prefix}${key}`; ListMultipartUploads is confined to the prefix and its keys
 * are mapped back.
 */
function addKeyPrefix(client: S3Client, prefix: string): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = { ...(args.input as Record<string, unknown>) };
      if (typeof input.Key === 'string') input.Key = prefix + input.Key;
      const listing = context.commandName === 'ListMultipartUploadsCommand';
      if (listing) input.Prefix = prefix + ((input.Prefix as string | undefined) ?? '');
      const result = await next({ ...args, input: input as typeof args.input });
      if (listing) {
        for (const upload of (result.output as { Uploads?: { Key?: string }[] }).Uploads ?? []) {
          if (upload.Key?.startsWith(prefix)) upload.Key = upload.Key.slice(prefix.length);
        }
      }
      return result;
    },
    { step: 'initialize', name: 'candidKeyPrefix' },
  );
}

/** S3 takes SSE parameters only where an object is created: PutObject, CreateMultipartUpload and CopyObject. */
const SSE_COMMANDS = new Set(['PutObjectCommand', 'CreateMultipartUploadCommand', 'CopyObjectCommand']);

/** @tus/s3-store has no SSE option either: add it to every object the store creates (info, .part, multipart). */
function addServerSideEncryption(client: S3Client, sse: 'AES256' | 'aws:kms', kmsKeyId: string | undefined): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!SSE_COMMANDS.has(context.commandName ?? '')) return next(args);
      const input = { ...(args.input as Record<string, unknown>), ServerSideEncryption: sse, ...(kmsKeyId ? { SSEKMSKeyId: kmsKeyId } : {}) };
      return next({ ...args, input: input as typeof args.input });
    },
    { step: 'initialize', name: 'candidServerSideEncryption' },
  );
}

/**
 * S3Store caches each upload's `.info` in process memory. An entry whose length is still deferred
 * goes stale as soon as another instance declares the length: this instance would then report a
 * finished upload with offset `undefined`. Only entries with a known length (which never changes
 * again) are kept here, at most `limit` of them.
 */
class KnownLengthCache implements KvStore<MetadataValue> {
  readonly #entries = new Map<string, MetadataValue>();
  constructor(private readonly limit = 10_000) {}

  async get(id: string) {
    return this.#entries.get(id);
  }

  async set(id: string, value: MetadataValue) {
    if (value.file.size === undefined) return;
    this.#entries.delete(id);
    this.#entries.set(id, value);
    if (this.#entries.size > this.limit) this.#entries.delete(this.#entries.keys().next().value!);
  }

  async delete(id: string) {
    this.#entries.delete(id);
  }
}

/** S3Store plus a termination that also removes what S3Store leaves behind, and ranged reads. */
export class CandidS3Store extends S3Store {
  /** `.info` already read by `getUpload`, handed to the `getMetadata` call S3Store makes next. */
  readonly #pinned = new Map<string, MetadataValue>();

  constructor(options: S3StorageOptions) {
    super({ s3ClientConfig: { ...clientConfig(options), bucket: options.bucket }, cache: new KnownLengthCache() });
    if (options.prefix) addKeyPrefix(this.client, options.prefix);
    if (options.sse) addServerSideEncryption(this.client, options.sse, options.kmsKeyId);
  }

  /** Every S3Store operation on an existing upload starts here: ids Candid never minted go no further. */
  protected override async getMetadata(id: string) {
    if (!isWellFormedId(id, 'upl')) throw ERRORS.FILE_NOT_FOUND;
    return this.#pinned.get(id) ?? super.getMetadata(id);
  }

  /**
   * S3Store answers "not found" (404) for any failure to read an upload's `.info`, an outage
   * included: a client then gives up an upload that is still there and starts a new one (and a take
   * may only start a few: UPLOAD_LIMIT_REACHED). Here only a missing `.info` is 404; any other
   * failure is 503 STORAGE_UNAVAILABLE, which clients retry (HEAD, then PATCH from the offset).
   */
  override async getUpload(id: string): Promise<Upload> {
    let metadata: MetadataValue;
    try {
      metadata = await this.getMetadata(id);
    } catch (error) {
      throw isNotFound(error) || isTusError(error) ? ERRORS.FILE_NOT_FOUND : unavailable(error);
    }
    this.#pinned.set(id, metadata);
    // S3Store's getUpload reads the `.info` first, before its first await: the pin serves it, so
    // the check above costs no second GET.
    const upload = super.getUpload(id);
    this.#pinned.delete(id);
    try {
      return await upload;
    } catch (error) {
      throw isTusError(error) ? error : unavailable(error);
    }
  }

  override async read(id: string): Promise<Readable> {
    if (!isWellFormedId(id, 'upl')) throw ERRORS.FILE_NOT_FOUND;
    return super.read(id);
  }

  get s3(): S3Client {
    return this.client;
  }

  async getRange(id: string, range?: { start: number; end: number }): Promise<Readable> {
    const Range = range ? `bytes=${range.start}-${range.end}` : undefined;
    const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: id, Range }));
    return Body as Readable;
  }

  /**
   * S3Store's own remove() aborts the multipart upload and deletes the object and `.info`, but it
   * leaves the `.part` object, and for a finished upload (no multipart upload left) it reports
   * "not found" and deletes nothing. This removes everything and tolerates what is already gone.
   * Returns false when there was no trace of the upload.
   */
  async removeEverything(id: string): Promise<boolean> {
    let uploadIds: string[];
    let known: boolean;
    try {
      const uploadId = (await this.getMetadata(id))['upload-id'];
      uploadIds = uploadId ? [uploadId] : [];
      known = true;
    } catch (error) {
      if (!isNotFound(error)) throw error;
      // No .info: the create failed half-way, or an earlier remove was interrupted.
      const listed = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: id }));
      uploadIds = (listed.Uploads ?? []).filter((u) => u.Key === id && u.UploadId).map((u) => u.UploadId!);
      known = uploadIds.length > 0;
    }
    for (const UploadId of uploadIds) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: id, UploadId })).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
    }
    // The .info goes last, so an interrupted remove can be repeated with the upload id still known.
    await Promise.all([id, this.partKey(id, true)].map((Key) => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }))));
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.infoKey(id) }));
    await this.clearCache(id);
    return known;
  }

  /** tus termination (DELETE). */
  override async remove(id: string): Promise<void> {
    if (!(await this.removeEverything(id))) throw ERRORS.FILE_NOT_FOUND;
  }
}

/** Media in an S3 bucket: tus ingest through @tus/s3-store, reads with ranged GetObject. */
export class S3Storage implements MediaStorage {
  readonly kind = 's3';
  readonly datastore: CandidS3Store;

  readonly #bucket: string;

  private constructor(datastore: CandidS3Store, bucket: string) {
    this.datastore = datastore;
    this.#bucket = bucket;
  }

  /** Checks the options and that the bucket is reachable with these credentials (HeadBucket). */
  static async open(options: S3StorageOptions): Promise<S3Storage> {
    assertValidS3Options(options);
    const store = new CandidS3Store(options);
    try {
      await store.s3.send(new HeadBucketCommand({ Bucket: options.bucket }));
    } catch (error) {
      store.s3.destroy();
      const where = options.endpoint ?? `AWS${options.region ? ` (${options.region})` : ''}`;
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      const reason =
        status === 404
          ? 'it does not exist'
          : status === 403
            ? 'access is denied to these credentials'
            : `${(error as Error).name}${status ? ` (HTTP ${status})` : ''}: ${(error as Error).message}`;
      throw new Error(`S3 storage: bucket "${options.bucket}" at ${where} is not usable: ${reason}.`, { cause: error });
    }
    return new S3Storage(store, options.bucket);
  }

  /** Keys are only ever built from server-minted ids, never from client input as such. */
  #check(uploadId: string): void {
    if (!isWellFormedId(uploadId, 'upl')) throw new CandidError('UPLOAD_NOT_FOUND');
  }

  async status(uploadId: string): Promise<{ offset: number; size: number | undefined }> {
    this.#check(uploadId);
    const upload: Upload = await this.datastore.getUpload(uploadId);
    return { offset: upload.offset, size: upload.size };
  }

  async read(uploadId: string, range?: { start: number; end: number }): Promise<Readable> {
    this.#check(uploadId);
    try {
      return await this.datastore.getRange(uploadId, range);
    } catch (error) {
      if (isNotFound(error)) throw new CandidError('UPLOAD_NOT_FOUND', 'The upload has no stored object (not finished, or removed).', { cause: error });
      throw error;
    }
  }

  async remove(uploadId: string): Promise<void> {
    this.#check(uploadId);
    await this.datastore.removeEverything(uploadId);
  }

  async putDerived(name: string, file: string, contentType: string): Promise<{ key: string; sizeBytes: number }> {
    assertDerivedName(name);
    const key = `derived/${name}`;
    const { size } = await stat(file);
    // A stream needs its length up front (no aws-chunked encoding: see checksumWhenRequired).
    await this.datastore.s3.send(new PutObjectCommand({ Bucket: this.#bucket, Key: key, Body: createReadStream(file), ContentLength: size, ContentType: contentType }));
    return { key, sizeBytes: size };
  }

  async readDerived(name: string, range?: { start: number; end: number }): Promise<Readable> {
    assertDerivedName(name);
    try {
      return await this.datastore.getRange(`derived/${name}`, range);
    } catch (error) {
      if (isNotFound(error)) throw new CandidError('NOT_FOUND', 'No such rendition.', { cause: error });
      throw error;
    }
  }

  async removeDerived(name: string): Promise<void> {
    assertDerivedName(name);
    await this.datastore.s3.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: `derived/${name}` }));
  }

  /** Releases the S3 client's sockets. */
  close(): void {
    this.datastore.s3.destroy();
  }
}
