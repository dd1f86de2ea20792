import http from 'node:http';
import https from 'node:https';
import { type ResolveAll, WebhookUrlError, checkWebhookUrl, pinnedLookup, redactUrl } from './url-guard.js';

/** What one delivery attempt produced: a status code, or the error that prevented one. */
export interface PostResult {
  /** The receiver's HTTP status; null when no response arrived. */
  statusCode: number | null;
  /** Why the attempt failed (null on 2xx). Short, and safe to show to the API key holder. */
  error: string | null;
  durationMs: number;
}

/** How much of a receiver's error response is kept for `last_error`. */
const ERROR_BODY_CHARS = 200;

/**
 * POSTs one signed webhook. Never throws: every outcome is a {@link PostResult}.
 * - the URL is checked again (scheme, literal addresses) and the host is resolved through
 *   {@link pinnedLookup}, so the socket connects only to addresses that passed the guard;
 * - no keep-alive agent (a reused socket would skip that lookup), no redirects followed;
 * - one deadline (`timeoutMs`) covers connect, response and body.
 */
export function postWebhook(input: {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
  resolveAll?: ResolveAll;
}): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const finish = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ statusCode, error, durationMs: elapsed() });
    };

    let url: URL;
    try {
      url = checkWebhookUrl(input.url, { allowPrivate: input.allowPrivate });
    } catch (error) {
      settled = true;
      resolve({ statusCode: null, error: (error as Error).message, durationMs: elapsed() });
      return;
    }

    const payload = Buffer.from(input.body, 'utf8');
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'POST',
      agent: false,
      lookup: pinnedLookup({ allowPrivate: input.allowPrivate, ...(input.resolveAll ? { resolveAll: input.resolveAll } : {}) }) as unknown as http.RequestOptions['lookup'],
      headers: { ...input.headers, 'content-length': String(payload.byteLength), connection: 'close' },
    });
    const timer = setTimeout(() => {
      request.destroy(new Error(`timed out after ${input.timeoutMs / 1000} s`));
    }, input.timeoutMs);

    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof WebhookUrlError) finish(null, error.message);
      else finish(null, `${error.code ? `${error.code}: ` : ''}${error.message}`.slice(0, 500));
    });
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        // The body is not needed; drain it so the socket closes cleanly.
        response.resume();
        response.on('end', () => finish(status, null));
        response.on('error', () => finish(status, null));
        return;
      }
      if (status >= 300 && status < 400) {
        response.resume();
        const location = response.headers.location;
        let target = '';
        if (location) {
          try {
            target = ` (Location: ${redactUrl(new URL(location, url))})`;
          } catch {
            target = ` (Location: ${location.slice(0, 200)})`;
          }
        }
        finish(status, `HTTP ${status}: redirects are not followed${target}; set the webhook URL to the final address.`);
        request.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.byteLength;
        if (size >= 4 * ERROR_BODY_CHARS) response.destroy();
      });
      const done = () => {
        const snippet = Buffer.concat(chunks).toString('utf8').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, ERROR_BODY_CHARS);
        finish(status, `HTTP ${status}${snippet ? `: ${snippet}` : ''}`);
      };
      response.on('end', done);
      response.on('close', done);
      response.on('error', done);
    });
    request.end(payload);
  });
}
