import { LocalDiskStorage } from './local-disk-storage.js';
import type { MediaStorage } from './media-storage.js';
import type { S3StorageOptions } from './s3-config.js';

/**
 * S3 when `s3` is given (the bucket must be reachable), else local disk under `mediaDir`. The S3
 * adapter (and the AWS SDK) is loaded only when used.
 */
export async function openMediaStorage(options: { mediaDir: string; s3?: S3StorageOptions | undefined }): Promise<MediaStorage> {
  if (!options.s3) return LocalDiskStorage.open(options.mediaDir);
  const { S3Storage } = await import('./s3-storage.js');
  return S3Storage.open(options.s3);
}
