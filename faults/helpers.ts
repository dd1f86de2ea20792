// Shared pieces of the fault suite: a seeded PRNG, a tus client that survives cuts and outages
// (resuming from HEAD), and the checks every scenario ends with (sha256 of the stored media, exact
// record counts read back through the ATS API).
import { createHash, randomBytes } from 'node:crypto';
import { headUpload, patchAndCut } from '../packages/server-sdk/test/helpers/tus.js';

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed from `CANDID_FAULT_SEED` (to replay a failure) or a fresh one; always printed. */
export function seedFor(scenario: string): number {
  const seed = process.env.CANDID_FAULT_SEED ? Number(process.env.CANDID_FAULT_SEED) : randomBytes(4).readUInt32BE(0);
  console.log(`[faults] ${scenario}: seed ${seed} (replay with CANDID_FAULT_SEED=${seed})`);
  return seed;
}

/** A fake WebM: the EBML magic the server sniffs, then random bytes. */
export function fakeWebm(size: number, random: () => number = Math.random): Buffer {
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4) data.writeUInt32LE((random() * 0x100000000) >>> 0, Math.min(i, size - 4));
  Buffer.from([0x1a, 0x45, 0xdf, 0xa3]).copy(data, 0);
  return data;
}

export const API_KEY = 'fault-api-key-0123456789-abcdefghijklm';
export const SECRET = 'fault-secret-0123456789-0123456789-0123456789';

