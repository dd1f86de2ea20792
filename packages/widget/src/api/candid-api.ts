import { VERSION } from '../constants.js';
import { CandidError, CandidErrorCode } from '../errors.js';
import { apiUrl, errorFromResponse, isAbortError, networkError } from './http.js';
import type {
  CandidateRequestInput,
  CommitAnswerRequest,
  CommitAnswerResponse,
  CompleteResponse,
  ConsentRequest,
  ConsentResponse,
  ProbeResponse,
  SessionInfo,
} from './types.js';

export interface CandidApiOptions {
  /** URL where the server SDK is mounted, e.g. `https://ats.example.com/candid`. */
  endpoint: string;
  /** Session token (sent as `Authorization: Bearer …`). */
  token: string;
  fetch?: typeof fetch;
}

/** Thin JSON client for the candidate-side API. Every failure becomes a `CandidError`. */
export class CandidApi {
  readonly endpoint: string;
  readonly #token: string;
  readonly #fetch: typeof fetch;

  constructor(options: CandidApiOptions) {
    this.endpoint = options.endpoint;
    this.#token = options.token;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Absolute URL of the tus endpoint. */
  get uploadsUrl(): string {
    return apiUrl(this.endpoint, '/v1/uploads');
  }

  /** Headers every request (including tus requests) carries: the bearer token and the widget version. */
  authHeaders(): Record<string, string> {
    return { Authorization: `Bearer ${this.#token}`, 'X-Candid-Widget-Version': VERSION };
  }

  getSession(signal?: AbortSignal): Promise<SessionInfo> {
    return this.#request<SessionInfo>('GET', '/v1/session', undefined, signal);
  }

  postConsent(body: ConsentRequest, signal?: AbortSignal): Promise<ConsentResponse> {
    return this.#request<ConsentResponse>('POST', '/v1/session/consent', body, signal);
  }

  commitAnswer(questionId: string, body: CommitAnswerRequest, signal?: AbortSignal): Promise<CommitAnswerResponse> {
    return this.#request<CommitAnswerResponse>(
      'POST',
      `/v1/session/answers/${encodeURIComponent(questionId)}`,
      body,
      signal,
    );
  }

  /** Withdraws consent: the server stops processing and the session's data is to be deleted. */
  withdrawConsent(signal?: AbortSignal): Promise<{ status: string }> {
    return this.#request<{ status: string }>('POST', '/v1/session/consent/withdraw', {}, signal);
  }

  /** Accommodation, alternative format, human review or no automated evaluation. */
  sendRequest(body: CandidateRequestInput, signal?: AbortSignal): Promise<{ request: { id: string; type: string; status: string } }> {
    return this.#request('POST', '/v1/session/requests', body, signal);
  }

  complete(signal?: AbortSignal): Promise<CompleteResponse> {
    return this.#request<CompleteResponse>('POST', '/v1/session/complete', {}, signal);
  }

  /**
   * Connection check: uploads `bytes` zero bytes to the probe endpoint and measures the upload rate
   * (bits/s) from the browser's side. A warm-up request first opens the connection (and the CORS
   * preflight), so the timed one measures throughput rather than setup.
   */
  async measureUploadRate(bytes: number, signal?: AbortSignal): Promise<number> {
    await this.#request<ProbeResponse>('POST', '/v1/session/probe', new Blob([new Uint8Array(1)]), signal);
    const started = performance.now();
    const res = await this.#request<ProbeResponse>('POST', '/v1/session/probe', new Blob([new Uint8Array(bytes)]), signal);
    const seconds = Math.max((performance.now() - started) / 1000, 0.001);
    return (res.receivedBytes * 8) / seconds;
  }

  async #request<T>(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { ...this.authHeaders(), Accept: 'application/json' };
    const init: RequestInit = { method, headers, credentials: 'omit' };
    if (signal) init.signal = signal;
    if (body instanceof Blob) {
      headers['Content-Type'] = 'application/octet-stream';
      init.body = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await this.#fetch(apiUrl(this.endpoint, path), init);
    } catch (err) {
      if (isAbortError(err)) throw new CandidError(CandidErrorCode.ABORTED, 'Request aborted.', { cause: err });
      throw networkError(err);
    }
    if (!res.ok) throw await errorFromResponse(res);
    try {
      return (await res.json()) as T;
    } catch (err) {
      throw new CandidError(CandidErrorCode.BAD_RESPONSE, `Unexpected response to ${method} ${path}.`, {
        status: res.status,
        recoverable: true,
        cause: err,
      });
    }
  }
}
