import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks signing and verification (https://www.standardwebhooks.com/).
 *
 * Every webhook Candid sends carries three headers:
 * - `webhook-id`: the event id (`msg_…`), the same on every retry and replay: dedupe on it;
 * - `webhook-timestamp`: Unix seconds when this attempt was signed;
 * - `webhook-signature`: `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<raw body>")>`; a
 *   space-separated list when several keys are in use (rotation).
 *
 * `key` is the base64 part of the `whsec_…` secret, decoded. This module needs nothing but
 * `node:crypto`, so receivers can import it from `@candid/server-sdk` without pulling in the server.
 */

/** The prefix of Standard Webhooks secrets; the rest is the base64 key. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** The default and recommended tolerance between the signed timestamp and the receiver's clock. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

/** Stable codes of {@link WebhookVerificationError}: branch on these, never on the message. */
export const WebhookVerificationErrorCodes = {
  /** The secret is not `whsec_` + base64 of at least 24 bytes (or has white space around it). */
  BAD_SECRET: 'BAD_SECRET',
  /** The body is not the raw bytes (a parsed object, a stream, or nothing at all). */
  BODY_NOT_RAW: 'BODY_NOT_RAW',
  /** `webhook-id`, `webhook-timestamp` or `webhook-signature` is absent. */
  MISSING_HEADERS: 'MISSING_HEADERS',
  /** `webhook-timestamp` is not a whole number of seconds. */
  INVALID_TIMESTAMP: 'INVALID_TIMESTAMP',
  /** The signed timestamp is older than the tolerance (a replayed or long-delayed request, or a slow clock here). */
  TIMESTAMP_TOO_OLD: 'TIMESTAMP_TOO_OLD',
  /** The signed timestamp is ahead of this clock by more than the tolerance. */
  TIMESTAMP_IN_FUTURE: 'TIMESTAMP_IN_FUTURE',
  /** No `v1` signature in the header matches the body with this secret. */
  NO_MATCHING_SIGNATURE: 'NO_MATCHING_SIGNATURE',
  /** The signature matched but the body is not JSON. */
  INVALID_JSON: 'INVALID_JSON',
} as const;

export type WebhookVerificationErrorCode = keyof typeof WebhookVerificationErrorCodes;

/**
 * Thrown by {@link verifyWebhook} (and by signing with a bad secret). Answer the request with 400
 * and log `code` and `message`: the message says what to fix.
 */
export class WebhookVerificationError extends Error {
  // Set literally: minifiers rename classes, so constructor.name is unreliable.
  override readonly name = 'WebhookVerificationError';
  readonly code: WebhookVerificationErrorCode;

  constructor(code: WebhookVerificationErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** A `whsec_…` string, or the raw key bytes. */
export type WebhookSecret = string | Uint8Array;

/** Node's `req.headers`, a fetch `Headers`, or any object with a case-insensitive `get(name)`. */
export type WebhookHeaders =
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | { get(name: string): string | null | undefined };

const BASE64 = /^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/;
const MIN_KEY_BYTES = 24;

/** The HMAC key of a secret; throws BAD_SECRET with the fix when the secret is malformed. */
export function webhookKey(secret: WebhookSecret): Buffer {
  if (secret instanceof Uint8Array) {
    if (secret.byteLength < MIN_KEY_BYTES) {
      throw new WebhookVerificationError('BAD_SECRET', `The webhook key is ${secret.byteLength} bytes; Standard Webhooks keys are at least ${MIN_KEY_BYTES} bytes.`);
    }
    return Buffer.from(secret);
  }
  if (typeof secret !== 'string' || secret === '') {
    throw new WebhookVerificationError(
      'BAD_SECRET',
      'No webhook secret was given. Pass the `whsec_…` secret configured on the Candid server (CANDID_WEBHOOK_SECRET); is the environment variable set where this code runs?',
    );
  }
  if (secret !== secret.trim()) {
    throw new WebhookVerificationError(
      'BAD_SECRET',
      'The webhook secret has white space before or after it (often a trailing newline from a .env file, a secrets manager or copy-paste): trim it.',
    );
  }
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) {
    const hint = /^(sk|pk|rk)_/.test(secret) || secret.length < 20 ? ' It does not look like a webhook secret at all: is it an API key?' : '';
    throw new WebhookVerificationError(
      'BAD_SECRET',
      `The webhook secret must start with "${WEBHOOK_SECRET_PREFIX}" (the Standard Webhooks format: whsec_ + base64 key).${hint} ` +
        'Use the exact value of CANDID_WEBHOOK_SECRET; if you hold the raw key bytes instead, pass them as a Uint8Array.',
    );
  }
  const encoded = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!BASE64.test(encoded) || encoded === '') {
    throw new WebhookVerificationError('BAD_SECRET', `The part of the webhook secret after "${WEBHOOK_SECRET_PREFIX}" is not base64; was the secret truncated or wrapped in quotes?`);
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.byteLength < MIN_KEY_BYTES) {
    throw new WebhookVerificationError(
      'BAD_SECRET',
      `The webhook secret decodes to ${key.byteLength} bytes; Standard Webhooks keys are at least ${MIN_KEY_BYTES}. Generate one with generateWebhookSecret().`,
    );
  }
  return key;
}

/** A fresh Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

const toBytes = (body: string | Uint8Array): Buffer => (typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength));

function hmac(key: Buffer, id: string, timestamp: number, body: string | Uint8Array): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`, 'utf8').update(toBytes(body)).digest();
}

function toSeconds(timestamp: number | Date): number {
  const seconds = timestamp instanceof Date ? Math.floor(timestamp.getTime() / 1000) : timestamp;
  if (!Number.isSafeInteger(seconds) || seconds < 0) throw new TypeError('signWebhook: `timestamp` must be whole Unix seconds (or a Date).');
  return seconds;
}

/**
 * Signs one webhook attempt: returns the `webhook-signature` header value, `v1,<base64>`.
 *
 * @example
 * signWebhook({ id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, body: '{"test": 2432232314}',
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }) // 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='
 */
export function signWebhook(input: { id: string; timestamp: number | Date; body: string | Uint8Array; secret: WebhookSecret }): string {
  return `v1,${hmac(webhookKey(input.secret), input.id, toSeconds(input.timestamp), input.body).toString('base64')}`;
}

/** The three headers of one signed attempt, ready to send (or to feed your own handler in tests). */
export type WebhookSignatureHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/**
 * Headers a real Candid delivery of `body` would carry, for integrators' tests:
 *
 * @example
 * const body = JSON.stringify({ type: 'session.completed', timestamp: new Date().toISOString(), data: { sessionId: 'ses_…' } });
 * await request(app).post('/hooks/candid').set(generateTestHeaders(body, process.env.CANDID_WEBHOOK_SECRET!))
 *   .set('content-type', 'application/json').send(body);
 */
export function generateTestHeaders(
  body: string | Uint8Array,
  secret: WebhookSecret,
  options: { id?: string; timestamp?: number | Date } = {},
): WebhookSignatureHeaders {
  const id = options.id ?? `msg_test_${randomBytes(12).toString('hex')}`;
  const timestamp = toSeconds(options.timestamp ?? new Date());
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook({ id, timestamp, body, secret }) };
}

