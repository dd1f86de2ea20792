import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { CandidError } from '../src/errors.js';
import { createCandid, generateTestHeaders, generateWebhookSecret, signWebhook, verifyWebhook, WebhookVerificationError } from '../src/index.js';
import { postWebhook } from '../src/webhooks/http-post.js';
import { assertWebhookUrlResolvesPublic, checkWebhookUrl, nonPublicAddressReason, WebhookUrlError } from '../src/webhooks/url-guard.js';
import { WebhookDeliveryError, WebhookService, type WebhookDelivery } from '../src/webhooks/webhook-service.js';
import { testDatabases } from './helpers/databases.js';
import { type JsonSchema, assertValid } from './helpers/json-schema.js';
import { type TestServer, api, consentedSession, startTestServer } from './helpers/server.js';
import { type WebhookHarness, capturingLogger, startWebhookHarness } from './helpers/webhook-harness.js';
import { type WebhookReceiver, eventually, startWebhookReceiver } from './helpers/webhook-receiver.js';

// The public test vector of the standard-webhooks reference libraries (libraries/javascript/src/webhook.test.ts).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const vectorHeaders = { 'webhook-id': VECTOR.id, 'webhook-timestamp': String(VECTOR.timestamp), 'webhook-signature': VECTOR.signature };
const atVector = { now: new Date(VECTOR.timestamp * 1000) };

