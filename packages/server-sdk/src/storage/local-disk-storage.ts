import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { CandidError } from '../errors.js';
import { isWellFormedId } from '../ids.js';
import { type MediaStorage, assertDerivedName } from './media-storage.js';

/** Media on local disk (the default), one file per upload plus tus's JSON sidecar. */
export class LocalDiskStorage implements MediaStorage {
  readonly kind = 'disk';
  readonly datastore: FileStore;
  readonly #directory: string;

  private constructor(directory: string) {
    this.#directory = directory;
    this.datastore = new FileStore({ directory });
  }

  static async open(directory: string): Promise<LocalDiskStorage> {
    await mkdir(directory, { recursive: true });
    return new LocalDiskStorage(directory);
  }

  /** Paths are only ever built from server-minted ids, never from client input as such. */
  #pathOf(uploadId: string): string {
    if (!isWellFormedId(uploadId, 'upl')) throw new CandidError('UPLOAD_NOT_FOUND');
    return path.join(this.#directory, uploadId);
  }

  async status(uploadId: string): Promise<{ offset: number; size: number | undefined }> {
    this.#pathOf(uploadId);
    const upload = await this.datastore.getUpload(uploadId);
    return { offset: upload.offset, size: upload.size };
  }

  async read(uploadId: string, range?: { start: number; end: number }): Promise<Readable> {
    return createReadStream(this.#pathOf(uploadId), range);
  }

  async putDerived(name: string, file: string): Promise<{ key: string; sizeBytes: number }> {
    assertDerivedName(name);
    const target = path.join(this.#directory, 'derived', name);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(file, target);
    return { key: `derived/${name}`, sizeBytes: (await stat(target)).size };
  }

  async readDerived(name: string, range?: { start: number; end: number }): Promise<Readable> {
    assertDerivedName(name);
    return createReadStream(path.join(this.#directory, 'derived', name), range);
  }

  async removeDerived(name: string): Promise<void> {
    assertDerivedName(name);
    await rm(path.join(this.#directory, 'derived', name), { force: true });
  }

  async remove(uploadId: string): Promise<void> {
    const file = this.#pathOf(uploadId);
    await rm(file, { force: true });
    await rm(`${file}.json`, { force: true });
  }
}
