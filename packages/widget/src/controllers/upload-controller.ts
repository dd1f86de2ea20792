import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CandidApi } from '../api/candid-api.js';
import { isRetryableStatus } from '../api/http.js';
import { TusUpload } from '../api/tus-upload.js';
import type { CommitAnswerResponse, SpeechSegment } from '../api/types.js';
import { CandidError, CandidErrorCode, toCandidError } from '../errors.js';

export interface Take {
  questionId: string;
  attempt: number;
  mimeType: string;
}

export interface TakeProgress {
  questionId: string;
  bytesSent: number;
  bytesRecorded: number;
}

export interface CommittedTake {
  take: Take;
  response: CommitAnswerResponse;
  bytesSent: number;
  bytesRecorded: number;
}

export interface UploadControllerOptions {
  /** The API client of the current session (null while none). */
  api: () => CandidApi | null;
  onProgress?: (progress: TakeProgress) => void;
  /** The upload of the running take failed for good (while recording). */
  onError?: (error: CandidError) => void;
  /** tus retry delays (ms). */
  retryDelays?: readonly number[];
}

const COMMIT_RETRY_DELAYS_MS = [500, 2000, 5000];
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Streams one take at a time to the tus endpoint while it is being recorded, then commits it as
 * the answer. Bytes go out in order through one request queue (see `TusUpload`).
 */
export class UploadController implements ReactiveController {
  readonly #options: UploadControllerOptions;
  #take: Take | null = null;
  #upload: TusUpload | null = null;

  constructor(host: ReactiveControllerHost, options: UploadControllerOptions) {
    this.#options = options;
    host.addController(this);
  }

  get take(): Take | null {
    return this.#take;
  }

  /** Creates the upload for a new take right away, so the first chunk can go out at once. */
  begin(take: Take): void {
    const api = this.#options.api();
    if (!api) throw new CandidError(CandidErrorCode.MISSING_ATTRIBUTES, 'No session to upload to.');
    this.cancel();
    this.#take = take;
    const upload = new TusUpload({
      endpoint: api.uploadsUrl,
      headers: api.authHeaders(),
      metadata: {
        questionId: take.questionId,
        attempt: String(take.attempt),
        track: 'video',
        mimeType: take.mimeType,
      },
      ...(this.#options.retryDelays ? { retryDelays: this.#options.retryDelays } : {}),
      onProgress: ({ bytesSent, bytesQueued }) => {
        if (this.#upload !== upload) return;
        this.#options.onProgress?.({ questionId: take.questionId, bytesSent, bytesRecorded: bytesQueued });
      },
      onError: (error) => {
        if (this.#upload === upload) this.#options.onError?.(error);
      },
    });
    this.#upload = upload;
    upload.start();
  }

  /** Queues one recorded chunk. */
  append(blob: Blob): void {
    this.#upload?.append(blob);
  }

  /**
   * Waits until every byte is on the server (declaring the final length), then commits the take.
   */
  async finishAndCommit(details: { durationMs: number; speechSegments?: SpeechSegment[] }): Promise<CommittedTake> {
    const upload = this.#upload;
    const take = this.#take;
    const api = this.#options.api();
    if (!upload || !take || !api) throw new CandidError(CandidErrorCode.UPLOAD_FAILED, 'No upload in progress.');
    await upload.finish();
    let response: CommitAnswerResponse | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        response = await api.commitAnswer(take.questionId, {
          attempt: take.attempt,
          durationMs: details.durationMs,
          speechSegments: details.speechSegments ?? [],
        });
        break;
      } catch (err) {
        const error = toCandidError(err);
        const retryable = error.code === CandidErrorCode.NETWORK_ERROR || (error.status !== undefined && isRetryableStatus(error.status));
        const delay = COMMIT_RETRY_DELAYS_MS[attempt];
        if (!retryable || delay === undefined || this.#upload !== upload) throw error;
        await sleep(delay);
      }
    }
    const result = { take, response, bytesSent: upload.bytesSent, bytesRecorded: upload.bytesQueued };
    if (this.#upload === upload) {
      this.#upload = null;
      this.#take = null;
    }
    return result;
  }

  /** Stops network activity for the current take (the server keeps what it has). */
  cancel(): void {
    this.#upload?.abort();
    this.#upload = null;
    this.#take = null;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.cancel();
  }
}
