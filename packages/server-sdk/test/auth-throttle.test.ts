import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { createCandid, optionsFromEnv } from '../src/index.js';
import { testDatabases } from './helpers/databases.js';
import { startServeProcess } from './helpers/serve-process.js';
import { API_KEY, type TestServer, consentedSession, startInstance, startTestServer } from './helpers/server.js';

/**
 * Class 1 of the attack run: failed authentication was never throttled (300 wrong API keys in
 * 1.2 s, never a 429) and `CANDID_API_KEYS=k1` started silently. Failures are now throttled per
 * client address (429 AUTH_THROTTLED with Retry-After), without locking out other addresses or
 * slowing successful requests, and keys shorter than 32 characters are refused outside development.
 *
 * Loopback has a whole /8: requests bound to 127.0.0.x are different client addresses.
 */

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function call(endpoint: string, method: string, route: string, opts: { from: string; auth?: string; headers?: Record<string, string> }): Promise<Reply> {
  const url = new URL(`${endpoint}${route}`);
  const headers: Record<string, string> = { ...(opts.auth ? { authorization: `Bearer ${opts.auth}` } : {}), ...opts.headers };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress: opts.from, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = text;
        }
        resolve({ status: res.statusCode!, headers: res.headers, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Failures are counted in fixed one-minute windows: a burst that straddles a boundary would get
 * two budgets. Start each burst at least 12 s before the next minute.
 */
async function awayFromMinuteBoundary(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 48_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 200));
}

const wrongKey = () => `wrong-${randomBytes(24).toString('base64url')}`;

/** 300 wrong API keys, 30 at a time (the attack sent 300 in 1.2 s). */
async function floodWrongKeys(endpoint: string, from: string): Promise<Reply[]> {
  const replies: Reply[] = [];
  for (let batch = 0; batch < 10; batch++) {
    replies.push(...(await Promise.all(Array.from({ length: 30 }, () => call(endpoint, 'GET', '/v1/sessions?interviewId=int_x', { from, auth: wrongKey() })))));
  }
  return replies;
}

function assertThrottled(reply: Reply, label: string): void {
  assert.equal(reply.status, 429, `${label}: ${JSON.stringify(reply.json)}`);
  assert.equal(reply.json.error.code, 'AUTH_THROTTLED', label);
  const retryAfter = Number(reply.headers['retry-after']);
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 120, `${label}: Retry-After ${reply.headers['retry-after']}`);
}

for (const database of testDatabases) {
  describe(`failed authentication is throttled per client address [${database.name}]`, () => {
    let server: TestServer;
    let candidate: { sessionId: string; token: string };
    before(async () => {
      server = await startTestServer({ workers: false }, database);
      candidate = await consentedSession(server);
    });
    after(() => server.close());

    it('300 wrong API keys: at most 20 get 401, then 429 AUTH_THROTTLED with Retry-After, even for the right key; other addresses are unaffected', async () => {
      await awayFromMinuteBoundary();
      const replies = await floodWrongKeys(server.endpoint, '127.0.0.11');
      const refused = replies.filter((r) => r.status === 401);
      const throttled = replies.filter((r) => r.status === 429);
      assert.equal(refused.length + throttled.length, 300, JSON.stringify(replies.map((r) => r.status)));
      assert.ok(refused.length <= 20, `${refused.length} answered 401`);
      for (const r of refused) assert.equal(r.json.error.code, 'API_KEY_INVALID');
      for (const r of throttled) assertThrottled(r, 'flood');

      // A blocked address learns nothing: the right key is refused too, before it is compared.
      assertThrottled(await call(server.endpoint, 'GET', `/v1/sessions/${candidate.sessionId}`, { from: '127.0.0.11', auth: API_KEY }), 'right key from the blocked address');

      // Legitimate callers elsewhere: not locked out, not slowed (no 429 in 100 quick calls).
      const elsewhere = await Promise.all(Array.from({ length: 100 }, () => call(server.endpoint, 'GET', `/v1/sessions/${candidate.sessionId}`, { from: '127.0.0.12', auth: API_KEY })));
      assert.deepEqual([...new Set(elsewhere.map((r) => r.status))], [200]);
      // A missing key is not a guess: still 401 API_KEY_MISSING from a fresh address.
      const missing = await call(server.endpoint, 'GET', `/v1/sessions/${candidate.sessionId}`, { from: '127.0.0.13' });
      assert.equal(missing.json.error.code, 'API_KEY_MISSING');
    });

    it('invalid session tokens are throttled on candidate and tus routes; a valid token from the same address still works', async () => {
      const from = '127.0.0.21';
      const forged = () => `${candidate.token.slice(0, -4)}${randomBytes(3).toString('base64url').slice(0, 4)}`;
      const statuses: number[] = [];
      await awayFromMinuteBoundary();
      for (let i = 0; i < 40; i++) statuses.push((await call(server.endpoint, 'GET', '/v1/session', { from, auth: forged() })).status);
      assert.ok(statuses.filter((s) => s === 401).length <= 20, statuses.join(','));
      assert.equal(statuses.at(-1), 429);
      assertThrottled(await call(server.endpoint, 'POST', '/v1/uploads', { from, auth: forged(), headers: { 'tus-resumable': '1.0.0', 'upload-defer-length': '1' } }), 'tus creation');
      assertThrottled(await call(server.endpoint, 'POST', '/v1/session/probe', { from, auth: 'not-a-token' }), 'probe');
      // Tokens cannot be guessed: a candidate behind the same address (carrier-grade NAT) is not locked out.
      const valid = await call(server.endpoint, 'GET', '/v1/session', { from, auth: candidate.token });
      assert.equal(valid.status, 200, JSON.stringify(valid.json));
    });

    if (database.name === 'postgres') {
      it('the count is shared by every instance on the database', async () => {
        const shared = await startInstance(server.dataDir, server.secret, { databaseUrl: (server.candid.options as { databaseUrl?: string }).databaseUrl, databaseSchema: server.candid.options.databaseSchema }, { workers: false });
        try {
          const from = '127.0.0.31';
          const replies: Reply[] = [];
          await awayFromMinuteBoundary();
          for (let i = 0; i < 24; i++) replies.push(await call(i % 2 ? shared.endpoint : server.endpoint, 'GET', '/v1/interviews/int_x', { from, auth: wrongKey() }));
          assert.ok(replies.filter((r) => r.status === 401).length <= 21, replies.map((r) => r.status).join(','));
          // Each instance has seen the block by now (at most one more guess judged per instance).
          assertThrottled(await call(server.endpoint, 'GET', '/v1/interviews/int_x', { from, auth: API_KEY }), 'first instance');
          assertThrottled(await call(shared.endpoint, 'GET', '/v1/interviews/int_x', { from, auth: API_KEY }), 'second instance');
        } finally {
          await shared.close();
        }
      });
    }
  });
}

