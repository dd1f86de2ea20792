import type { CandidApi } from '../api/candid-api.js';
import { TusUpload, type TusResult } from '../api/tus-upload.js';
import { UPLOAD_RETRY_DELAYS_MS } from '../constants.js';
import { CandidErrorCode, isCandidError, type CandidError } from '../errors.js';
import { devlog } from '../internal/devlog.js';
import type { SpeechVerdict } from '../vad/types.js';
import type { Journal, JournalChunk, JournalUpload } from './journal.js';

export interface JournaledUploadHooks {
  onProgress?: () => void;
  /** A request failed and will be retried (connection trouble). */
  onRetry?: (error: CandidError) => void;
  /** Requests succeed again. */
  onRecovered?: () => void;
  /** The upload failed for good (not a transient failure: those are retried forever). */
  onError?: (error: CandidError) => void;
  retryDelays?: readonly number[];
}

/** A new upload; `totalBytes` when the length is known up front (a picked file). */
export type TakeMeta = Pick<JournalUpload, 'endpoint' | 'sessionId' | 'questionId' | 'attempt' | 'track' | 'mimeType'> & {
  totalBytes?: number | undefined;
  expiresAt?: number | undefined;
  /** `Date.now()` when the recording began (default: now): an interrupted take's duration counts from it. */
  startedAt?: number | undefined;
};

/** Errors after which the server no longer has the upload: it is created again from the journal. */
const GONE = new Set(['UPLOAD_NOT_FOUND', CandidErrorCode.UPLOAD_OFFSET_LOST]);

