import type { Readable } from 'node:stream';
import type { DataStore } from '@tus/utils';

/** What a storage backend must offer: a tus datastore for ingest, plus reads for commit and playback. */
export interface MediaStorage {
  /** Human-readable name for receipts and logs, e.g. `disk`. */
  readonly kind: string;
  /** The tus datastore that receives uploads. */
  readonly datastore: DataStore;
  /** Bytes received so far and the declared total (undefined while deferred). */
  status(uploadId: string): Promise<{ offset: number; size: number | undefined }>;
  /** Streams stored bytes; `end` is inclusive. */
  read(uploadId: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Deletes the bytes and any sidecar metadata. Missing objects are not an error. */
  remove(uploadId: string): Promise<void>;
  /** Releases connections (S3 client sockets). */
  close?(): void | Promise<void>;
}
