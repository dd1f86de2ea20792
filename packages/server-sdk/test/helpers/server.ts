import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { pino } from 'pino';
import { type Candid, createCandid } from '../../src/index.js';
import type { CandidOptions } from '../../src/config.js';
import { type TestDatabase, pglite } from './databases.js';

export const API_KEY = 'test-api-key-0123456789-abcdefghijklmnop';

export interface TestServer {
  candid: Candid;
  /** Where the router is mounted, e.g. http://127.0.0.1:PORT/candid */
  endpoint: string;
  secret: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * One Candid instance on given data (PGlite in `dataDir`, or a Postgres schema), mounted at
 * `/candid` on a loopback port. Closing it keeps the data: the next instance started on the same
 * data sees what this one left (a restart, a crash).
 */
export async function startInstance(dataDir: string, secret: string, db: { databaseUrl?: string; databaseSchema?: string }, overrides: Partial<CandidOptions> = {}) {
  const candid = createCandid({ dataDir, secret, apiKeys: [API_KEY], ...db, ...overrides }, { logger: pino({ level: process.env.CANDID_TEST_LOG_LEVEL ?? 'silent' }) });
  await candid.start();
  const app = express();
  app.use('/candid', candid.router);
  const server = app.listen(0, '127.0.0.1');
  // Longer than any client pool keeps an idle socket (undici: 4 s): with Node's 5 s default a busy
  // machine can let the server close a socket just as fetch reuses it (ECONNRESET), as `candid serve` avoids too.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    candid,
    endpoint: `http://127.0.0.1:${port}/candid`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await candid.close();
    },
  };
}

/** A real Candid server on a loopback port with a fresh data directory, deleted on close. */
export async function startTestServer(overrides: Partial<CandidOptions> = {}, database: TestDatabase = pglite): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-test-'));
  const secret = randomBytes(32).toString('hex');
  const dbOptions = database.options();
  const instance = await startInstance(dataDir, secret, dbOptions, overrides);
  return {
    candid: instance.candid,
    endpoint: instance.endpoint,
    secret: overrides.secret ?? secret,
    dataDir,
    async close() {
      await instance.close();
      await database.cleanup(dbOptions);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const QUESTIONS = [
  { id: 'q1', prompt: 'Tell us about a project you are proud of.', thinkSeconds: 5, answerSeconds: 60, maxRetakes: 1 },
  { id: 'q2', prompt: 'Why this role?', thinkSeconds: 5, answerSeconds: 60, maxRetakes: 0 },
];

export async function api(endpoint: string, method: string, route: string, body?: unknown, auth: string | null = API_KEY) {
  const response = await fetch(`${endpoint}${route}`, {
    method,
    headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}

/** Interview + session + consent: a candidate token ready to upload. */
export async function consentedSession(server: TestServer, opts: { consent?: boolean } = {}) {
  const interview = await api(server.endpoint, 'POST', '/v1/interviews', { title: 'Backend engineer', questions: QUESTIONS });
  const session = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: `c-${randomBytes(4).toString('hex')}` } });
  const token: string = session.json.token;
  if (opts.consent !== false) {
    const consent = await api(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: null, choices: { recording: true, aiEvaluation: false, productImprovement: false }, ageConfirmed: true }, token);
    if (consent.status !== 201) throw new Error(`consent failed: ${JSON.stringify(consent.json)}`);
  }
  return { interviewId: interview.json.id as string, sessionId: session.json.sessionId as string, token };
}

/** The stable `error.code` of an error response body. */
export const codeOf = (body: string): string => JSON.parse(body).error.code as string;
