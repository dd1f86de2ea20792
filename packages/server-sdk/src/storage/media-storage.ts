import type { Readable } from 'node:stream';
import type { DataStore } from '@tus/utils';
import { CandidError } from '../errors.js';

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
  /**
   * Derived objects (renditions such as `ans_….mp4`), written by the pipeline from a local file.
   * Names are built by the server and checked by {@link assertDerivedName}.
   */
  putDerived(name: string, file: string, contentType: string): Promise<{ key: string; sizeBytes: number }>;
  readDerived(name: string, range?: { start: number; end: number }): Promise<Readable>;
  removeDerived(name: string): Promise<void>;
  /** Releases connections (S3 client sockets). */
  close?(): void | Promise<void>;
}

const DERIVED_NAME = /^ans_[0-9a-f]{32}\.[a-z0-9]{2,8}$/;

/** Derived names are `<answer id>.<extension>`; anything else never reaches a path or key. */
export function assertDerivedName(name: string): void {
  if (!DERIVED_NAME.test(name)) throw new CandidError('NOT_FOUND', 'No such rendition.');
}