/** JSON over fetch; network errors are returned as status 0 so callers can retry through an outage. */
export async function call(endpoint: string, method: string, route: string, body?: unknown, auth: string = API_KEY) {
  try {
    const response = await fetch(`${endpoint}${route}`, {
      method,
      headers: { authorization: `Bearer ${auth}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: response.status, json };
  } catch (error) {
    return { status: 0, json: { error: String(error) } };
  }
}

/** Retries `fn` while it reports an outage (status 0 or 5xx), up to `timeoutMs`. */
export async function retrying<T extends { status: number }>(fn: () => Promise<T>, timeoutMs = 30_000, what = 'request'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await fn();
    if (result.status !== 0 && result.status < 500) return result;
    if (Date.now() > deadline) throw new Error(`${what}: still failing after ${timeoutMs} ms: ${JSON.stringify(result).slice(0, 500)}`);
    await sleep(200);
  }
}

export async function createInterview(endpoint: string, title = 'Fault suite') {
  const interview = await call(endpoint, 'POST', '/v1/interviews', { title, questions: [{ id: 'q1', prompt: 'Go', answerSeconds: 600, maxRetakes: 0 }] });
  if (interview.status !== 201) throw new Error(`interview: ${JSON.stringify(interview.json)}`);
  return interview.json.id as string;
}

/** A consented session on `interviewId`: its id and candidate token. */
export async function consentedSession(endpoint: string, interviewId: string, externalId: string) {
  const session = await call(endpoint, 'POST', '/v1/sessions', { interviewId, candidate: { externalId } });
  if (session.status !== 201) throw new Error(`session: ${JSON.stringify(session.json)}`);
  const token: string = session.json.token;
  const consent = await call(endpoint, 'POST', '/v1/session/consent', { noticeVersion: null, choices: { recording: true, aiEvaluation: false, productImprovement: false }, ageConfirmed: true }, token);
  if (consent.status !== 201) throw new Error(`consent: ${JSON.stringify(consent.json)}`);
  return { sessionId: session.json.sessionId as string, token };
}

export interface UploadStats {
  url: string;
  /** PATCH body bytes handed to the network, cut ones included. */
  bytesSent: number;
  cuts: number;
  /** Requests that failed for another reason (server down, 5xx) and were resumed. */
  failures: number;
  /** Times the server answered 404 for the upload and it was started again from byte 0. */
  recreated: number;
}

const encodeMetadata = (meta: Record<string, string>) => Object.entries(meta).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',');

/**
 * Uploads `data` as the widget does (deferred length, `chunk`-sized PATCHes, length on the last one),
 * surviving every failure by asking the server where it stands (HEAD) and going on from there.
 * `cut()` decides, per PATCH, whether to send only part of it and drop the connection (returns the
 * number of bytes to send) or send it whole (null). `beforePatch` lets a scenario inject an outage.
 */
export async function resilientUpload(
  endpoint: string,
  token: string,
  data: Buffer,
  options: {
    chunk: number;
    cut?: (chunkBytes: number) => number | null;
    beforePatch?: (offset: number) => Promise<void>;
    timeoutMs?: number;
    /** Do what the widget does on 404 (re-create, re-send all) instead of failing. */
    recreateWhenGone?: boolean;
  },
): Promise<UploadStats> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const create = async () => {
    const created = await retrying(async () => {
      try {
        const response = await fetch(`${endpoint}/v1/uploads`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0', 'upload-defer-length': '1', 'upload-metadata': encodeMetadata({ questionId: 'q1', attempt: '1', track: 'video', mimeType: 'video/webm' }) },
        });
        return { status: response.status, location: response.headers.get('location'), body: await response.text() };
      } catch (error) {
        return { status: 0, location: null, body: String(error) };
      }
    }, Math.max(1000, deadline - Date.now()), 'create upload');
    if (created.status !== 201 || !created.location) throw new Error(`create upload: ${created.status} ${created.body}`);
    return new URL(created.location, `${endpoint}/v1/uploads`).href;
  };
  const stats: UploadStats = { url: await create(), bytesSent: 0, cuts: 0, failures: 0, recreated: 0 };
  let offset = 0;
  let lengthDeclared = false;

  /** The server lost the upload (404), as the widget sees it: start a new one and send every byte again. */
  const gone = async (why: string) => {
    if (!options.recreateWhenGone) throw new Error(`${stats.url}: ${why}`);
    stats.recreated++;
    stats.url = await create();
    offset = 0;
    lengthDeclared = false;
  };
  const resync = async () => {
    const head = await retrying(async () => headUpload(stats.url, token).catch(() => ({ status: 0, offset: 0, length: null, deferred: null })), Math.max(1000, deadline - Date.now()), `HEAD ${stats.url}`);
    if (head.status === 404) return gone('HEAD 404');
    if (head.status !== 200) throw new Error(`HEAD ${stats.url}: ${head.status}`);
    offset = head.offset;
    lengthDeclared = head.length !== null;
  };

  while (offset < data.length || !lengthDeclared) {
    if (Date.now() > deadline) throw new Error(`upload ${stats.url} did not finish in ${timeoutMs} ms (offset ${offset}/${data.length})`);
    await options.beforePatch?.(offset);
    const body = data.subarray(offset, offset + options.chunk);
    const last = offset + body.length >= data.length;
    const partial = options.cut?.(body.length) ?? null;
    if (partial !== null) {
      stats.cuts++;
      stats.bytesSent += partial;
      await patchAndCut(stats.url, token, offset, body, partial);
      await resync();
      continue;
    }
    stats.bytesSent += body.length;
    const result = await fetch(stats.url, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'tus-resumable': '1.0.0',
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
        ...(last && !lengthDeclared ? { 'upload-length': String(data.length) } : {}),
      },
      body,
    })
      .then(async (r) => ({ status: r.status, offset: Number(r.headers.get('upload-offset')), body: await r.text() }))
      .catch((error) => ({ status: 0, offset: 0, body: String(error) }));
    if (result.status === 204) {
      offset = result.offset;
      if (last) lengthDeclared = true;
      continue;
    }
    if (result.status === 404) {
      await gone(`PATCH 404 ${result.body}`);
      continue;
    }
    // 409 (offset conflict after an earlier cut) is the protocol telling us to HEAD; so is an outage.
    if (result.status !== 0 && result.status !== 409 && result.status < 500) throw new Error(`PATCH ${stats.url} at ${offset}: ${result.status} ${result.body}`);
    stats.failures++;
    await sleep(100);
    await resync();
  }
  return stats;
}

/** Commits the take (retrying through outages: a commit is idempotent per attempt). */
export async function commitAnswer(endpoint: string, token: string, timeoutMs = 30_000) {
  const commit = await retrying(() => call(endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1, durationMs: 1000 }, token), timeoutMs, 'commit');
  if (commit.status !== 200) throw new Error(`commit: ${commit.status} ${JSON.stringify(commit.json)}`);
  return commit.json.answer as { id: string; media: Array<{ uploadId: string; sha256: string; sizeBytes: number }> };
}

export async function downloadSha256(endpoint: string, sessionId: string, answerId: string): Promise<string> {
  const response = await fetch(`${endpoint}/v1/sessions/${sessionId}/media/${answerId}?track=video`, { headers: { authorization: `Bearer ${API_KEY}` } });
  if (response.status !== 200) throw new Error(`download ${sessionId}/${answerId}: ${response.status}`);
  return sha256(Buffer.from(await response.arrayBuffer()));
}

export interface RecordCounts {
  sessions: number;
  answers: number;
  media: number;
  /** Media whose downloaded bytes hash to what was uploaded for that session. */
  identical: number;
  /** Sessions with more than one answer, or answers with more than one media row. */
  duplicated: number;
}

/**
 * Reads every session of the interview back through the ATS API and checks each one's single answer:
 * the media's recorded sha256 and the downloaded bytes' sha256 must both equal `expected[sessionId]`.
 */
export async function verifyRecords(endpoint: string, interviewId: string, expected: Map<string, string>): Promise<RecordCounts> {
  const counts: RecordCounts = { sessions: 0, answers: 0, media: 0, identical: 0, duplicated: 0 };
  let cursor: string | null = null;
  do {
    const page = await call(endpoint, 'GET', `/v1/sessions?interviewId=${interviewId}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (page.status !== 200) throw new Error(`list sessions: ${JSON.stringify(page.json)}`);
    for (const session of page.json.sessions as Array<{ id: string; answers: Array<{ id: string; media: Array<{ sha256: string }> }> }>) {
      counts.sessions++;
      counts.answers += session.answers.length;
      if (session.answers.length > 1) counts.duplicated++;
      for (const answer of session.answers) {
        counts.media += answer.media.length;
        if (answer.media.length > 1) counts.duplicated++;
        const want = expected.get(session.id);
        if (answer.media[0]?.sha256 === want && (await downloadSha256(endpoint, session.id, answer.id)) === want) counts.identical++;
      }
    }
    cursor = page.json.nextCursor;
  } while (cursor);
  return counts;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!, i);
      }
    }),
  );
  return results;
}
