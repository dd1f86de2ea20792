import { devlog } from '../internal/devlog.js';
import type { SpeechVerdict } from '../vad/types.js';
import { openIdbJournal } from './idb-journal.js';

/** One track of one take, as journaled on this device until the server has committed the answer. */
export interface JournalUpload {
  /**
   * Key. The server's upload id (`upl_…`) once the creation POST has answered; before that a
   * provisional local id (`local_…`), replaced in one transaction by `adopt()`.
   */
  id: string;
  /** Absolute tus URL of the upload, null while provisional. */
  uploadUrl: string | null;
  endpoint: string;
  sessionId: string;
  questionId: string;
  attempt: number;
  track: 'video' | 'audio';
  mimeType: string;
  /** The candidate pressed Stop (or the time limit did): the take is whole. */
  stopped: boolean;
  /** Recording was cut (reload, crash) and the journaled prefix was uploaded; the candidate decides. */
  interrupted?: boolean;
  /**
   * The candidate pressed Submit (or picked a file): a later visit commits the take without asking.
   * A stopped take without it was still under review, so the candidate is asked again.
   */
  submitted?: boolean;
  /** The VAD's verdict on the whole take (speech segments, silent flag), sent with the commit. */
  speech?: SpeechVerdict;
  /** Final length, once known (stopped or interrupted). */
  totalBytes?: number;
  durationMs?: number;
  /** `Date.now()` when recording started. */
  createdAt: number;
  /**
   * When the session expires (ms since the epoch, from `GET /v1/session`): from then on the take
   * can never be committed, and the journal deletes it the next time it opens, whatever the page.
   */
  expiresAt?: number;
}

/** One MediaRecorder blob; the concatenation of an upload's chunks in `index` order is the file. */
export interface JournalChunk {
  index: number;
  /** Byte offset of this chunk in the file. */
  start: number;
  blob: Blob;
  /** `Date.now()` when it was journaled (gives an interrupted take's duration). */
  at: number;
}

export interface Journal {
  /** False for the in-memory fallback (nothing survives a reload). */
  readonly persistent: boolean;
  put(upload: JournalUpload): Promise<void>;
  /** Resolves when the chunk is stored (transaction complete). */
  appendChunk(uploadId: string, chunk: JournalChunk): Promise<void>;
  /** Moves a provisional upload and its chunks to `upload.id` (the server id), atomically. */
  adopt(localId: string, upload: JournalUpload): Promise<void>;
  /** Every journaled upload of a session. */
  uploads(sessionId: string): Promise<JournalUpload[]>;
  /** An upload's chunks, in order. */
  chunks(uploadId: string): Promise<JournalChunk[]>;
  /** Forgets uploads and their chunks (after the server confirmed the commit). */
  remove(uploadIds: readonly string[]): Promise<void>;
}

/** In-memory journal: used when IndexedDB is unavailable (private mode, sandboxed frames, tests). */
export class MemoryJournal implements Journal {
  readonly persistent = false;
  readonly #uploads = new Map<string, JournalUpload>();
  readonly #chunks = new Map<string, JournalChunk[]>();

  async put(upload: JournalUpload): Promise<void> {
    this.#uploads.set(upload.id, { ...upload });
  }

  async appendChunk(uploadId: string, chunk: JournalChunk): Promise<void> {
    const list = this.#chunks.get(uploadId) ?? [];
    list[chunk.index] = chunk;
    this.#chunks.set(uploadId, list);
  }

  async adopt(localId: string, upload: JournalUpload): Promise<void> {
    this.#chunks.set(upload.id, this.#chunks.get(localId) ?? []);
    this.#chunks.delete(localId);
    this.#uploads.delete(localId);
    this.#uploads.set(upload.id, { ...upload });
  }

  async uploads(sessionId: string): Promise<JournalUpload[]> {
    return [...this.#uploads.values()].filter((u) => u.sessionId === sessionId).map((u) => ({ ...u }));
  }

  async chunks(uploadId: string): Promise<JournalChunk[]> {
    return (this.#chunks.get(uploadId) ?? []).filter(Boolean);
  }

  async remove(uploadIds: readonly string[]): Promise<void> {
    for (const id of uploadIds) {
      this.#uploads.delete(id);
      this.#chunks.delete(id);
    }
  }
}

let shared: Promise<Journal> | null = null;

/**
 * The page's journal: IndexedDB when it works, otherwise (private mode, blocked storage) an
 * in-memory one, announced once in the console. Never rejects. Shared by every widget on the page
 * (a memory journal then still survives the element being re-mounted).
 */
export function openJournal(): Promise<Journal> {
  shared ??= openIdbJournal().catch((err: unknown) => {
    devlog(
      'JOURNAL_IN_MEMORY',
      `IndexedDB is unavailable (${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}); recordings are kept in memory only and cannot be recovered after a reload.`,
    );
    return new MemoryJournal();
  });
  return shared;
}

/** Test hook: forget the shared journal (the next `openJournal()` opens a new one). */
export function resetJournalForTests(journal?: Journal): void {
  shared = journal ? Promise.resolve(journal) : null;
}
