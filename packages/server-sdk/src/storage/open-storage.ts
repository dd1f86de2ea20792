import { LocalDiskStorage } from './local-disk-storage.js';
import type { MediaStorage } from './media-storage.js';
import type { S3StorageOptions } from './s3-config.js';
import { S3Storage } from './s3-storage.js';

/** S3 when `s3` is given (the bucket must be reachable), else local disk under `mediaDir`. */
export async function openMediaStorage(options: { mediaDir: string; s3?: S3StorageOptions }): Promise<MediaStorage> {
  return options.s3 ? S3Storage.open(options.s3) : LocalDiskStorage.open(options.mediaDir);
}