function readHeader(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    const value = (headers as { get(name: string): string | null | undefined }).get(name);
    return value ?? undefined;
  }
  // A plain object: Node lower-cases names, but hand-built objects (tests, other frameworks) may not.
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== name) continue;
    if (Array.isArray(value)) return value.join(' ');
    if (typeof value === 'string') return value;
  }
  return undefined;
}

export interface VerifyWebhookOptions {
  /**
   * How far the signed timestamp may be from `now`, in seconds, either way. Default 300 (5 minutes).
   * `Infinity` turns the check off (only for re-verifying stored requests: it allows replays).
   */
  toleranceSeconds?: number;
  /** The receiver's clock (tests): a Date, or milliseconds since the epoch like `Date.now()`. */
  now?: Date | number;
}

/**
 * Verifies a webhook and returns its parsed JSON payload (`{ type, timestamp, data }`).
 *
 * Pass the **raw** body exactly as received (a string or bytes: `express.raw({ type:
 * 'application/json' })` gives a Buffer), the request headers (Node's `req.headers` or a fetch
 * `Headers`) and the `whsec_…` secret. Throws {@link WebhookVerificationError}; answer it with 400.
 *
 * @example
 * app.post('/hooks/candid', express.raw({ type: 'application/json' }), (req, res) => {
 *   const event = verifyWebhook(req.body, req.headers, process.env.CANDID_WEBHOOK_SECRET!);
 *   res.sendStatus(204);
 * });
 */
