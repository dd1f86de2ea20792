import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CandidApi } from '../api/candid-api.js';
import { isRetryableStatus } from '../api/http.js';
import type { CommitAnswerResponse, SessionInfo } from '../api/types.js';
import { UPLOAD_RETRY_DELAYS_MS } from '../constants.js';
import { CandidError, CandidErrorCode, toCandidError } from '../errors.js';
import { openJournal, type Journal, type JournalUpload } from '../journal/journal.js';
import { JournaledUpload, type JournaledUploadHooks } from '../journal/journaled-upload.js';
import type { SpeechVerdict } from '../vad/types.js';

export type TrackKind = JournalUpload['track'];

export interface TakeProgress {
  questionId: string;
  attempt: number;
  /** Bytes the server has confirmed, all tracks of the take. */
  bytesSent: number;
  /** Bytes recorded for the take so far, all tracks. */
  bytesRecorded: number;
}

/** One take (question + attempt): one journaled upload per track (video and/or audio). */
export class Take {
  readonly questionId: string;
  readonly attempt: number;
  readonly uploads: JournaledUpload[];
  /** Known once stopped; for an interrupted take, the journaled span. */
  durationMs: number | null = null;
  /** Recording was cut by a reload or crash: the candidate decides whether to keep it. */
  interrupted = false;
  /** The candidate submitted it (journaled): recovered takes without it go back to the candidate. */
  submitted = false;
  /** The VAD's speech segments and silent flag, sent with the commit (null: VAD did not hear the whole take). */
  speech: SpeechVerdict | null = null;

  constructor(questionId: string, attempt: number, uploads: JournaledUpload[]) {
    this.questionId = questionId;
    this.attempt = attempt;
    this.uploads = uploads;
  }

  get bytesSent(): number {
    return this.uploads.reduce((sum, u) => sum + u.bytesSent, 0);
  }
  get bytesRecorded(): number {
    return this.uploads.reduce((sum, u) => sum + u.bytesRecorded, 0);
  }
  /** Bytes per track, for `candid-answer`. */
  bytesOf(track: TrackKind): number {
    return this.uploads.find((u) => u.track === track)?.bytesRecorded ?? 0;
  }
}

/** What the journal holds for one take of this session. */
export interface JournaledTake {
  questionId: string;
  attempt: number;
  records: JournalUpload[];
}

export interface CommittedTake {
  take: Take;
  response: CommitAnswerResponse;
}

export interface UploadControllerOptions {
  /** The API client of the current session (null while none). */
  api: () => CandidApi | null;
  onProgress?: (progress: TakeProgress) => void;
  /** An upload of the current take failed for good (transient failures are retried forever). */
  onError?: (error: CandidError) => void;
  /** Requests are failing and being retried (false), or work again (true). */
  onConnection?: (ok: boolean) => void;
  retryDelays?: readonly number[];
}

let persistenceAsked = false;

/**
 * Asks once per page that the browser keep this origin's storage under pressure (a phone low on
 * space may otherwise evict the journal of a take not yet uploaded). Chromium decides silently,
 * Firefox may ask the candidate (hence only once a take starts, after a click), Safari grants it
 * to pages in use. Best effort: refusal changes nothing else.
 */
function requestPersistentStorage(): void {
  if (persistenceAsked) return;
  persistenceAsked = true;
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage?.persist || !storage.persisted) return;
  void storage
    .persisted()
    .then((already) => (already ? true : storage.persist()))
    .catch(() => false);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Streams takes to the tus endpoint while they are recorded, through the journal (see
 * `JournaledUpload`), recovers journaled takes after a reload, and commits answers. The journal
 * entry of a take is removed only after the server confirmed its commit.
 */
export class UploadController implements ReactiveController {
  readonly #options: UploadControllerOptions;
  #journal: Journal | null = null;
  #opening: Promise<void> | null = null;
  /** Expiry (ms) of each session seen (`prepare(session)`), journaled with its takes. */
  readonly #expiry = new Map<string, number>();
  #current: Take | null = null;
  /** Bumped by `cancel()`: commits of an older generation are not retried further. */
  #generation = 0;

