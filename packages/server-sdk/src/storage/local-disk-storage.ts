import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { ERRORS, Upload } from '@tus/utils';
import { CandidError } from '../errors.js';
import { isWellFormedId } from '../ids.js';
import { type MediaKeySource, appendEncrypted, encryptedSize, isEncryptedFile, readEncrypted, repairTail, writeEncryptedFile } from './encrypted-file.js';
import { type MediaStorage, assertDerivedName } from './media-storage.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './data-dir.js';

/** tus's FileStore writes the upload file and its `.json` sidecar with the process umask: owner-only instead. */
async function ownerOnly(file: string): Promise<void> {
  await chmod(file, PRIVATE_FILE_MODE).catch(() => undefined);
  await chmod(`${file}.json`, PRIVATE_FILE_MODE).catch(() => undefined);
}

/** The unencrypted store (no key source), with owner-only files. */
class PrivateFileStore extends FileStore {
  override async create(file: Upload): Promise<Upload> {
    const created = await super.create(file);
    await ownerOnly(path.join(this.directory, file.id));
    return created;
  }
}

export type { MediaKeySource } from './encrypted-file.js';

/**
 * tus's FileStore with every byte encrypted (AES-256-GCM records, see crypto/media-format.ts)
 * under the owning session's data key. Offsets and sizes are plaintext bytes.
 */
class EncryptedFileStore extends FileStore {
  constructor(
    private readonly root: string,
    private readonly keys: MediaKeySource,
  ) {
    super({ directory: root });
  }

  /** FileStore's own resolver is private; the same rule: ids never leave the directory. */
  #file(id: string): string {
    const file = path.join(this.root, id);
    if (path.dirname(file) !== path.resolve(this.root) && path.dirname(file) !== this.root) throw ERRORS.FILE_NOT_FOUND;
    return file;
  }

  override async create(file: Upload): Promise<Upload> {
    const created = await super.create(file);
    await ownerOnly(this.#file(file.id));
    return created;
  }

  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const file = this.#file(id);
    // An upload begun before encryption was turned on is finished as it began (plain).
    if (!(await isEncryptedFile(file))) return super.write(readable, id, offset);
    await repairTail(file, (ref) => this.keys.key(ref));
    const before = await encryptedSize(file);
    // Only after a crash tore the last record: the client HEADs again and resends from there.
    if (before !== offset) throw ERRORS.INVALID_OFFSET;
    try {
      return before + (await appendEncrypted(file, readable, () => this.keys.forUpload(id), (ref) => this.keys.key(ref)));
    } catch (error) {
      if (error instanceof CandidError) throw error;
      throw ERRORS.FILE_WRITE_ERROR;
    }
  }

  override async getUpload(id: string): Promise<Upload> {
    const upload = await super.getUpload(id);
    return new Upload({ ...upload, offset: await encryptedSize(this.#file(id)) });
  }

  override read(id: string): ReturnType<FileStore['read']> {
    const file = this.#file(id);
    const keys = this.keys;
    return Readable.from(
      (async function* () {
        yield* await readEncrypted(file, (ref) => keys.key(ref));
      })(),
    ) as unknown as ReturnType<FileStore['read']>;
  }
}

/**
 * Media on local disk (the default), one file per upload plus tus's JSON sidecar. With a key
 * source (what `createCandid` passes), every file is encrypted at rest under its session's key.
 */
export class LocalDiskStorage implements MediaStorage {
  readonly kind = 'disk';
  readonly datastore: FileStore;
  readonly #directory: string;
  readonly #keys: MediaKeySource | undefined;

  private constructor(directory: string, keys: MediaKeySource | undefined) {
    this.#directory = directory;
    this.#keys = keys;
    this.datastore = keys ? new EncryptedFileStore(directory, keys) : new PrivateFileStore({ directory });
  }

  static async open(directory: string, keys?: MediaKeySource): Promise<LocalDiskStorage> {
    await mkdir(directory, { recursive: true, mode: PRIVATE_DIR_MODE });
    return new LocalDiskStorage(directory, keys);
  }

  /** Whether stored bytes are encrypted. */
  get encrypted(): boolean {
    return this.#keys !== undefined;
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
    const file = this.#pathOf(uploadId);
    if (!this.#keys) return createReadStream(file, range);
    const keys = this.#keys;
    return readEncrypted(file, (ref) => keys.key(ref), range);
  }

  async putDerived(name: string, file: string): Promise<{ key: string; sizeBytes: number }> {
    assertDerivedName(name);
    const target = path.join(this.#directory, 'derived', name);
    await mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
    if (!this.#keys) {
      await copyFile(file, target);
      await chmod(target, PRIVATE_FILE_MODE);
      return { key: `derived/${name}`, sizeBytes: (await stat(target)).size };
    }
    const { ref, key } = await this.#keys.forDerived(name);
    return { key: `derived/${name}`, sizeBytes: await writeEncryptedFile(file, target, ref, key) };
  }

  async readDerived(name: string, range?: { start: number; end: number }): Promise<Readable> {
    assertDerivedName(name);
    const file = path.join(this.#directory, 'derived', name);
    if (!this.#keys) return createReadStream(file, range);
    const keys = this.#keys;
    return readEncrypted(file, (ref) => keys.key(ref), range);
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