export function verifyWebhook<T = WebhookPayload>(rawBody: string | Uint8Array, headers: WebhookHeaders, secret: WebhookSecret, options: VerifyWebhookOptions = {}): T {
  const key = webhookKey(secret);
  assertRawBody(rawBody);
  if (!headers || typeof headers !== 'object') {
    throw new WebhookVerificationError('MISSING_HEADERS', 'No headers were given: pass the request headers (Node `req.headers` or a fetch `Headers`) as the second argument.');
  }

  const id = readHeader(headers, 'webhook-id')?.trim();
  const timestampText = readHeader(headers, 'webhook-timestamp')?.trim();
  const signatures = readHeader(headers, 'webhook-signature')?.trim();
  const missing = [!id && 'webhook-id', !timestampText && 'webhook-timestamp', !signatures && 'webhook-signature'].filter(Boolean);
  if (missing.length > 0) {
    throw new WebhookVerificationError(
      'MISSING_HEADERS',
      `Missing header${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. Pass all the request headers (req.headers, not req.body or a subset); ` +
        'if a proxy or API gateway sits in front of this endpoint, make sure it forwards the webhook-* headers.',
    );
  }

  if (!/^\d{1,15}$/.test(timestampText!)) {
    throw new WebhookVerificationError('INVALID_TIMESTAMP', `webhook-timestamp must be whole Unix seconds; got ${JSON.stringify(timestampText!.slice(0, 40))}.`);
  }
  const timestamp = Number(timestampText);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!(tolerance > 0)) throw new TypeError('verifyWebhook: `toleranceSeconds` must be a positive number of seconds (or Infinity to skip the check).');
  const nowMs = options.now === undefined ? Date.now() : options.now instanceof Date ? options.now.getTime() : options.now;
  const nowSeconds = Math.floor(nowMs / 1000);
  if (timestamp < nowSeconds - tolerance) {
    throw new WebhookVerificationError(
      'TIMESTAMP_TOO_OLD',
      `The webhook was signed ${nowSeconds - timestamp} s ago, more than the ${tolerance} s tolerance: it may be a replayed request. ` +
        "If this server's clock is behind, sync it (NTP). A legitimate retry is signed afresh, so it will pass.",
    );
  }
  if (timestamp > nowSeconds + tolerance) {
    throw new WebhookVerificationError(
      'TIMESTAMP_IN_FUTURE',
      `The webhook timestamp is ${timestamp - nowSeconds} s ahead of this server's clock, beyond the ${tolerance} s tolerance. ` +
        "Check this server's clock (NTP), and that `now` (if you pass it) is in milliseconds, like Date.now().",
    );
  }

  const expected = hmac(key, id!, timestamp, rawBody);
  let sawV1 = false;
  let matched = false;
  for (const entry of signatures!.split(/\s+/)) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    sawV1 = true;
    const given = Buffer.from(entry.slice(comma + 1), 'base64');
    // Keep going after a match: the time taken does not depend on which entry matched.
    if (given.byteLength === expected.byteLength && timingSafeEqual(given, expected)) matched = true;
  }
  if (!sawV1) {
    throw new WebhookVerificationError('NO_MATCHING_SIGNATURE', 'webhook-signature holds no "v1,<base64>" signature; this verifier supports the v1 (HMAC-SHA256) scheme only.');
  }
  if (!matched) {
    throw new WebhookVerificationError(
      'NO_MATCHING_SIGNATURE',
      'No signature matches this body with this secret. Check that (1) the secret is the CANDID_WEBHOOK_SECRET of the server that sent it ' +
        '(during a rotation, try each secret); (2) the body is the raw request body, byte for byte: a body parsed as JSON and serialized again ' +
        "(JSON.stringify(req.body)) differs from what was signed: mount express.raw({ type: 'application/json' }) on this route, or use " +
        '`await request.text()` in fetch-style handlers; (3) nothing between Candid and you (proxy, framework) rewrote the body or its charset.',
    );
  }

  const text = typeof rawBody === 'string' ? rawBody : toBytes(rawBody).toString('utf8');
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new WebhookVerificationError('INVALID_JSON', 'The signature is valid but the body is not JSON.');
  }
}

function assertRawBody(rawBody: unknown): asserts rawBody is string | Uint8Array {
  if (typeof rawBody === 'string' || rawBody instanceof Uint8Array) return;
  if (rawBody === undefined || rawBody === null) {
    throw new WebhookVerificationError(
      'BODY_NOT_RAW',
      'The body is empty (undefined): no body parser kept the raw bytes. With Express, add express.raw({ type: \'application/json\' }) to this route ' +
        'and pass req.body; with fetch-style handlers pass `await request.text()`.',
    );
  }
  const kind = typeof (rawBody as { pipe?: unknown }).pipe === 'function' ? 'a stream (the request itself?)' : `a ${typeof rawBody === 'object' ? 'parsed object' : typeof rawBody}`;
  throw new WebhookVerificationError(
    'BODY_NOT_RAW',
    `The body is ${kind}, not the raw bytes: the body was parsed as JSON before verification. Pass the raw request body ` +
      "(express.raw({ type: 'application/json' }) on this route, mounted before any express.json(); or `await request.text()`), " +
      'because re-serializing a parsed body changes the bytes that were signed.',
  );
}

/** What every Candid webhook body holds. `type` and `data` are described in docs/webhooks.md. */
export interface WebhookPayload<D = Record<string, unknown>> {
  /** Event type, e.g. `session.completed`. */
  type: string;
  /** ISO 8601 time the event happened (not the time of this attempt; see `webhook-timestamp`). */
  timestamp: string;
  data: D;
}