/** Runs `fn`, expects a WebhookVerificationError with `code`, and returns it for message checks. */
function verificationError(code: string, fn: () => unknown): WebhookVerificationError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof WebhookVerificationError, `a WebhookVerificationError, got ${String(error)}`);
    assert.equal(error.name, 'WebhookVerificationError');
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}`);
}

// ---------------------------------------------------------------------------------------------
// An independent verifier, written from the Standard Webhooks spec: its own base64, WebCrypto HMAC
// and its own constant-time comparison. Nothing from src/webhooks.
// ---------------------------------------------------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = B64.indexOf(char);
    if (index < 0) throw new Error(`not base64: ${char}`);
    value = (value << 6) | index;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}

async function independentlyVerify(secret: string, headers: IncomingHttpHeaders, body: Buffer, nowSeconds = Math.floor(Date.now() / 1000)): Promise<boolean> {
  const id = String(headers['webhook-id']);
  const timestamp = String(headers['webhook-timestamp']);
  if (Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const keyBytes = decodeBase64(secret.slice('whsec_'.length));
  const key = await webcrypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signedContent = new Uint8Array([...new TextEncoder().encode(`${id}.${timestamp}.`), ...body]);
  const expected = encodeBase64(new Uint8Array(await webcrypto.subtle.sign('HMAC', key, signedContent)));
  return String(headers['webhook-signature'])
    .split(' ')
    .some((entry) => {
      const [version, signature = ''] = entry.split(',');
      if (version !== 'v1' || signature.length !== expected.length) return false;
      let diff = 0;
      for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ signature.charCodeAt(i);
      return diff === 0;
    });
}

// Suites run side by side (each on its own server, database and receiver); tests inside a suite run in order.
describe('webhooks', { concurrency: true }, () => {
describe('the independent verifier (sanity)', { concurrency: 1 }, () => {
  it('accepts the standard-webhooks vector and refuses a tampered body', async () => {
    const now = VECTOR.timestamp;
    assert.equal(await independentlyVerify(VECTOR.secret, vectorHeaders, Buffer.from(VECTOR.body), now), true);
    assert.equal(await independentlyVerify(VECTOR.secret, vectorHeaders, Buffer.from('{"test":2432232314}'), now), false);
  });
});

// ---------------------------------------------------------------------------------------------
// Signing and verification
// ---------------------------------------------------------------------------------------------

describe('webhook signing (Standard Webhooks)', { concurrency: 1 }, () => {
  it('signs the pinned standard-webhooks test vector exactly', () => {
    assert.equal(signWebhook({ id: VECTOR.id, timestamp: VECTOR.timestamp, body: VECTOR.body, secret: VECTOR.secret }), VECTOR.signature);
    // The same with bytes for the body, a Date for the time, and the raw key instead of whsec_.
    const rawKey = Buffer.from(VECTOR.secret.slice(6), 'base64');
    assert.equal(signWebhook({ id: VECTOR.id, timestamp: new Date(VECTOR.timestamp * 1000), body: Buffer.from(VECTOR.body), secret: new Uint8Array(rawKey) }), VECTOR.signature);
  });

  it('verifies the vector and returns the parsed payload', () => {
    assert.deepEqual(verifyWebhook(VECTOR.body, vectorHeaders, VECTOR.secret, atVector), { test: 2432232314 });
  });

  it('round-trips generateTestHeaders → verifyWebhook with a string, a Buffer and a Uint8Array body', () => {
    const secret = generateWebhookSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: 'session.completed', timestamp: new Date().toISOString(), data: { sessionId: 'ses_1', note: 'ünïcödé' } });
    const headers = generateTestHeaders(body, secret);
    assert.match(headers['webhook-id'], /^msg_/);
    assert.match(headers['webhook-signature'], /^v1,[A-Za-z0-9+/]{43}=$/);
    for (const raw of [body, Buffer.from(body), new Uint8Array(Buffer.from(body))]) {
      assert.deepEqual(verifyWebhook(raw, headers, secret), JSON.parse(body));
    }
    const pinned = generateTestHeaders(VECTOR.body, VECTOR.secret, { id: VECTOR.id, timestamp: VECTOR.timestamp });
    assert.deepEqual(pinned, vectorHeaders);
  });

  it('reads headers from a plain object (any case, array values) or a fetch Headers instance', () => {
    const mixedCase = { 'Webhook-Id': VECTOR.id, 'WEBHOOK-TIMESTAMP': String(VECTOR.timestamp), 'Webhook-Signature': [VECTOR.signature] };
    assert.deepEqual(verifyWebhook(VECTOR.body, mixedCase, VECTOR.secret, atVector), { test: 2432232314 });
    assert.deepEqual(verifyWebhook(VECTOR.body, new Headers(vectorHeaders), VECTOR.secret, atVector), { test: 2432232314 });
    assert.deepEqual(verifyWebhook(VECTOR.body, new Map(Object.entries(vectorHeaders)), VECTOR.secret, atVector), { test: 2432232314 });
  });

  it('accepts timestamps within ±5 minutes and refuses them beyond, in both directions', () => {
    const at = (offsetSeconds: number) => ({ now: (VECTOR.timestamp + offsetSeconds) * 1000 });
    for (const offset of [-300, -299, 0, 299, 300]) assert.doesNotThrow(() => verifyWebhook(VECTOR.body, vectorHeaders, VECTOR.secret, at(offset)), `offset ${offset}`);
    const old = verificationError('TIMESTAMP_TOO_OLD', () => verifyWebhook(VECTOR.body, vectorHeaders, VECTOR.secret, at(301)));
    assert.match(old.message, /301 s ago.*300 s tolerance.*replayed/);
    const future = verificationError('TIMESTAMP_IN_FUTURE', () => verifyWebhook(VECTOR.body, vectorHeaders, VECTOR.secret, at(-301)));
    assert.match(future.message, /301 s ahead.*clock/);
    // A custom tolerance, and the default used with the real clock.
    assert.doesNotThrow(() => verifyWebhook(VECTOR.body, vectorHeaders, VECTOR.secret, { ...at(3000), toleranceSeconds: 3600 }));
    verificationError('TIMESTAMP_TOO_OLD', () => verifyWebhook(VECTOR.body, vectorHeaders, VECTOR.secret));
    assert.throws(() => verifyWebhook(VECTOR.body, vectorHeaders, VECTOR.secret, { ...atVector, toleranceSeconds: 0 }), /toleranceSeconds/);
  });

  it('supports key rotation: any v1 signature in the space-separated list may match', () => {
    const oldSecret = generateWebhookSecret();
    const newSecret = generateWebhookSecret();
    const body = '{"type":"session.scored"}';
    const timestamp = Math.floor(Date.now() / 1000);
    const both = {
      'webhook-id': 'msg_rotation',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': `${signWebhook({ id: 'msg_rotation', timestamp, body, secret: oldSecret })} ${signWebhook({ id: 'msg_rotation', timestamp, body, secret: newSecret })}`,
    };
    assert.deepEqual(verifyWebhook(body, both, oldSecret), { type: 'session.scored' });
    assert.deepEqual(verifyWebhook(body, both, newSecret), { type: 'session.scored' });
    verificationError('NO_MATCHING_SIGNATURE', () => verifyWebhook(body, both, generateWebhookSecret()));
    // Unknown versions are skipped, not fatal.
    const withV2 = { ...both, 'webhook-signature': `v2,AAAA ${both['webhook-signature'].split(' ')[1]}` };
    assert.deepEqual(verifyWebhook(body, withV2, newSecret), { type: 'session.scored' });
  });

  describe('each WebhookVerificationError code, with a message that says what to fix', () => {
    it('BAD_SECRET: white space, no whsec_ prefix, not base64, too short, missing', () => {
      assert.match(verificationError('BAD_SECRET', () => verifyWebhook(VECTOR.body, vectorHeaders, `${VECTOR.secret}\n`, atVector)).message, /white space.*trim/);
      assert.match(verificationError('BAD_SECRET', () => verifyWebhook(VECTOR.body, vectorHeaders, VECTOR.secret.slice(6), atVector)).message, /must start with "whsec_".*Uint8Array/);
      assert.match(verificationError('BAD_SECRET', () => verifyWebhook(VECTOR.body, vectorHeaders, 'whsec_not*base64!', atVector)).message, /not base64/);
      assert.match(verificationError('BAD_SECRET', () => verifyWebhook(VECTOR.body, vectorHeaders, 'whsec_c2hvcnQ=', atVector)).message, /at least 24/);
      assert.match(verificationError('BAD_SECRET', () => verifyWebhook(VECTOR.body, vectorHeaders, undefined as unknown as string, atVector)).message, /CANDID_WEBHOOK_SECRET/);
      assert.match(verificationError('BAD_SECRET', () => signWebhook({ id: 'x', timestamp: 1, body: '', secret: 'sk_live_abc' })).message, /API key/);
    });

    it('BODY_NOT_RAW: a parsed object, a stream or nothing instead of the raw bytes', () => {
      const parsed = verificationError('BODY_NOT_RAW', () => verifyWebhook(JSON.parse(VECTOR.body), vectorHeaders, VECTOR.secret, atVector));
      assert.match(parsed.message, /parsed as JSON before verification.*express\.raw\(\{ type: 'application\/json' \}\)/);
      assert.match(verificationError('BODY_NOT_RAW', () => verifyWebhook(undefined as unknown as string, vectorHeaders, VECTOR.secret, atVector)).message, /express\.raw/);
      const stream = { pipe() {}, on() {} } as unknown as string;
      assert.match(verificationError('BODY_NOT_RAW', () => verifyWebhook(stream, vectorHeaders, VECTOR.secret, atVector)).message, /stream/);
    });

    it('MISSING_HEADERS: names the missing headers and hints at req.headers and proxies', () => {
      const { 'webhook-signature': _dropped, ...partial } = vectorHeaders;
      const error = verificationError('MISSING_HEADERS', () => verifyWebhook(VECTOR.body, partial, VECTOR.secret, atVector));
      assert.match(error.message, /Missing header: webhook-signature.*req\.headers.*proxy/);
      assert.match(verificationError('MISSING_HEADERS', () => verifyWebhook(VECTOR.body, {}, VECTOR.secret, atVector)).message, /webhook-id, webhook-timestamp, webhook-signature/);
    });

    it('INVALID_TIMESTAMP: not whole seconds', () => {
      for (const bad of ['1614265330123.5', 'yesterday', '-5']) {
        verificationError('INVALID_TIMESTAMP', () => verifyWebhook(VECTOR.body, { ...vectorHeaders, 'webhook-timestamp': bad }, VECTOR.secret, atVector));
      }
    });

    it('NO_MATCHING_SIGNATURE: a re-serialized body, a wrong secret, a changed id, or no v1 signature', () => {
      const reserialized = JSON.stringify(JSON.parse(VECTOR.body)); // '{"test":2432232314}': one space fewer
      const error = verificationError('NO_MATCHING_SIGNATURE', () => verifyWebhook(reserialized, vectorHeaders, VECTOR.secret, atVector));
      assert.match(error.message, /raw request body.*JSON\.stringify\(req\.body\).*express\.raw/);
      assert.match(error.message, /CANDID_WEBHOOK_SECRET/);
      verificationError('NO_MATCHING_SIGNATURE', () => verifyWebhook(VECTOR.body, vectorHeaders, generateWebhookSecret(), atVector));
      verificationError('NO_MATCHING_SIGNATURE', () => verifyWebhook(VECTOR.body, { ...vectorHeaders, 'webhook-id': 'msg_other' }, VECTOR.secret, atVector));
      verificationError('NO_MATCHING_SIGNATURE', () => verifyWebhook(VECTOR.body, { ...vectorHeaders, 'webhook-signature': 'v1,not-even-base64' }, VECTOR.secret, atVector));
      const noV1 = verificationError('NO_MATCHING_SIGNATURE', () => verifyWebhook(VECTOR.body, { ...vectorHeaders, 'webhook-signature': 'v1a,abc' }, VECTOR.secret, atVector));
      assert.match(noV1.message, /no "v1,<base64>" signature/);
    });

    it('INVALID_JSON: signed, but not JSON', () => {
      const headers = generateTestHeaders('not json', VECTOR.secret);
      verificationError('INVALID_JSON', () => verifyWebhook('not json', headers, VECTOR.secret));
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Callback URL guard
// ---------------------------------------------------------------------------------------------

describe('webhook URL guard', { concurrency: 1 }, () => {
  it('classifies loopback, private, link-local, CGNAT, ULA, unspecified, multicast and IPv4-mapped addresses', () => {
    const refused = [
      '127.0.0.1', '127.255.255.254', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
      '100.127.255.255', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'febf::1', 'fc00::1', 'fd12:3456::1',
      'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::a00:1', '2002:c0a8:101::1',
      '::127.0.0.1', 'fe80::1%eth0',
    ];
    for (const address of refused) assert.ok(nonPublicAddressReason(address), `${address} is refused`);
    const allowed = ['8.8.8.8', '93.184.216.34', '172.32.0.1', '172.15.255.255', '100.128.0.1', '192.169.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'];
    for (const address of allowed) assert.equal(nonPublicAddressReason(address), null, `${address} is public`);
    assert.match(nonPublicAddressReason('::ffff:127.0.0.1')!, /IPv4-mapped loopback/);
  });

  it('refuses non-public callback URLs without allowPrivate, with a message that names the rule and the switch', () => {
    const urls = [
      'http://127.0.0.1:8080/hooks', 'http://[::1]/hooks', 'http://10.0.0.5/hooks', 'http://192.168.0.10/', 'http://172.20.1.1/',
      'http://169.254.169.254/latest/meta-data', 'http://[fe80::1]/', 'http://[fd00::1]/hooks', 'http://[::ffff:127.0.0.1]/',
      'http://localhost:3000/hooks', 'http://api.localhost/', 'http://LOCALHOST./', 'http://2130706433/', 'http://0x7f.1/', 'http://100.64.1.1/',
    ];
    for (const url of urls) {
      assert.throws(
        () => checkWebhookUrl(url, { allowPrivate: false }),
        (error: unknown) => error instanceof WebhookUrlError && error.code === 'PRIVATE_ADDRESS' && /CANDID_WEBHOOK_ALLOW_PRIVATE=1/.test(error.message),
        url,
      );
      assert.doesNotThrow(() => checkWebhookUrl(url, { allowPrivate: true }), url);
    }
    assert.match((() => { try { checkWebhookUrl('http://127.0.0.1/', { allowPrivate: false }); } catch (e) { return (e as Error).message; } return ''; })(), /loopback/);
    assert.doesNotThrow(() => checkWebhookUrl('https://ats.example.com/hooks/candid', { allowPrivate: false }));
  });

  it('refuses non-http(s) schemes and relative URLs even with allowPrivate', () => {
    for (const [url, code] of [['ftp://example.com/hook', 'UNSUPPORTED_PROTOCOL'], ['file:///etc/passwd', 'UNSUPPORTED_PROTOCOL'], ['/hooks/candid', 'INVALID_URL']] as const) {
      assert.throws(() => checkWebhookUrl(url, { allowPrivate: true }), (error: unknown) => error instanceof WebhookUrlError && error.code === code, url);
    }
    assert.throws(() => checkWebhookUrl('ftp://example.com/hook', { allowPrivate: false }), /must use https:/);
  });

  it('refuses a hostname that resolves (any of its addresses) to a private address; allowPrivate permits it', async () => {
    const dns = (map: Record<string, string[]>) => async (host: string) => (map[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    const resolveAll = dns({ 'hooks.example.com': ['127.0.0.1'], 'mixed.example.com': ['93.184.216.34', '10.0.0.7'], 'public.example.com': ['93.184.216.34', '2606:4700::1'] });
    await assert.rejects(assertWebhookUrlResolvesPublic('https://hooks.example.com/x', { allowPrivate: false, resolveAll }), /hooks\.example\.com resolves to 127\.0\.0\.1, a loopback address.*CANDID_WEBHOOK_ALLOW_PRIVATE/);
    await assert.rejects(assertWebhookUrlResolvesPublic('https://mixed.example.com/x', { allowPrivate: false, resolveAll }), /10\.0\.0\.7/);
    await assertWebhookUrlResolvesPublic('https://public.example.com/x', { allowPrivate: false, resolveAll });
    await assertWebhookUrlResolvesPublic('https://hooks.example.com/x', { allowPrivate: true, resolveAll });
    await assert.rejects(assertWebhookUrlResolvesPublic('https://nowhere.example.com/x', { allowPrivate: false, resolveAll }), (e: unknown) => (e as WebhookUrlError).code === 'DNS_FAILED');
  });

  describe('at delivery time (the resolved address is checked inside the connection and pinned)', () => {
    let receiver: WebhookReceiver;
    before(async () => {
      receiver = await startWebhookReceiver((req) => (req.path === '/redirect' ? 302 : req.path === '/slow' ? 'hang' : 204));
    });
    after(() => receiver.close());
    const toLoopback = async () => [{ address: '127.0.0.1', family: 4 }];
    const post = (url: string, allowPrivate: boolean, extra: { timeoutMs?: number } = {}) =>
      postWebhook({ url, body: '{}', headers: { 'content-type': 'application/json', 'webhook-id': `msg_${url}` }, timeoutMs: extra.timeoutMs ?? 5000, allowPrivate, resolveAll: toLoopback });

    it('refuses a public-looking host that resolves to loopback, before any byte is sent', async () => {
      const result = await post(`http://hooks.example.test:${receiver.port}/hooks`, false);
      assert.equal(result.statusCode, null);
      assert.match(result.error ?? '', /resolves to 127\.0\.0\.1, a loopback address/);
      assert.equal(receiver.received.length, 0);
    });

    it('with allowPrivate, connects to exactly the address the lookup returned', async () => {
      // hooks.example.test exists in no DNS: reaching the receiver shows the socket used the checked address.
      const result = await post(`http://hooks.example.test:${receiver.port}/hooks`, true);
      assert.equal(result.statusCode, 204, result.error ?? '');
      assert.equal(receiver.received.at(-1)!.headers.host, `hooks.example.test:${receiver.port}`);
    });

    it('refuses literal private addresses and non-http schemes at send time too', async () => {
      assert.match((await post(`http://127.0.0.1:${receiver.port}/hooks`, false)).error ?? '', /loopback/);
      assert.match((await post('ftp://example.com/', true)).error ?? '', /https:/);
    });

    it('does not follow redirects, and gives up after the timeout', async () => {
      const redirected = await post(`http://127.0.0.1:${receiver.port}/redirect`, true);
      assert.equal(redirected.statusCode, 302);
      assert.match(redirected.error ?? '', /redirects are not followed \(Location: http:\/\/127\.0\.0\.1:\d+\/elsewhere\)/);
      assert.equal(receiver.received.filter((r) => r.path === '/elsewhere').length, 0);
      const slow = await post(`http://127.0.0.1:${receiver.port}/slow`, true, { timeoutMs: 200 });
      assert.equal(slow.statusCode, null);
      assert.match(slow.error ?? '', /timed out after 0\.2 s/);
      assert.ok(slow.durationMs >= 190 && slow.durationMs < 2000, `${slow.durationMs} ms`);
    });
  });

  it('fails start-up with a clear message for a private URL, a missing secret or a malformed secret', async () => {
    const { logger } = capturingLogger();
    const db = {} as never;
    const build = (url: string | undefined, secret: string | undefined, allowPrivate = false) => () => new WebhookService({ db, jobs: undefined, settings: { url, secret, allowPrivate }, logger });
    assert.throws(build('http://127.0.0.1:9/hook', VECTOR.secret), /webhookUrl \(CANDID_WEBHOOK_URL\) refused: .*loopback.*CANDID_WEBHOOK_ALLOW_PRIVATE=1/);
    assert.throws(build('http://localhost:9/hook', VECTOR.secret), /localhost/);
    assert.throws(build('ftp://hooks.example.com/', VECTOR.secret, true), /https:/);
    assert.throws(build('https://hooks.example.com/', undefined), /webhookSecret.*required/);
    assert.throws(build('https://hooks.example.com/', VECTOR.secret.slice(6)), /webhookSecret \(CANDID_WEBHOOK_SECRET\) is invalid: .*whsec_/);
    assert.doesNotThrow(build('http://127.0.0.1:9/hook', VECTOR.secret, true));

    // Through createCandid: start() rejects with the same message (on PostgreSQL when available: cheaper than a PGlite start).
    const database = testDatabases.at(-1)!;
    const dbOptions = database.options();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-webhook-config-'));
    try {
      const candid = createCandid(
        { dataDir, secret: 'x'.repeat(32), ...dbOptions, webhookUrl: 'http://192.168.1.20/hooks', webhookSecret: VECTOR.secret, jobs: { pollingSeconds: 0.5 } },
        { logger: pino({ level: 'silent' }) },
      );
      await assert.rejects(candid.start(), /private \(192\.168\.0\.0\/16\).*CANDID_WEBHOOK_ALLOW_PRIVATE=1/);
      await candid.close();
    } finally {
      await database.cleanup(dbOptions);
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Delivery, retries, the delivery log and replay, on each database
// ---------------------------------------------------------------------------------------------

async function openApiDocument(endpoint: string): Promise<unknown> {
  return (await fetch(`${endpoint}/v1/openapi.json`)).json();
}
const schemaRef = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

for (const database of testDatabases) {
  describe(`webhook delivery through a real flow [${database.name}]`, { concurrency: 1 }, () => {
    const secret = generateWebhookSecret();
    let receiver: WebhookReceiver;
    let server: TestServer;
    let doc: unknown;
    before(async () => {
      // 500 to the first two attempts of each event, 204 from the third on (replays included).
      receiver = await startWebhookReceiver((_req, nth) => (nth < 2 ? 500 : 204));
      server = await startTestServer(
        { webhookUrl: receiver.url, webhookSecret: secret, webhookAllowPrivate: true, jobs: { retryDelaySeconds: 1, pollingSeconds: 0.5 } },
        database,
      );
      doc = await openApiDocument(server.endpoint);
    });
    after(async () => {
      await server.close();
      await receiver.close();
    });

    const list = async (query: string) => {
      const res = await api(server.endpoint, 'GET', `/v1/webhooks/deliveries${query}`);
      assert.equal(res.status, 200, JSON.stringify(res.json));
      assertValid(doc, schemaRef('WebhookDeliveryPage'), res.json, `GET /v1/webhooks/deliveries${query}`, { closedObjects: true });
      return res.json as { deliveries: WebhookDelivery[]; nextCursor: string | null };
    };

    let sessionId: string;
    let eventId: string;
    let deliveryId: string;

    it('POST /v1/session/consent → session.consented: 500, 500, 204, same id and body, signed afresh, verified independently', async () => {
      ({ sessionId } = await consentedSession(server));
      const first = await eventually(() => list(`?sessionId=${sessionId}&eventType=session.consented`), (page) => page.deliveries.length > 0, 5000).catch(() => {
        throw new Error('POST /v1/session/consent emitted no session.consented webhook event (is it wired to WebhookService.emit?)');
      });
      eventId = first.deliveries[0]!.eventId;
      deliveryId = first.deliveries[0]!.id;
      await receiver.waitFor(() => receiver.forId(eventId).length >= 3, 20_000, `three attempts of ${eventId}`);
      const attempts = receiver.forId(eventId);
      assert.equal(attempts.length, 3);
      assert.deepEqual(attempts.map((a) => a.answered), [500, 500, 204]);
      for (const attempt of attempts) {
        assert.equal(attempt.method, 'POST');
        assert.equal(attempt.path, '/hooks/candid');
        assert.equal(attempt.headers['content-type'], 'application/json');
        assert.match(String(attempt.headers['user-agent']), /^Candid-Webhooks\/\d+\.\d+\.\d+/);
        assert.ok(attempt.body.equals(attempts[0]!.body), 'every attempt sends the same bytes');
      }
      // Each attempt is signed when it is made: later attempts carry a later (or equal) timestamp.
      const stamps = attempts.map((a) => Number(a.headers['webhook-timestamp']));
      assert.ok(stamps[0]! <= stamps[1]! && stamps[1]! <= stamps[2]!, `timestamps ${stamps}`);
      assert.ok(Math.abs(stamps[2]! - Date.now() / 1000) < 30);
      // The independent verifier accepts the delivered attempt (and the others too).
      for (const attempt of attempts) assert.equal(await independentlyVerify(secret, attempt.headers, attempt.body), true);
      // And so does the SDK's own verifier, with Node's header object.
      const payload = verifyWebhook(attempts[2]!.body, attempts[2]!.headers, secret);
      assert.deepEqual(Object.keys(payload), ['type', 'timestamp', 'data']);
      assert.equal(payload.type, 'session.consented');
      assert.equal((payload.data as { sessionId: string }).sessionId, sessionId);
      assert.ok(!Number.isNaN(Date.parse(payload.timestamp)));
      assert.match(eventId, /^msg_[0-9a-f]{32}$/);
    });

    it('lists the delivery as delivered with its three logged attempts (two 500s)', async () => {
      const page = await eventually(() => list(`?sessionId=${sessionId}`), (p) => p.deliveries[0]?.status === 'delivered', 5000);
      assert.equal(page.deliveries.length, 1);
      const delivery = page.deliveries[0]!;
      assert.equal(delivery.id, deliveryId);
      assert.equal(delivery.eventId, eventId);
      assert.equal(delivery.eventType, 'session.consented');
      assert.equal(delivery.sessionId, sessionId);
      assert.equal(delivery.url, receiver.url);
      assert.equal(delivery.attemptCount, 3);
      assert.equal(delivery.lastStatusCode, 204);
      assert.equal(delivery.lastError, null);
      assert.equal(delivery.nextAttemptAt, null);
      assert.ok(delivery.deliveredAt);
      assert.deepEqual(delivery.attempts.map((a) => a.statusCode), [500, 500, 204]);
      assert.match(delivery.attempts[0]!.error ?? '', /^HTTP 500: receiver says 500$/);
      assert.equal(delivery.attempts[2]!.error, null);
      for (const attempt of delivery.attempts) assert.ok(typeof attempt.durationMs === 'number' && attempt.durationMs >= 0);
      assert.deepEqual(delivery.payload, JSON.parse(receiver.forId(eventId)[0]!.body.toString()));
      // Backoff: the attempts are spread out (1 s base in this test, doubling, with pg-boss's jitter).
      const times = delivery.attempts.map((a) => Date.parse(a.attemptedAt));
      assert.ok(times[1]! - times[0]! >= 900, `first retry after ${times[1]! - times[0]!} ms`);
      assert.ok(times[2]! - times[1]! >= 1900, `second retry after ${times[2]! - times[1]!} ms`);
    });

    it('replays the delivery: a new delivery that sends the same webhook-id and body again (202)', async () => {
      const res = await api(server.endpoint, 'POST', `/v1/webhooks/deliveries/${deliveryId}/replay`);
      assert.equal(res.status, 202, JSON.stringify(res.json));
      assertValid(doc, schemaRef('WebhookDelivery'), res.json, 'replay', { closedObjects: true });
      const replay = res.json as WebhookDelivery;
      assert.notEqual(replay.id, deliveryId);
      assert.equal(replay.eventId, eventId);
      assert.equal(replay.status, 'pending');
      await receiver.waitFor(() => receiver.forId(eventId).length >= 4, 10_000, 'the replayed attempt');
      const requests = receiver.forId(eventId);
      assert.equal(requests[3]!.answered, 204);
      assert.ok(requests[3]!.body.equals(requests[0]!.body), 'the replay sends the same body');
      assert.equal(await independentlyVerify(secret, requests[3]!.headers, requests[3]!.body), true);
      const page = await eventually(() => list(`?sessionId=${sessionId}`), (p) => p.deliveries[0]?.status === 'delivered', 5000);
      assert.deepEqual(page.deliveries.map((d) => d.id), [replay.id, deliveryId], 'newest first');
      assert.equal(page.deliveries[0]!.attemptCount, 1);
    });

    it('filters and paginates the log; refuses bad queries, unknown ids and missing API keys in the JSON error shape', async () => {
      const delivered = await list('?status=delivered&limit=1');
      assert.equal(delivered.deliveries.length, 1);
      assert.equal(typeof delivered.nextCursor, 'string');
      const next = await list(`?status=delivered&limit=1&cursor=${delivered.nextCursor}`);
      assert.equal(next.deliveries.length, 1);
      assert.notEqual(next.deliveries[0]!.id, delivered.deliveries[0]!.id);
      assert.equal((await list('?status=failed')).deliveries.length, 0);
      assert.equal((await list('?eventType=session.scored')).deliveries.length, 0);

      const bad = await api(server.endpoint, 'GET', '/v1/webhooks/deliveries?status=lost&limit=0&cursor=nope&eventType=session.exploded');
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.code, 'VALIDATION_FAILED');
      assert.deepEqual(bad.json.error.issues.map((i: { path: string }) => i.path).sort(), ['cursor', 'eventType', 'limit', 'status']);

      const unknown = await api(server.endpoint, 'POST', `/v1/webhooks/deliveries/dlv_${'0'.repeat(32)}/replay`);
      assert.equal(unknown.status, 404);
      assert.equal(unknown.json.error.code, 'WEBHOOK_DELIVERY_NOT_FOUND');
      const malformed = await api(server.endpoint, 'POST', '/v1/webhooks/deliveries/../replay');
      assert.equal(malformed.status, 404);
      assert.equal((await api(server.endpoint, 'POST', '/v1/webhooks/deliveries/not-an-id/replay')).json.error.code, 'WEBHOOK_DELIVERY_NOT_FOUND');

      for (const [method, route] of [['GET', '/v1/webhooks/deliveries'], ['POST', `/v1/webhooks/deliveries/${deliveryId}/replay`]] as const) {
        assert.equal((await api(server.endpoint, method, route, undefined, null)).json.error.code, 'API_KEY_MISSING');
        assert.equal((await api(server.endpoint, method, route, undefined, 'wrong-key')).json.error.code, 'API_KEY_INVALID');
      }
    });
  });

  describe(`webhook service: dedupe, retries, final failure, no URL [${database.name}]`, { concurrency: 1 }, () => {
    let receiver: WebhookReceiver;
    let worker: WebhookHarness;
    /** Same database, but its jobs never reach the worker: these tests run the delivery handler themselves. */
    let idle: { webhooks: WebhookService };
    const secret = generateWebhookSecret();
    before(async () => {
      receiver = await startWebhookReceiver(() => 503);
      worker = await startWebhookHarness(database, { url: receiver.url, secret, allowPrivate: true }, { retryDelaySeconds: 1 });
      idle = { webhooks: worker.service(undefined, { queue: 'recorded' }) };
    });
    after(async () => {
      await worker?.close();
      await receiver.close();
    });

    const count = async (table: string, where = 'true', params: unknown[] = []) =>
      Number((await worker.db.query<{ n: string }>(`select count(*)::text as n from ${table} where ${where}`, params)).rows[0]!.n);

    it('emits once per dedupeKey: a second emit with the same key records no event and no delivery', async () => {
      const sessionId = `ses_${'a'.repeat(32)}`;
      await idle.webhooks.emit('session.scored', { sessionId, score: 1 }, { sessionId, dedupeKey: `session.scored:${sessionId}` });
      await idle.webhooks.emit('session.scored', { sessionId, score: 2 }, { sessionId, dedupeKey: `session.scored:${sessionId}` });
      await Promise.all([
        idle.webhooks.emit('session.scored', { sessionId, score: 3 }, { sessionId, dedupeKey: `session.scored:${sessionId}` }),
        idle.webhooks.emit('session.scored', { sessionId, score: 4 }, { sessionId, dedupeKey: `session.scored:${sessionId}` }),
      ]);
      assert.equal(await count('webhook_events', "type = 'session.scored' and session_id = $1", [sessionId]), 1);
      const page = await idle.webhooks.listDeliveries({ sessionId });
      assert.equal(page.deliveries.length, 1);
      assert.deepEqual(page.deliveries[0]!.payload.data, { sessionId, score: 1 });
      assert.equal(worker.sent.filter((job) => (job.data as { deliveryId: string }).deliveryId === page.deliveries[0]!.id).length, 1, 'one delivery job');
      assert.equal(await count('webhook_deliveries d join webhook_events e on e.id = d.event_id', 'e.session_id = $1', [sessionId]), 1);
      // Without a key, every emit is its own event.
      await idle.webhooks.emit('answer.stored', { sessionId }, { sessionId });
      await idle.webhooks.emit('answer.stored', { sessionId }, { sessionId });
      assert.equal((await idle.webhooks.listDeliveries({ sessionId, eventType: 'answer.stored' })).deliveries.length, 2);
      await assert.rejects(idle.webhooks.emit('session.exploded' as never, {}), /Unknown webhook event type/);
    });

    it('a receiver that never answers 2xx: attempts back off exponentially and next_attempt_at predicts them', async () => {
      const sessionId = `ses_${'b'.repeat(32)}`;
      await worker.webhooks.emit('session.completed', { sessionId }, { sessionId });
      const [created] = (await worker.webhooks.listDeliveries({ sessionId })).deliveries;
      // Watch the delivery after each attempt: what it predicted, and when the next attempt came.
      const seen = new Map<number, WebhookDelivery>();
      await eventually(
        async () => {
          const d = (await worker.webhooks.listDeliveries({ sessionId })).deliveries[0]!;
          if (!seen.has(d.attemptCount)) seen.set(d.attemptCount, d);
          return d;
        },
        (d) => d.attemptCount >= 3,
        20_000,
        50,
      );
      const third = seen.get(3)!;
      assert.equal(third.status, 'pending');
      assert.deepEqual(third.attempts.map((a) => a.statusCode), [503, 503, 503]);
      assert.ok(receiver.forId(created!.eventId).length >= 3);
      for (const attempts of [1, 2, 3]) {
        const d = seen.get(attempts)!;
        assert.ok(d, `observed the delivery after attempt ${attempts}`);
        const last = d.attempts[attempts - 1]!;
        // The earliest next attempt: 1 s × 2^(attempt − 1) after the attempt (plus its own duration).
        const predictedWait = Date.parse(d.nextAttemptAt!) - Date.parse(last.attemptedAt) - (last.durationMs ?? 0);
        const base = 1000 * 2 ** (attempts - 1);
        // (The upper bound is loose: suites run side by side, and a busy event loop delays everything.)
        assert.ok(predictedWait >= base - 50 && predictedWait < base + 2500, `after attempt ${attempts}: next in ${predictedWait} ms, expected ≈${base}`);
        // pg-boss honours it: the next attempt never comes earlier (it comes up to 2× later, plus polling).
        const following = third.attempts[attempts];
        if (following) {
          const actualWait = Date.parse(following.attemptedAt) - Date.parse(last.attemptedAt);
          assert.ok(actualWait >= base - 100, `attempt ${attempts + 1} came ${actualWait} ms after attempt ${attempts}, before the predicted ${base} ms`);
        }
      }
    });

    it('the last attempt (retryCount = retryLimit) marks the delivery failed; a settled delivery is never sent again', async () => {
      const sessionId = `ses_${'c'.repeat(32)}`;
      await idle.webhooks.emit('session.erased', { sessionId }, { sessionId });
      const [delivery] = (await idle.webhooks.listDeliveries({ sessionId })).deliveries;
      const policy = { retryLimit: 12, retryDelay: 30, retryBackoff: true };
      await assert.rejects(idle.webhooks.attemptDelivery(delivery!.id, { retryCount: 0, ...policy }), WebhookDeliveryError);
      let d = (await idle.webhooks.listDeliveries({ sessionId })).deliveries[0]!;
      assert.equal(d.status, 'pending');
      assert.ok(Date.parse(d.nextAttemptAt!) - Date.now() > 25_000, 'first retry about 30 s later');
      await assert.rejects(idle.webhooks.attemptDelivery(delivery!.id, { retryCount: 11, ...policy }), WebhookDeliveryError);
      d = (await idle.webhooks.listDeliveries({ sessionId })).deliveries[0]!;
      const lastWait = Date.parse(d.nextAttemptAt!) - Date.now();
      assert.ok(lastWait > 30 * 2 ** 11 * 1000 - 5000 && lastWait < 30 * 2 ** 11 * 1000 + 5000, `the 12th retry waits ≈17 h, got ${lastWait} ms`);
      await assert.rejects(idle.webhooks.attemptDelivery(delivery!.id, { retryCount: 12, ...policy }), WebhookDeliveryError);
      d = (await idle.webhooks.listDeliveries({ sessionId })).deliveries[0]!;
      assert.equal(d.status, 'failed');
      assert.equal(d.nextAttemptAt, null);
      assert.equal(d.attemptCount, 3);
      assert.match(d.lastError ?? '', /HTTP 503/);
      assert.equal((await idle.webhooks.listDeliveries({ status: 'failed', sessionId })).deliveries.length, 1);
      // A duplicate job for a settled delivery sends nothing.
      const before = receiver.received.length;
      await idle.webhooks.attemptDelivery(delivery!.id, { retryCount: 5, ...policy });
      assert.equal(receiver.received.length, before);
      assert.equal((await idle.webhooks.listDeliveries({ sessionId })).deliveries[0]!.attemptCount, 3);
      // Unknown deliveries (e.g. erased) are skipped quietly.
      await idle.webhooks.attemptDelivery(`dlv_${'f'.repeat(32)}`, { retryCount: 0, ...policy });
    });

    it('without a URL: events are recorded as failed deliveries (url null) that can be listed, and replay says why not', async () => {
      const { logger, lines } = capturingLogger();
      const unconfigured = worker.service({ url: undefined, secret: undefined, allowPrivate: false }, { queue: 'recorded', logger });
      assert.equal(lines.filter((l) => l.level === 40 && /No webhook URL is configured/.test(l.msg)).length, 1, 'one warning at start-up');
      const sessionId = `ses_${'d'.repeat(32)}`;
      await unconfigured.emit('request.created', { sessionId, requestId: 'req_1' }, { sessionId, dedupeKey: `request.created:req_1:${database.name}` });
      const [delivery] = (await unconfigured.listDeliveries({ sessionId })).deliveries;
      assert.equal(delivery!.status, 'failed');
      assert.equal(delivery!.url, null);
      assert.equal(delivery!.attemptCount, 0);
      assert.match(delivery!.lastError ?? '', /no webhook URL was configured \(CANDID_WEBHOOK_URL\)/);
      await assert.rejects(unconfigured.replay(delivery!.id), (e: unknown) => e instanceof CandidError && e.code === 'WEBHOOK_NOT_CONFIGURED' && e.status === 409);
      // Once a URL is configured, the same delivery replays (the same event id).
      const replay = await idle.webhooks.replay(delivery!.id);
      assert.equal(replay.eventId, delivery!.eventId);
      assert.equal(replay.status, 'pending');
      assert.equal(replay.url, receiver.url);
      assert.equal(lines.filter((l) => l.level === 40).length, 1, 'still one warning');
    });
  });
}
});