describe('API keys shorter than 32 characters are refused outside development', () => {
  const secret = randomBytes(32).toString('hex');
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-keys-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('createCandid throws a clear error that names the key by position, never by value', () => {
    const short = 'k1-short-secret-key';
    assert.throws(
      () => createCandid({ dataDir, secret, apiKeys: ['x'.repeat(40), short] }),
      (error: unknown) =>
        error instanceof TypeError &&
        /API key #2 of 2 .* is 19 characters long; API keys must be at least 32 characters/.test(error.message) &&
        /CANDID_DEVELOPMENT=1/.test(error.message) &&
        !error.message.includes(short),
    );
    assert.throws(() => createCandid({ dataDir, secret, apiKeys: ['k1'] }), /at least 32 characters/);
    // A key that could never be presented as a Bearer token is refused even in development.
    assert.throws(() => createCandid({ dataDir, secret, development: true, apiKeys: ['has a space inside it, 32+ chars long'] }), /whitespace or control characters/);
    assert.throws(() => createCandid({ dataDir, secret, apiKeys: 'k'.repeat(40) as unknown as string[] }), /must be an array of strings/);
    // 32 characters is enough; empty entries (a trailing comma) are dropped.
    assert.equal(createCandid({ dataDir, secret, apiKeys: ['k'.repeat(32), ' '] }).options.apiKeys.length, 1);
  });

  it('development: true accepts short keys, with a warning', () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const candid = createCandid({ dataDir, secret, development: true, apiKeys: ['k1'] }, { logger });
    assert.deepEqual(candid.options.apiKeys, ['k1']);
    assert.equal(candid.options.development, true);
    assert.match(lines.join(''), /Development mode.*1 API key\(s\) shorter than 32 characters accepted/);
    assert.equal(optionsFromEnv({ CANDID_DEVELOPMENT: '1' }).development, true);
    assert.equal(optionsFromEnv({ CANDID_DEVELOPMENT: 'yes' }).development, undefined);
  });

  it('numeric limits from the environment are validated (a typo is not a disabled limit)', () => {
    assert.throws(() => createCandid({ dataDir, secret, ...optionsFromEnv({ CANDID_AUTH_FAILURES_PER_MINUTE: 'twenty' }) }), /authFailuresPerMinute.*whole number/);
    assert.throws(() => createCandid({ dataDir, secret, ...optionsFromEnv({ CANDID_RATE_LIMIT_PER_MINUTE: 'abc' }) }), /rateLimitPerMinute.*whole number/);
    assert.throws(() => createCandid({ dataDir, secret, sessionTtlSeconds: 1e12 }), /sessionTtlSeconds.*whole number from 1 to 31622400/);
    assert.equal(createCandid({ dataDir, secret, ...optionsFromEnv({ CANDID_AUTH_FAILURES_PER_MINUTE: '5' }) }).options.authFailuresPerMinute, 5);
  });

  it('candid serve exits 1 with the reason for CANDID_API_KEYS=k1, and starts with CANDID_DEVELOPMENT=1', async () => {
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const env = { ...process.env, CANDID_DATA_DIR: dataDir, CANDID_SECRET: secret, CANDID_API_KEYS: 'k1', PORT: '0' };
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--host', '127.0.0.1'], { env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1, output);
    assert.match(output, /\[candid\] createCandid: API key #1 of 1 .* is 2 characters long; API keys must be at least 32 characters/);
    assert.doesNotMatch(output, /listening on/);

    const dev = await startServeProcess({ CANDID_DATA_DIR: dataDir, CANDID_SECRET: secret, CANDID_API_KEYS: 'k1', CANDID_DEVELOPMENT: '1', LOG_LEVEL: 'warn' });
    try {
      assert.match(dev.output(), /Development mode/);
      const res = await fetch(`${dev.endpoint}/v1/interviews/int_${'0'.repeat(32)}`, { headers: { authorization: 'Bearer k1' } });
      assert.equal(res.status, 404);
    } finally {
      await dev.stop();
    }
  });
});