  constructor(host: ReactiveControllerHost, options: UploadControllerOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** The take being recorded, finished or recovered. */
  get current(): Take | null {
    return this.#current;
  }

  /** Whether recordings survive a reload on this device (false: in-memory fallback). */
  get persistent(): boolean {
    return this.#journal?.persistent ?? false;
  }

  /**
   * Whether the current take survives a reload: the journal is persistent and took every chunk
   * (a full storage quota fails its writes; the upload goes on without a local copy).
   */
  get localCopy(): boolean {
    return this.persistent && (this.#current?.uploads.every((u) => u.journaledWhole) ?? true);
  }

  /** Recorded bytes of the current take that the server does not have yet. */
  get unsentBytes(): number {
    const take = this.#current;
    return take ? take.bytesRecorded - take.bytesSent : 0;
  }

  /**
   * Opens the journal (IndexedDB, or memory; opening it deletes takes of expired sessions). Call
   * before `begin()` or `journaledTakes()`, with the session (`GET /v1/session`) once it is known:
   * its expiry is journaled with its takes.
   */
  prepare(session?: Pick<SessionInfo, 'sessionId' | 'expiresAt'> | null): Promise<void> {
    const expiresAt = session ? Date.parse(session.expiresAt) : NaN;
    if (session && Number.isFinite(expiresAt)) this.#expiry.set(session.sessionId, expiresAt);
    // One opening, however many callers (the prefetch and the flow may ask at once).
    this.#opening ??= openJournal().then(
      (journal) => {
        this.#journal = journal;
      },
      (err: unknown) => {
        this.#opening = null;
        throw err;
      },
    );
    return this.#opening;
  }

  /**
   * Starts a take: one journaled upload per track, each created on the server at once. `startedAt`:
   * `Date.now()` when the recording began, if earlier than now.
   */
  begin(
    take: { sessionId: string; questionId: string; attempt: number; startedAt?: number },
    tracks: Array<{ track: TrackKind; mimeType: string; totalBytes?: number }>,
  ): Take {
    const api = this.#api();
    const journal = this.#requireJournal();
    this.cancel();
    if (journal.persistent) requestPersistentStorage();
    const expiresAt = this.#expiry.get(take.sessionId);
    const uploads = tracks.map(({ track, mimeType, totalBytes }) =>
      JournaledUpload.begin(
        journal,
        api,
        { endpoint: api.endpoint, sessionId: take.sessionId, questionId: take.questionId, attempt: take.attempt, track, mimeType, totalBytes, expiresAt, startedAt: take.startedAt },
        this.#hooks(),
      ),
    );
    this.#current = new Take(take.questionId, take.attempt, uploads);
    this.#emitProgress();
    return this.#current;
  }

  /** Journals and queues one recorded chunk of the current take. */
  append(track: TrackKind, blob: Blob): void {
    this.#current?.uploads.find((u) => u.track === track)?.append(blob);
    this.#emitProgress();
  }

  /** The candidate submitted the current take: journaled, so a reload from here on does not ask again. */
  async markSubmitted(): Promise<void> {
    const take = this.#current;
    if (!take) return;
    take.submitted = true;
    await Promise.all(take.uploads.map((u) => u.markSubmitted()));
  }

  /** Journals the VAD's verdict on `take` (its tracks may still be uploading). */
  async markSpeech(take: Take, speech: SpeechVerdict): Promise<void> {
    take.speech = speech;
    await Promise.all(take.uploads.map((u) => u.markSpeech(speech)));
  }

  /**
   * The main track's journaled recording, to watch a recovered take again on this device (null when
   * the journal holds none: in-memory fallback, or nothing recorded).
   */
  async journaledPlayback(take: Take): Promise<Blob | null> {
    const main = take.uploads.find((u) => u.track === 'video') ?? take.uploads[0];
    if (!main || !this.#journal) return null;
    const chunks = await this.#journal.chunks(main.record.id).catch(() => []);
    if (chunks.length === 0) return null;
    return new Blob(
      chunks.map((c) => c.blob),
      { type: main.record.mimeType },
    );
  }

  /** Recording stopped: waits until every track is on the server with its length declared. */
  async stop(details: { durationMs: number }): Promise<Take> {
    const take = this.#current;
    if (!take) throw new CandidError(CandidErrorCode.UPLOAD_FAILED, 'No take in progress.');
    take.durationMs = details.durationMs;
    await Promise.all(take.uploads.map((u) => u.stop(details)));
    return take;
  }

  /**
   * Takes of this session left in the journal by an earlier visit, in interview order. Takes of
   * questions the server already committed are forgotten here; of several attempts at one question
   * only the newest counts (older ones were already uploaded when the candidate recorded again).
   */
  async journaledTakes(session: SessionInfo): Promise<JournaledTake[]> {
    const journal = this.#requireJournal();
    const records = await journal.uploads(session.sessionId);
    const expiresAt = Date.parse(session.expiresAt);
    if (Number.isFinite(expiresAt)) {
      this.#expiry.set(session.sessionId, expiresAt);
      // Takes journaled before their expiry was known (or by an older widget) learn it now.
      for (const [i, record] of records.entries()) {
        if (record.expiresAt === expiresAt) continue;
        records[i] = { ...record, expiresAt };
        await journal.put(records[i]!).catch(() => {});
      }
    }
    const committed = new Set(session.answers.filter((a) => a.status === 'committed').map((a) => a.questionId));
    const order = session.questions.map((q) => q.id);
    const newest = new Map<string, JournaledTake>();
    const obsolete: string[] = [];
    for (const record of records) {
      if (committed.has(record.questionId) || !order.includes(record.questionId)) {
        obsolete.push(record.id);
        continue;
      }
      const known = newest.get(record.questionId);
      if (!known || known.attempt < record.attempt) {
        if (known) obsolete.push(...known.records.map((r) => r.id));
        newest.set(record.questionId, { questionId: record.questionId, attempt: record.attempt, records: [record] });
      } else if (known.attempt === record.attempt) {
        known.records.push(record);
      } else {
        obsolete.push(record.id);
      }
    }
    await journal.remove(obsolete).catch(() => {});
    return [...newest.values()].sort((a, b) => order.indexOf(a.questionId) - order.indexOf(b.questionId));
  }

  /**
   * Finishes a journaled take's uploads from the server's offsets. A take cut mid-recording is
   * uploaded as far as it was journaled (its length declared) and marked `interrupted`.
   */
  async resume(journaled: JournaledTake): Promise<Take> {
    const api = this.#api();
    const journal = this.#requireJournal();
    this.cancel();
    if (journal.persistent) requestPersistentStorage();
    const uploads = await Promise.all(journaled.records.map((record) => JournaledUpload.resume(journal, api, record, this.#hooks())));
    const take = new Take(journaled.questionId, journaled.attempt, uploads);
    this.#current = take;
    take.interrupted = !journaled.records.every((r) => r.stopped);
    take.submitted = !take.interrupted && journaled.records.every((r) => r.submitted === true);
    take.speech = journaled.records.find((r) => r.speech)?.speech ?? null;
    take.durationMs = journaled.records.find((r) => r.durationMs !== undefined)?.durationMs ?? Math.max(0, ...uploads.map((u) => u.journaledMs));
    this.#emitProgress();
    const empty = uploads.filter((u) => u.bytesRecorded === 0);
    if (empty.length === uploads.length) return take; // nothing recorded: nothing to upload
    // An empty track would make the commit fail (no bytes, no container): delete it on the server.
    for (const upload of empty) {
      await upload.terminate();
      take.uploads.splice(take.uploads.indexOf(upload), 1);
    }
    await Promise.all(take.uploads.map((u) => u.stop({ durationMs: take.durationMs ?? 0, interrupted: take.interrupted })));
    return take;
  }

  /**
   * Commits a finished take as the answer (retried while the network is down), then forgets its
   * journal entries.
   */
  async commit(take: Take): Promise<CommittedTake> {
    const generation = this.#generation;
    let response: CommitAnswerResponse | undefined;
    for (let failures = 0; ; failures++) {
      try {
        response = await this.#api().commitAnswer(take.questionId, {
          attempt: take.attempt,
          durationMs: Math.max(0, Math.round(take.durationMs ?? 0)),
          ...(take.speech ? { speechSegments: take.speech.speechSegments, silent: take.speech.silent } : {}),
        });
        break;
      } catch (err) {
        const error = toCandidError(err);
        const offline = error.code === CandidErrorCode.NETWORK_ERROR;
        const retryable = offline || (error.status !== undefined && isRetryableStatus(error.status) && failures < 3);
        if (!retryable || generation !== this.#generation) throw error;
        if (offline) this.#options.onConnection?.(false);
        const delays = this.#options.retryDelays ?? UPLOAD_RETRY_DELAYS_MS;
        await sleep(delays[Math.min(failures, delays.length - 1)] ?? 1000);
      }
    }
    this.#options.onConnection?.(true);
    await this.drop(take);
    return { take, response };
  }

  /** Forgets a take's journal entries (committed, or replaced by "record again"); `terminate` also deletes the server uploads. */
  async drop(take: Take, options: { terminate?: boolean } = {}): Promise<void> {
    await Promise.all(take.uploads.map((u) => (options.terminate ? u.terminate() : u.discard())));
    if (this.#current === take) this.#current = null;
  }

  /**
   * Deletes everything journaled for a session (withdrawn or erased: its recordings must not stay
   * on this device, nor be uploaded later).
   */
  async forgetSession(sessionId: string): Promise<void> {
    this.cancel();
    await this.prepare();
    const journal = this.#requireJournal();
    await journal.remove((await journal.uploads(sessionId)).map((u) => u.id));
  }

  /** Retry now (the browser came back online). */
  nudge(): void {
    for (const upload of this.#current?.uploads ?? []) upload.nudge();
  }

  /**
   * Stops network activity of the current take; the server and the journal keep what they have,
   * and chunks still arriving (a recorder's last one) are journaled.
   */
  cancel(): void {
    this.#generation += 1;
    for (const upload of this.#current?.uploads ?? []) upload.abort();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.cancel();
  }

  #api(): CandidApi {
    const api = this.#options.api();
    if (!api) throw new CandidError(CandidErrorCode.MISSING_ATTRIBUTES, 'No session to upload to.');
    return api;
  }

  #requireJournal(): Journal {
    if (!this.#journal) throw new CandidError(CandidErrorCode.UPLOAD_FAILED, 'The journal is not open (call prepare()).');
    return this.#journal;
  }

  #hooks(): JournaledUploadHooks {
    const generation = this.#generation; // begin()/resume() call cancel() first
    return {
      ...(this.#options.retryDelays ? { retryDelays: this.#options.retryDelays } : {}),
      onProgress: () => this.#emitProgress(),
      onRetry: (error) => {
        if (error.code === CandidErrorCode.NETWORK_ERROR || (error.status ?? 0) >= 500) this.#options.onConnection?.(false);
      },
      onRecovered: () => this.#options.onConnection?.(true),
      onError: (error) => {
        if (generation === this.#generation) this.#options.onError?.(error);
      },
    };
  }

  #emitProgress(): void {
    const take = this.#current;
    if (!take) return;
    this.#options.onProgress?.({
      questionId: take.questionId,
      attempt: take.attempt,
      bytesSent: take.bytesSent,
      bytesRecorded: take.bytesRecorded,
    });
  }
}