const localId = () => `local_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/**
 * One track of one take, crash-proof: every chunk is written to the journal (transaction complete)
 * BEFORE it is handed to the tus client, so whatever the uploader may lose (a cut request, a
 * reload, a crash) can be re-read from the journal and sent again from the server's offset.
 *
 * All journal writes and hand-overs run through one promise chain, in order. The chain also moves a
 * provisional journal entry to the server's upload id as soon as the creation POST answers.
 * The journal entry is removed only by `discard()`, after the server has committed the answer.
 */
export class JournaledUpload {
  readonly #journal: Journal;
  readonly #api: CandidApi;
  readonly #hooks: JournaledUploadHooks;
  #record: JournalUpload;
  #tus!: TusUpload;
  #chain: Promise<void> = Promise.resolve();
  #index = 0;
  #bytes = 0;
  #lastChunkAt: number;
  /** False once a journal write failed: the journal can then not rebuild this upload. */
  #journalWhole = true;
  #recreated = false;
  /** Set by `stop()`; the final length is journaled once (`#markStopped`). */
  #stopping: { durationMs: number; interrupted?: boolean } | null = null;
  #marked = false;
  /** Set by `discard()`: no journal write may follow. */
  #discarded = false;

  private constructor(journal: Journal, api: CandidApi, record: JournalUpload, hooks: JournaledUploadHooks) {
    this.#journal = journal;
    this.#api = api;
    this.#record = record;
    this.#hooks = hooks;
    this.#lastChunkAt = record.createdAt;
    this.#tus = this.#newTus();
  }

  /** A new take's track: a provisional journal entry, and the upload is created on the server at once. */
  static begin(journal: Journal, api: CandidApi, meta: TakeMeta, hooks: JournaledUploadHooks = {}): JournaledUpload {
    const { totalBytes, expiresAt, startedAt, ...rest } = meta;
    const record: JournalUpload = { ...rest, id: localId(), uploadUrl: null, stopped: false, createdAt: startedAt ?? Date.now() };
    if (totalBytes !== undefined) record.totalBytes = totalBytes;
    if (expiresAt !== undefined) record.expiresAt = expiresAt;
    const upload = new JournaledUpload(journal, api, record, hooks);
    upload.#chain = upload.#write(() => journal.put(record));
    upload.#tus.start();
    return upload;
  }

  /**
   * A journaled upload found after a reload or crash (possibly under a new token): the tus client
   * is fed every journaled chunk and sends only the bytes after the server's offset (HEAD). A
   * provisional entry (the POST never answered) gets a new upload.
   */
  static async resume(journal: Journal, api: CandidApi, record: JournalUpload, hooks: JournaledUploadHooks = {}): Promise<JournaledUpload> {
    const chunks = await journal.chunks(record.id);
    const upload = new JournaledUpload(journal, api, record, hooks);
    upload.#feed(chunks);
    // The length may already be declared on the server: finish before the HEAD answers.
    if (record.stopped || record.interrupted) void upload.#tus.finish();
    return upload;
  }

  get record(): JournalUpload {
    return this.#record;
  }
  get track(): JournalUpload['track'] {
    return this.#record.track;
  }
  /** Bytes recorded (journaled or being journaled). */
  get bytesRecorded(): number {
    return this.#bytes;
  }
  /** Bytes the server has confirmed. */
  get bytesSent(): number {
    return this.#tus.bytesSent;
  }
  /** Milliseconds of recording in the journal (first to last chunk). */
  get journaledMs(): number {
    return Math.max(0, this.#lastChunkAt - this.#record.createdAt);
  }

  /** Journals one recorded blob, then queues it for upload. */
  append(blob: Blob): void {
    if (blob.size === 0) return;
    const chunk: JournalChunk = { index: this.#index++, start: this.#bytes, blob, at: Date.now() };
    this.#bytes += blob.size;
    this.#lastChunkAt = chunk.at;
    this.#chain = this.#chain.then(async () => {
      await this.#write(() => this.#journal.appendChunk(this.#record.id, chunk));
      // The tail of a stopped take: journal "stopped" first, then its PATCH declares the length.
      const last = this.#stopping !== null && chunk.index === this.#index - 1;
      if (last) await this.#markStopped();
      this.#tus.append(blob, last);
    });
  }

  /**
   * No more chunks: records the final length in the journal (`stopped`, or `interrupted` for a take
   * cut by a reload), then resolves once the server holds every byte and knows the length.
   */
  async stop(details: { durationMs: number; interrupted?: boolean }): Promise<TusResult> {
    this.#stopping = details;
    this.#chain = this.#chain.then(() => this.#markStopped());
    await this.#chain;
    for (;;) {
      try {
        const result = await this.#tus.finish();
        await this.#chain; // the journal entry carries the server id before anyone removes it
        return result;
      } catch (err) {
        if (!isCandidError(err) || !GONE.has(err.code) || this.#recreated || !this.#journalWhole) throw err;
        await this.#recreate();
      }
    }
  }

  /** Journals the final length: from then on the server may learn it too. */
  async #markStopped(): Promise<void> {
    if (this.#marked || !this.#stopping) return;
    this.#marked = true;
    const interrupted = this.#stopping.interrupted === true;
    this.#record = { ...this.#record, stopped: !interrupted, interrupted, totalBytes: this.#bytes, durationMs: this.#stopping.durationMs };
    await this.#write(() => this.#journal.put(this.#record));
  }

  /** Journals that the candidate submitted this take (after any pending write, so no flag is lost). */
  markSubmitted(): Promise<void> {
    return this.#update({ submitted: true });
  }

  /** Journals the VAD's verdict, so a commit after a reload still carries the speech segments. */
  markSpeech(speech: SpeechVerdict): Promise<void> {
    return this.#update({ speech });
  }

  async #update(patch: Partial<Pick<JournalUpload, 'submitted' | 'speech'>>): Promise<void> {
    this.#chain = this.#chain.then(async () => {
      if (this.#discarded) return; // a late verdict must not bring a dropped take back into the journal
      this.#record = { ...this.#record, ...patch };
      await this.#write(() => this.#journal.put(this.#record));
    });
    await this.#chain;
  }

  /** Retries now (the browser came back online). */
  nudge(): void {
    this.#tus.nudge();
  }

  /** Stops network activity; later chunks are still journaled (and recovered on the next visit). */
  abort(): void {
    this.#tus.abort();
  }

  /** Forgets the journal entry (call after the server committed the answer, or to drop a take). */
  async discard(): Promise<void> {
    this.#discarded = true;
    await this.#chain;
    await this.#write(() => this.#journal.remove([this.#record.id]));
  }

  /** Deletes the server upload (an empty take) and forgets the journal entry. */
  async terminate(): Promise<void> {
    await this.#chain;
    await this.#tus.terminate();
    await this.discard();
  }

  #newTus(): TusUpload {
    const record = this.#record;
    const hooks = this.#hooks;
    const tus: TusUpload = new TusUpload({
      endpoint: this.#api.uploadsUrl,
      ...(record.uploadUrl ? { uploadUrl: record.uploadUrl } : {}),
      ...(record.totalBytes !== undefined && !record.uploadUrl ? { uploadLength: record.totalBytes } : {}),
      headers: this.#api.authHeaders(),
      metadata: { questionId: record.questionId, attempt: String(record.attempt), track: record.track, mimeType: record.mimeType },
      retryDelays: hooks.retryDelays ?? UPLOAD_RETRY_DELAYS_MS,
      maxRetries: Infinity,
      onCreated: (url) => {
        this.#chain = this.#chain.then(() => this.#adopt(url));
      },
      onProgress: () => {
        if (this.#tus === tus) hooks.onProgress?.();
      },
      onRetry: (error) => hooks.onRetry?.(error),
      onRecovered: () => hooks.onRecovered?.(),
      onError: (error) => {
        if (this.#tus === tus && !(GONE.has(error.code) && this.#journalWhole && !this.#recreated)) hooks.onError?.(error);
      },
    });
    return tus;
  }

  /** Every chunk so far is in the journal (false after a failed write, e.g. the storage quota is full). */
  get journaledWhole(): boolean {
    return this.#journalWhole;
  }

  /** The POST answered: the provisional entry and its chunks move to the server's upload id. */
  async #adopt(url: string): Promise<void> {
    const id = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
    if (!id || id === this.#record.id) return;
    const previous = this.#record.id;
    this.#record = { ...this.#record, id, uploadUrl: url };
    await this.#write(() => this.#journal.adopt(previous, this.#record));
  }

  #feed(chunks: JournalChunk[]): void {
    for (const chunk of chunks) {
      // A gap (a write that never completed) ends what can be trusted: upload the whole prefix.
      if (chunk.index !== this.#index || chunk.start !== this.#bytes) {
        devlog('JOURNAL_GAP', `Journaled upload ${this.#record.id} has a gap at chunk ${this.#index}; its prefix is kept.`);
        break;
      }
      this.#tus.append(chunk.blob);
      this.#index += 1;
      this.#bytes += chunk.blob.size;
      this.#lastChunkAt = chunk.at;
    }
  }

  /** The server lost the upload (404): create it again and send every journaled byte. */
  async #recreate(): Promise<void> {
    this.#recreated = true;
    await this.#chain;
    const chunks = await this.#journal.chunks(this.#record.id);
    this.#record = { ...this.#record, uploadUrl: null };
    this.#index = 0;
    this.#bytes = 0;
    this.#tus = this.#newTus();
    this.#feed(chunks);
    void this.#tus.finish();
  }

  async #write(op: () => Promise<void>): Promise<void> {
    try {
      await op();
    } catch (err) {
      this.#journalWhole = false;
      devlog('JOURNAL_WRITE_FAILED', `A journal write failed (${String(err)}); this take is uploaded without a local copy.`);
    }
  }
}
