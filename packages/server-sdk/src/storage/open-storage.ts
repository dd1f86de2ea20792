import type { DataKeys } from '../crypto/data-keys.js';
import type { Queryable } from '../db/database.js';
import { LocalDiskStorage } from './local-disk-storage.js';
import type { MediaStorage } from './media-storage.js';
import type { S3StorageOptions } from './s3-config.js';
import { SessionMediaKeys } from './session-media-keys.js';

/**
 * S3 when `s3` is given (the bucket must be reachable), else local disk under `mediaDir`. The S3
 * adapter (and the AWS SDK) is loaded only when used. With `dataKeys`, disk media is encrypted
 * under each session's data key; S3 relies on server-side encryption (`s3.sse`).
 */
export async function openMediaStorage(options: { mediaDir: string; s3?: S3StorageOptions | undefined; dataKeys?: DataKeys; db?: Queryable }): Promise<MediaStorage> {
  if (!options.s3) return LocalDiskStorage.open(options.mediaDir, options.dataKeys && options.db ? new SessionMediaKeys(options.db, options.dataKeys) : undefined);
  const { S3Storage } = await import('./s3-storage.js');
  return S3Storage.open(options.s3);
}
