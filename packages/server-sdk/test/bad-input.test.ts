import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { type ErrorCode, ErrorCodes } from '../src/errors.js';
import { testDatabases } from './helpers/databases.js';
import { API_KEY, QUESTIONS, type TestServer, api, startTestServer } from './helpers/server.js';
import { fakeWebm } from './helpers/media-fixtures.js';

/**
 * Bad input, table-driven: each case gets an exact status and error code, every error body must be
 * JSON `{ error: { code, message } }` (tus errors included), and after each case the stored data
 * must be exactly as before (sessions, interview, upload offsets and bytes, committed media).
 */

const UPLOAD_BYTES_PER_SECOND = 1;
/** The per-answer cap with `uploadBytesPerSecond: 1`: (answer seconds + ten 60 s extensions) × 1 + 5,000,000. */
const CAP = (QUESTIONS[1]!.answerSeconds + 10 * 60) * UPLOAD_BYTES_PER_SECOND + 5_000_000;
const ZEROS = '0'.repeat(32);
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const b64 = (text: string) => Buffer.from(text).toString('base64');
const metadata = (meta: Record<string, string>) => Object.entries(meta).map(([k, v]) => `${k} ${b64(v)}`).join(',');
const videoMeta = (questionId: string, extra: Record<string, string> = {}) => metadata({ questionId, attempt: '1', track: 'video', mimeType: 'video/webm;codecs=vp8,opus', ...extra });

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

interface SendOptions {
  /** A session token or API key for `Authorization: Bearer …`. */
  auth?: string | null;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Announce this Content-Length but send only `body`: the server must answer before the rest. */
  announceLength?: number;
}

/** One request over node:http: paths go out byte for byte (no `..` normalisation), any header allowed. */
function send(server: TestServer, method: string, route: string, opts: SendOptions = {}): Promise<Reply> {
  const endpoint = new URL(server.endpoint);
  const headers: Record<string, string> = { ...(opts.auth ? { authorization: `Bearer ${opts.auth}` } : {}), ...opts.headers };
  if (opts.announceLength !== undefined) headers['content-length'] = String(opts.announceLength);
  else if (opts.body !== undefined) headers['content-length'] = String(Buffer.byteLength(opts.body));
  return new Promise((resolve, reject) => {
    const req = http.request({ host: endpoint.hostname, port: endpoint.port, path: endpoint.pathname + route, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
        req.destroy();
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (opts.announceLength !== undefined) {
      if (opts.body) req.write(opts.body);
      req.flushHeaders();
    } else {
      req.end(opts.body);
    }
  });
}

interface Upload {
  id: string;
  route: string;
  /** The owner's token. */
  token: string;
}

interface Fixture {
  server: TestServer;
  interviewId: string;
  main: { sessionId: string; token: string };
  other: { sessionId: string; token: string };
  /** main's committed answer to q1 (its video is `uploads.committed`). */
  answerId: string;
  uploads: {
    committed: Upload;
    /** q2, deferred length, 1000 bytes. */
    partial: Upload;
    /** q2, Upload-Length 2000, 1000 bytes. */
    fixed: Upload;
    /** q2, deferred length, nothing yet. */
    empty: Upload;
    /** The other session's upload, 1000 bytes. */
    foreign: Upload;
  };
}

type UploadName = keyof Fixture['uploads'];

const tus = (extra: Record<string, string> = {}) => ({ 'tus-resumable': '1.0.0', ...extra });
const patchHeaders = (offset: number | string, extra: Record<string, string> = {}) => tus({ 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', ...extra });

async function createUploadAt(server: TestServer, token: string, headers: Record<string, string>): Promise<Upload> {
  const res = await send(server, 'POST', '/v1/uploads', { auth: token, headers: tus(headers) });
  assert.equal(res.status, 201, `fixture upload: ${res.text}`);
  const id = res.headers.location!.split('/').pop()!;
  return { id, route: `/v1/uploads/${id}`, token };
}

async function patch(server: TestServer, upload: Upload, offset: number, body: Buffer, extra: Record<string, string> = {}) {
  const res = await send(server, 'PATCH', upload.route, { auth: upload.token, headers: patchHeaders(offset, extra), body });
  assert.equal(res.status, 204, `fixture patch: ${res.text}`);
}

async function setUp(server: TestServer): Promise<Fixture> {
  const questions = [...QUESTIONS, { id: 'q3', prompt: 'Anything else?', thinkSeconds: 5, answerSeconds: 60, maxRetakes: 0 }];
  const interview = await api(server.endpoint, 'POST', '/v1/interviews', { title: 'Bad input', questions });
  assert.equal(interview.status, 201);
  const session = async () => {
    const created = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: `c-${randomBytes(4).toString('hex')}` } });
    assert.equal(created.status, 201);
    const consent = await api(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: null, choices: { recording: true, aiEvaluation: false }, ageConfirmed: true }, created.json.token);
    assert.equal(consent.status, 201);
    return { sessionId: created.json.sessionId as string, token: created.json.token as string };
  };
  const main = await session();
  const other = await session();

  const committed = await createUploadAt(server, main.token, { 'upload-defer-length': '1', 'upload-metadata': videoMeta('q1') });
  await patch(server, committed, 0, fakeWebm(2000), { 'upload-length': '2000' });
  const commit = await api(server.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1, durationMs: 2000 }, main.token);
  assert.equal(commit.status, 200);

  const partial = await createUploadAt(server, main.token, { 'upload-defer-length': '1', 'upload-metadata': videoMeta('q2') });
  await patch(server, partial, 0, fakeWebm(1000));
  const fixed = await createUploadAt(server, main.token, { 'upload-length': '2000', 'upload-metadata': videoMeta('q2') });
  await patch(server, fixed, 0, fakeWebm(1000));
  const empty = await createUploadAt(server, main.token, { 'upload-defer-length': '1', 'upload-metadata': videoMeta('q2') });
  const foreign = await createUploadAt(server, other.token, { 'upload-defer-length': '1', 'upload-metadata': videoMeta('q1') });
  await patch(server, foreign, 0, fakeWebm(1000));

  return { server, interviewId: interview.json.id, main, other, answerId: commit.json.answer.id, uploads: { committed, partial, fixed, empty, foreign } };
}

/** Everything a bad request must not change, as seen through the API (plus the upload files' bytes). */
async function snapshot(f: Fixture): Promise<Record<string, unknown>> {
  const ats = async (route: string) => {
    const res = await api(f.server.endpoint, 'GET', route);
    return { status: res.status, json: res.json };
  };
  const snap: Record<string, unknown> = {
    [`GET /v1/sessions/${f.main.sessionId}`]: await ats(`/v1/sessions/${f.main.sessionId}`),
    [`GET /v1/sessions/${f.other.sessionId}`]: await ats(`/v1/sessions/${f.other.sessionId}`),
    'sessions of the interview': await ats(`/v1/sessions?interviewId=${f.interviewId}&limit=200`),
    interview: await ats(`/v1/interviews/${f.interviewId}`),
  };
  for (const [name, upload] of Object.entries(f.uploads)) {
    const head = await send(f.server, 'HEAD', upload.route, { auth: upload.token, headers: tus() });
    const bytes = await readFile(path.join(f.server.dataDir, 'media', upload.id)).catch(() => null);
    snap[`upload ${name}`] = {
      status: head.status,
      offset: head.headers['upload-offset'],
      length: head.headers['upload-length'],
      deferred: head.headers['upload-defer-length'],
      sha256: bytes ? sha256(bytes) : 'missing',
    };
  }
  const media = await fetch(`${f.server.endpoint}/v1/sessions/${f.main.sessionId}/media/${f.answerId}`, { headers: { authorization: `Bearer ${API_KEY}` } });
  snap['committed media'] = { status: media.status, sha256: sha256(Buffer.from(await media.arrayBuffer())) };
  return snap;
}

/** The leaves that differ between two JSON values, as `path: before → after` lines. */
function differences(before: unknown, after: unknown, at: string, out: string[] = []): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (isObject(before) && isObject(after) && Array.isArray(before) === Array.isArray(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) differences(before[key], after[key], `${at}/${key}`, out);
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v).slice(0, 160));
    out.push(`stored data changed: ${at}: ${show(before)} → ${show(after)}`);
  }
  return out;
}

function changes(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(before).flatMap((key) => differences(before[key], after[key], key)).slice(0, 8);
}

async function currentOffset(f: Fixture, name: UploadName): Promise<number> {
  const upload = f.uploads[name];
  const head = await send(f.server, 'HEAD', upload.route, { auth: upload.token, headers: tus() });
  return Number(head.headers['upload-offset']);
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function signToken(secret: string, sub: string, opts: { alg?: 'HS256' | 'HS512'; exp?: number; aud?: string } = {}): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: opts.alg ?? 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setAudience(opts.aud ?? 'candid-widget')
    .setIssuer('candid')
    .setIssuedAt(nowSeconds() - 60)
    .setExpirationTime(opts.exp ?? nowSeconds() + 3600)
    .sign(new TextEncoder().encode(secret));
}

const tokens = {
  expired: (f: Fixture) => signToken(f.server.secret, f.main.sessionId, { exp: nowSeconds() - 30 }),
  forged: (f: Fixture) => signToken(randomBytes(32).toString('hex'), f.main.sessionId),
  /** `alg: none`, no signature: must never be accepted. */
  unsigned: async (f: Fixture) =>
    `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: f.main.sessionId, aud: 'candid-widget', iss: 'candid', iat: nowSeconds(), exp: nowSeconds() + 3600 })}.`,
  hs512: (f: Fixture) => signToken(f.server.secret, f.main.sessionId, { alg: 'HS512' }),
  wrongAudience: (f: Fixture) => signToken(f.server.secret, f.main.sessionId, { aud: 'someone-else' }),
  unknownSession: (f: Fixture) => signToken(f.server.secret, `ses_${ZEROS}`),
};

// ---------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------

interface Case {
  name: string;
  send(f: Fixture): Promise<Reply>;
  status: number;
  code: ErrorCode;
  /** A path that must be listed in `error.issues` (VALIDATION_FAILED). */
  issue?: string;
  /** HEAD: status only, there is no body to check. */
  head?: boolean;
}

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const ats = (method: string, route: string, body?: unknown) => (f: Fixture) => send(f.server, method, route, { auth: API_KEY, ...(body === undefined ? {} : json(body)) });
const candidate = (method: string, route: string, body?: unknown) => (f: Fixture) => send(f.server, method, route, { auth: f.main.token, ...(body === undefined ? {} : json(body)) });

const goodInterview = { title: 'T', questions: [{ id: 'q1', prompt: 'P' }] };
const goodConsent = { noticeVersion: null, choices: { recording: true, aiEvaluation: false }, ageConfirmed: true };
const goodSession = (f: Fixture) => ({ interviewId: f.interviewId, candidate: { externalId: 'c-new' } });
const huge = 'x'.repeat(300 * 1024);

const validation = (name: string, run: (f: Fixture) => Promise<Reply>, issue: string): Case => ({ name, send: run, status: 400, code: 'VALIDATION_FAILED', issue });

const bodyCases: Case[] = [
  { name: 'malformed JSON on POST /v1/interviews', send: ats('POST', '/v1/interviews', '{"title":'), status: 400, code: 'BAD_REQUEST' },
  { name: 'malformed JSON on POST /v1/sessions', send: ats('POST', '/v1/sessions', '{"interviewId": int_1}'), status: 400, code: 'BAD_REQUEST' },
  { name: 'malformed JSON on POST /v1/session/consent', send: candidate('POST', '/v1/session/consent', '{"choices":{'), status: 400, code: 'BAD_REQUEST' },
  { name: 'malformed JSON on POST /v1/session/answers/q2', send: candidate('POST', '/v1/session/answers/q2', "{'attempt':1}"), status: 400, code: 'BAD_REQUEST' },
  { name: 'a bare JSON string as the interview body', send: ats('POST', '/v1/interviews', '"interview"'), status: 400, code: 'BAD_REQUEST' },
  validation('a JSON array as the session body', ats('POST', '/v1/sessions', '[]'), ''),

  validation('unknown top-level field in an interview', ats('POST', '/v1/interviews', { ...goodInterview, owner: 'x' }), 'owner'),
  validation('misspelt question field (thinkSecond)', ats('POST', '/v1/interviews', { title: 'T', questions: [{ id: 'q1', prompt: 'P', thinkSecond: 3 }] }), 'questions/0/thinkSecond'),
  validation('unknown competency field', ats('POST', '/v1/interviews', { title: 'T', questions: [{ id: 'q1', prompt: 'P', competencies: [{ id: 'c', description: 'd', weight: 2 }] }] }), 'questions/0/competencies/0/weight'),
  validation('unknown notice field', ats('POST', '/v1/interviews', { ...goodInterview, notice: { version: '1', markdown: 'm', html: '<b>' } }), 'notice/html'),
  validation('unknown retention field', ats('POST', '/v1/interviews', { ...goodInterview, retention: { videoDays: 3 } }), 'retention/videoDays'),
  validation('unknown practice question field', ats('POST', '/v1/interviews', { ...goodInterview, practiceQuestion: { prompt: 'p', maxRetakes: 2 } }), 'practiceQuestion/maxRetakes'),
  validation('unknown employer field', ats('POST', '/v1/interviews', { ...goodInterview, employer: { name: 'N', website: 'https://n.example' } }), 'employer/website'),
  validation('unknown top-level field in a session', (f) => ats('POST', '/v1/sessions', { ...goodSession(f), role: 'admin' })(f), 'role'),
  validation('misspelt candidate field (nmae)', (f) => ats('POST', '/v1/sessions', { interviewId: f.interviewId, candidate: { externalId: 'c', nmae: 'Ada' } })(f), 'candidate/nmae'),
  validation('unknown accommodation', (f) => ats('POST', '/v1/sessions', { ...goodSession(f), accommodations: { extraTime: 2 } })(f), 'accommodations/extraTime'),
  validation('unknown top-level field in a consent', candidate('POST', '/v1/session/consent', { ...goodConsent, marketing: true }), 'marketing'),
  validation('unknown consent choice', candidate('POST', '/v1/session/consent', { ...goodConsent, choices: { recording: true, aiEvaluation: false, marketing: true } }), 'choices/marketing'),
  validation('unknown field in an answer commit', candidate('POST', '/v1/session/answers/q2', { attempt: 1, track: 'video' }), 'track'),
  validation('unknown speech segment field', candidate('POST', '/v1/session/answers/q2', { attempt: 1, speechSegments: [{ startMs: 0, endMs: 5, confidence: 0.9 }] }), 'speechSegments/0/confidence'),

  validation('interview title is a number', ats('POST', '/v1/interviews', { ...goodInterview, title: 42 }), 'title'),
  // Found by the fuzz run (faults/fuzz.test.ts): both used to reach the database and answer 500.
  validation('interview title with a NUL character', ats('POST', '/v1/interviews', { ...goodInterview, title: 'a\u0000b' }), 'title'),
  validation('question prompt with an unpaired surrogate', ats('POST', '/v1/interviews', { title: 'T', questions: [{ id: 'q1', prompt: 'a\ud800' }] }), 'questions/0/prompt'),
  validation('interview title is only spaces', ats('POST', '/v1/interviews', { ...goodInterview, title: '   ' }), 'title'),
  validation('interview questions is a string', ats('POST', '/v1/interviews', { title: 'T', questions: 'q1' }), 'questions'),
  validation('thinkSeconds is a numeric string', ats('POST', '/v1/interviews', { title: 'T', questions: [{ id: 'q1', prompt: 'P', thinkSeconds: '30' }] }), 'questions/0/thinkSeconds'),
  validation('maxRetakes is fractional', ats('POST', '/v1/interviews', { title: 'T', questions: [{ id: 'q1', prompt: 'P', maxRetakes: 1.5 }] }), 'questions/0/maxRetakes'),
  validation('question id with a slash', ats('POST', '/v1/interviews', { title: 'T', questions: [{ id: '../q1', prompt: 'P' }] }), 'questions/0/id'),
  validation('notice is a string', ats('POST', '/v1/interviews', { ...goodInterview, notice: 'v1' }), 'notice'),
  validation('retention is null', ats('POST', '/v1/interviews', { ...goodInterview, retention: null }), 'retention'),
  validation('employer is a string', ats('POST', '/v1/interviews', { ...goodInterview, employer: 'Northwind' }), 'employer'),
  validation('employer without a name', ats('POST', '/v1/interviews', { ...goodInterview, employer: { privacyUrl: 'https://n.example/privacy' } }), 'employer/name'),
  validation('employer logoUrl is relative', ats('POST', '/v1/interviews', { ...goodInterview, employer: { name: 'N', logoUrl: '/logo.svg' } }), 'employer/logoUrl'),
  validation('employer privacyUrl is javascript:', ats('POST', '/v1/interviews', { ...goodInterview, employer: { name: 'N', privacyUrl: 'javascript:alert(1)' } }), 'employer/privacyUrl'),
  validation('employer contactEmail without a domain', ats('POST', '/v1/interviews', { ...goodInterview, employer: { name: 'N', contactEmail: 'jobs@' } }), 'employer/contactEmail'),
  validation('session interviewId is a number', ats('POST', '/v1/sessions', { interviewId: 123, candidate: { externalId: 'c' } }), 'interviewId'),
  validation('session candidate is a string', (f) => ats('POST', '/v1/sessions', { interviewId: f.interviewId, candidate: 'c-1' })(f), 'candidate'),
  validation('timeMultiplier is a string', (f) => ats('POST', '/v1/sessions', { ...goodSession(f), accommodations: { timeMultiplier: '2' } })(f), 'accommodations/timeMultiplier'),
  validation('expiresAt in the past', (f) => ats('POST', '/v1/sessions', { ...goodSession(f), expiresAt: '2001-01-01T00:00:00Z' })(f), 'expiresAt'),
  validation('consent recording is "yes"', candidate('POST', '/v1/session/consent', { ...goodConsent, choices: { recording: 'yes', aiEvaluation: false } }), 'choices/recording'),
  validation('consent ageConfirmed is 1', candidate('POST', '/v1/session/consent', { ...goodConsent, ageConfirmed: 1 }), 'ageConfirmed'),
  validation('consent noticeVersion is a number', candidate('POST', '/v1/session/consent', { ...goodConsent, noticeVersion: 5 }), 'noticeVersion'),
  validation('answer attempt is a string', candidate('POST', '/v1/session/answers/q2', { attempt: '1' }), 'attempt'),
  validation('answer durationMs is negative', candidate('POST', '/v1/session/answers/q2', { attempt: 1, durationMs: -1 }), 'durationMs'),
  validation('speech segment ends before it starts', candidate('POST', '/v1/session/answers/q2', { attempt: 1, speechSegments: [{ startMs: 900, endMs: 10 }] }), 'speechSegments/0/endMs'),
  validation('listing limit=abc', (f) => ats('GET', `/v1/sessions?interviewId=${f.interviewId}&limit=abc`)(f), 'limit'),
  validation('listing status=bogus', (f) => ats('GET', `/v1/sessions?interviewId=${f.interviewId}&status=bogus`)(f), 'status'),
  validation('listing cursor=garbage', (f) => ats('GET', `/v1/sessions?interviewId=${f.interviewId}&cursor=garbage`)(f), 'cursor'),
  validation('listing without interviewId', ats('GET', '/v1/sessions'), 'interviewId'),
  { name: 'media track=subtitles', send: (f) => ats('GET', `/v1/sessions/${f.main.sessionId}/media/${f.answerId}?track=subtitles`)(f), status: 400, code: 'VALIDATION_FAILED' },

  { name: 'interview body over 256 kB', send: ats('POST', '/v1/interviews', { title: huge, questions: QUESTIONS }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'session body over 256 kB', send: (f) => ats('POST', '/v1/sessions', { ...goodSession(f), candidate: { externalId: huge } })(f), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'consent body over 256 kB', send: candidate('POST', '/v1/session/consent', { ...goodConsent, noticeVersion: huge }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  {
    name: 'answer commit body over 256 kB',
    send: candidate('POST', '/v1/session/answers/q2', { attempt: 1, speechSegments: Array.from({ length: 12_000 }, (_, i) => ({ startMs: i, endMs: i + 1 })) }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },

  {
    name: 'interview JSON sent as text/plain',
    send: (f) => send(f.server, 'POST', '/v1/interviews', { auth: API_KEY, headers: { 'content-type': 'text/plain' }, body: JSON.stringify(goodInterview) }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'session sent as a form (application/x-www-form-urlencoded)',
    send: (f) => send(f.server, 'POST', '/v1/sessions', { auth: API_KEY, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `interviewId=${f.interviewId}&candidate[externalId]=c` }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'consent JSON sent as text/plain',
    send: (f) => send(f.server, 'POST', '/v1/session/consent', { auth: f.main.token, headers: { 'content-type': 'text/plain' }, body: JSON.stringify(goodConsent) }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'JSON in an unsupported charset',
    send: (f) => send(f.server, 'POST', '/v1/interviews', { auth: API_KEY, headers: { 'content-type': 'application/json; charset=latin-9' }, body: JSON.stringify(goodInterview) }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
];

const tusPost = (headers: Record<string, string>, body?: Buffer) => (f: Fixture) => send(f.server, 'POST', '/v1/uploads', { auth: f.main.token, headers: tus(headers), ...(body ? { body } : {}) });
type Offset = number | ((f: Fixture) => Promise<number>);
const tusPatch = (name: UploadName, offset: Offset, body: Buffer, extra: Record<string, string> = {}, token?: (f: Fixture) => Promise<string> | string) => async (f: Fixture) =>
  send(f.server, 'PATCH', f.uploads[name].route, {
    auth: token ? await token(f) : f.uploads[name].token,
    headers: patchHeaders(typeof offset === 'number' ? offset : await offset(f), extra),
    body,
  });
const at = (name: UploadName) => (f: Fixture) => currentOffset(f, name);

const uploadCases: Case[] = [
  {
    name: "creation with Upload-Length above the answer's cap",
    send: tusPost({ 'upload-length': String(CAP + 1), 'upload-metadata': videoMeta('q3') }),
    status: 413,
    code: 'UPLOAD_TOO_LARGE',
  },
  { name: 'creation with Upload-Length above the hard limit (1 GiB)', send: tusPost({ 'upload-length': String(2 ** 31), 'upload-metadata': videoMeta('q3') }), status: 413, code: 'UPLOAD_TOO_LARGE' },
  { name: "deferred length declared above the answer's cap", send: tusPatch('partial', at('partial'), Buffer.alloc(0), { 'upload-length': String(CAP + 1) }), status: 413, code: 'UPLOAD_TOO_LARGE' },
  {
    name: "PATCH whose Content-Length would pass the answer's cap",
    send: async (f) => {
      const offset = await currentOffset(f, 'partial');
      return send(f.server, 'PATCH', f.uploads.partial.route, { auth: f.main.token, headers: patchHeaders(offset), announceLength: CAP + 1 - offset });
    },
    status: 413,
    code: 'UPLOAD_TOO_LARGE',
  },
  { name: 'PATCH past the declared Upload-Length', send: tusPatch('fixed', at('fixed'), fakeWebm(1500)), status: 413, code: 'UPLOAD_TOO_LARGE' },
  { name: 'PATCH re-declaring the length of a fixed-length upload', send: tusPatch('fixed', at('fixed'), Buffer.alloc(0), { 'upload-length': '3000' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'PATCH declaring a length below the offset', send: tusPatch('partial', at('partial'), Buffer.alloc(0), { 'upload-length': '10' }), status: 400, code: 'BAD_REQUEST' },

  { name: 'first PATCH whose bytes are not the declared container (MZ)', send: tusPatch('empty', 0, Buffer.concat([Buffer.from('MZ'), randomBytes(98)])), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'first PATCH with mp4 bytes on a webm upload', send: tusPatch('empty', 0, Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), randomBytes(88)])), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  {
    name: 'creation-with-upload whose bytes are not the declared container',
    send: (f) => {
      const body = Buffer.from('MZ this is not a video at all');
      return tusPost({ 'upload-length': String(body.length), 'upload-metadata': videoMeta('q3'), 'content-type': 'application/offset+octet-stream' }, body)(f);
    },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },

  { name: 'PATCH with a stale Upload-Offset (0)', send: tusPatch('partial', 0, fakeWebm(100)), status: 409, code: 'UPLOAD_OFFSET_CONFLICT' },
  { name: 'PATCH with a stale Upload-Offset (mid-file)', send: tusPatch('partial', async (f) => (await currentOffset(f, 'partial')) - 500, randomBytes(100)), status: 409, code: 'UPLOAD_OFFSET_CONFLICT' },
  { name: 'PATCH with an Upload-Offset ahead of the server', send: tusPatch('partial', async (f) => (await currentOffset(f, 'partial')) + 4000, randomBytes(100)), status: 409, code: 'UPLOAD_OFFSET_CONFLICT' },

  { name: "PATCH at the end of a committed answer's upload", send: tusPatch('committed', 2000, Buffer.from('x')), status: 409, code: 'ANSWER_ALREADY_COMMITTED' },
  { name: "PATCH rewriting a committed answer's upload from 0", send: tusPatch('committed', 0, fakeWebm(100)), status: 409, code: 'ANSWER_ALREADY_COMMITTED' },
  { name: "DELETE of a committed answer's upload", send: (f) => send(f.server, 'DELETE', f.uploads.committed.route, { auth: f.main.token, headers: tus() }), status: 409, code: 'ANSWER_ALREADY_COMMITTED' },
  { name: 'creating an upload for an already committed question', send: tusPost({ 'upload-defer-length': '1', 'upload-metadata': videoMeta('q1') }), status: 409, code: 'ANSWER_ALREADY_COMMITTED' },

  { name: 'creation with both Upload-Length and Upload-Defer-Length', send: tusPost({ 'upload-length': '100', 'upload-defer-length': '1', 'upload-metadata': videoMeta('q3') }), status: 400, code: 'BAD_REQUEST' },
  { name: 'creation with neither Upload-Length nor Upload-Defer-Length', send: tusPost({ 'upload-metadata': videoMeta('q3') }), status: 400, code: 'BAD_REQUEST' },
  { name: 'creation with track=screen', send: tusPost({ 'upload-defer-length': '1', 'upload-metadata': videoMeta('q3', { track: 'screen' }) }), status: 400, code: 'VALIDATION_FAILED', issue: 'Upload-Metadata/track' },
  { name: 'creation with an attempt beyond the retakes', send: tusPost({ 'upload-defer-length': '1', 'upload-metadata': videoMeta('q3', { attempt: '2' }) }), status: 400, code: 'VALIDATION_FAILED', issue: 'Upload-Metadata/attempt' },
  { name: 'creation with mimeType text/html', send: tusPost({ 'upload-defer-length': '1', 'upload-metadata': videoMeta('q3', { mimeType: 'text/html' }) }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'creation for an unknown question', send: tusPost({ 'upload-defer-length': '1', 'upload-metadata': videoMeta('../../q1') }), status: 404, code: 'QUESTION_NOT_FOUND' },
  { name: 'creation with Upload-Metadata that is not base64 pairs', send: tusPost({ 'upload-defer-length': '1', 'upload-metadata': 'questionId q1 q2,,' }), status: 400, code: 'BAD_REQUEST' },
  // Found by the fuzz run: @tus/server refused these itself, as plain text instead of the JSON error.
  { name: 'creation with a repeated Upload-Metadata key', send: tusPost({ 'upload-defer-length': '1', 'upload-metadata': `${videoMeta('q3')},track YXVkaW8=` }), status: 400, code: 'BAD_REQUEST' },
  { name: 'creation with X-Forwarded-Proto ftp', send: tusPost({ 'upload-defer-length': '1', 'upload-metadata': videoMeta('q3'), 'x-forwarded-proto': 'ftp' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'PATCH with Upload-Offset 00', send: (f) => send(f.server, 'PATCH', f.uploads.empty.route, { auth: f.main.token, headers: patchHeaders('00'), body: fakeWebm(100) }), status: 400, code: 'BAD_REQUEST' },

  { name: 'creation without Tus-Resumable', send: (f) => send(f.server, 'POST', '/v1/uploads', { auth: f.main.token, headers: { 'upload-defer-length': '1', 'upload-metadata': videoMeta('q3') } }), status: 412, code: 'TUS_VERSION_REQUIRED' },
  {
    name: 'PATCH without Tus-Resumable',
    send: async (f) => send(f.server, 'PATCH', f.uploads.partial.route, { auth: f.main.token, headers: { 'upload-offset': String(await currentOffset(f, 'partial')), 'content-type': 'application/offset+octet-stream' }, body: randomBytes(100) }),
    status: 412,
    code: 'TUS_VERSION_REQUIRED',
  },
  { name: 'DELETE without Tus-Resumable', send: (f) => send(f.server, 'DELETE', f.uploads.partial.route, { auth: f.main.token }), status: 412, code: 'TUS_VERSION_REQUIRED' },
  // Found by the fuzzer: @tus/server refuses an empty Upload-Metadata on every method, in plain text.
  { name: 'DELETE with an empty Upload-Metadata', send: (f) => send(f.server, 'DELETE', f.uploads.partial.route, { auth: f.main.token, headers: tus({ 'upload-metadata': '' }) }), status: 400, code: 'BAD_REQUEST' },
  { name: 'PATCH with an empty Upload-Metadata', send: tusPatch('partial', at('partial'), randomBytes(10), { 'upload-metadata': '' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'creation with an empty Upload-Metadata', send: tusPost({ 'upload-defer-length': '1', 'upload-metadata': '' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'HEAD without Tus-Resumable', send: (f) => send(f.server, 'HEAD', f.uploads.partial.route, { auth: f.main.token }), status: 412, code: 'TUS_VERSION_REQUIRED', head: true },
  { name: 'PATCH with a malformed Upload-Offset (-1)', send: tusPatch('partial', -1, randomBytes(10)), status: 400, code: 'BAD_REQUEST' },
  {
    name: 'PATCH without Upload-Offset',
    send: (f) => send(f.server, 'PATCH', f.uploads.partial.route, { auth: f.main.token, headers: tus({ 'content-type': 'application/offset+octet-stream' }), body: randomBytes(10) }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'PATCH with Content-Type application/json', send: tusPatch('partial', at('partial'), Buffer.from('{}'), { 'content-type': 'application/json' }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  {
    name: 'PATCH without Content-Type',
    send: async (f) => send(f.server, 'PATCH', f.uploads.partial.route, { auth: f.main.token, headers: tus({ 'upload-offset': String(await currentOffset(f, 'partial')) }), body: randomBytes(10) }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
];

const validBytes = randomBytes(100);
const tokenCases: Case[] = [
  { name: 'expired token on GET /v1/session', send: async (f) => send(f.server, 'GET', '/v1/session', { auth: await tokens.expired(f) }), status: 401, code: 'SESSION_TOKEN_EXPIRED' },
  { name: 'expired token on a PATCH at the right offset', send: tusPatch('partial', at('partial'), validBytes, {}, tokens.expired), status: 401, code: 'SESSION_TOKEN_EXPIRED' },
  { name: 'forged signature on POST /v1/session/consent', send: async (f) => send(f.server, 'POST', '/v1/session/consent', { auth: await tokens.forged(f), ...json(goodConsent) }), status: 401, code: 'SESSION_TOKEN_INVALID' },
  { name: 'forged signature on a PATCH at the right offset', send: tusPatch('partial', at('partial'), validBytes, {}, tokens.forged), status: 401, code: 'SESSION_TOKEN_INVALID' },
  { name: 'alg:none unsigned token on GET /v1/session', send: async (f) => send(f.server, 'GET', '/v1/session', { auth: await tokens.unsigned(f) }), status: 401, code: 'SESSION_TOKEN_INVALID' },
  { name: 'alg:none unsigned token on upload creation', send: async (f) => send(f.server, 'POST', '/v1/uploads', { auth: await tokens.unsigned(f), headers: tus({ 'upload-defer-length': '1', 'upload-metadata': videoMeta('q3') }) }), status: 401, code: 'SESSION_TOKEN_INVALID' },
  { name: 'alg:none unsigned token on POST /v1/session/consent', send: async (f) => send(f.server, 'POST', '/v1/session/consent', { auth: await tokens.unsigned(f), ...json(goodConsent) }), status: 401, code: 'SESSION_TOKEN_INVALID' },
  { name: 'HS512 token signed with the real secret', send: async (f) => send(f.server, 'GET', '/v1/session', { auth: await tokens.hs512(f) }), status: 401, code: 'SESSION_TOKEN_INVALID' },
  { name: 'token for another audience', send: async (f) => send(f.server, 'GET', '/v1/session', { auth: await tokens.wrongAudience(f) }), status: 401, code: 'SESSION_TOKEN_INVALID' },
  { name: 'validly signed token of a session that does not exist', send: async (f) => send(f.server, 'GET', '/v1/session', { auth: await tokens.unknownSession(f) }), status: 401, code: 'SESSION_TOKEN_INVALID' },
  { name: 'a token that is not a JWT', send: (f) => send(f.server, 'GET', '/v1/session', { auth: 'abc' }), status: 401, code: 'SESSION_TOKEN_INVALID' },

  { name: "another session's token: HEAD of this session's upload", send: (f) => send(f.server, 'HEAD', f.uploads.partial.route, { auth: f.other.token, headers: tus() }), status: 404, code: 'UPLOAD_NOT_FOUND', head: true },
  { name: "another session's token: PATCH of this session's upload", send: tusPatch('partial', at('partial'), validBytes, {}, (f) => f.other.token), status: 404, code: 'UPLOAD_NOT_FOUND' },
  { name: "another session's token: first PATCH of this session's empty upload", send: tusPatch('empty', 0, fakeWebm(100), {}, (f) => f.other.token), status: 404, code: 'UPLOAD_NOT_FOUND' },
  { name: "another session's token: DELETE of this session's upload", send: (f) => send(f.server, 'DELETE', f.uploads.partial.route, { auth: f.other.token, headers: tus() }), status: 404, code: 'UPLOAD_NOT_FOUND' },
  { name: "this session's token: DELETE of another session's upload", send: (f) => send(f.server, 'DELETE', f.uploads.foreign.route, { auth: f.main.token, headers: tus() }), status: 404, code: 'UPLOAD_NOT_FOUND' },

  { name: 'API key as session token: GET /v1/session', send: (f) => send(f.server, 'GET', '/v1/session', { auth: API_KEY }), status: 401, code: 'SESSION_TOKEN_INVALID' },
  { name: 'API key as session token: POST /v1/session/consent', send: (f) => send(f.server, 'POST', '/v1/session/consent', { auth: API_KEY, ...json(goodConsent) }), status: 401, code: 'SESSION_TOKEN_INVALID' },
  { name: 'API key as session token: upload creation', send: (f) => send(f.server, 'POST', '/v1/uploads', { auth: API_KEY, headers: tus({ 'upload-defer-length': '1', 'upload-metadata': videoMeta('q3') }) }), status: 401, code: 'SESSION_TOKEN_INVALID' },
  { name: 'API key as session token: PATCH', send: tusPatch('partial', at('partial'), validBytes, {}, () => API_KEY), status: 401, code: 'SESSION_TOKEN_INVALID' },
  { name: 'session token as API key: GET /v1/sessions/{id}', send: (f) => send(f.server, 'GET', `/v1/sessions/${f.main.sessionId}`, { auth: f.main.token }), status: 401, code: 'API_KEY_INVALID' },
  { name: 'session token as API key: POST /v1/interviews', send: (f) => send(f.server, 'POST', '/v1/interviews', { auth: f.main.token, ...json(goodInterview) }), status: 401, code: 'API_KEY_INVALID' },
  { name: 'session token as API key: POST /v1/sessions', send: (f) => send(f.server, 'POST', '/v1/sessions', { auth: f.main.token, ...json(goodSession(f)) }), status: 401, code: 'API_KEY_INVALID' },
  { name: 'session token as API key: POST /v1/sessions/{id}/token', send: (f) => send(f.server, 'POST', `/v1/sessions/${f.main.sessionId}/token`, { auth: f.main.token }), status: 401, code: 'API_KEY_INVALID' },
  { name: 'session token as API key: GET media', send: (f) => send(f.server, 'GET', `/v1/sessions/${f.main.sessionId}/media/${f.answerId}`, { auth: f.main.token }), status: 401, code: 'API_KEY_INVALID' },
  { name: 'no Authorization on GET /v1/session', send: (f) => send(f.server, 'GET', '/v1/session'), status: 401, code: 'SESSION_TOKEN_MISSING' },
  { name: 'no Authorization on a PATCH', send: (f) => send(f.server, 'PATCH', f.uploads.partial.route, { headers: patchHeaders(1000), body: validBytes }), status: 401, code: 'SESSION_TOKEN_MISSING' },
  { name: 'no Authorization on GET /v1/sessions/{id}', send: (f) => send(f.server, 'GET', `/v1/sessions/${f.main.sessionId}`), status: 401, code: 'API_KEY_MISSING' },
  { name: 'Basic instead of Bearer with the API key', send: (f) => send(f.server, 'GET', `/v1/sessions/${f.main.sessionId}`, { headers: { authorization: `Basic ${b64(`${API_KEY}:`)}` } }), status: 401, code: 'API_KEY_MISSING' },
];

/**
 * Ids that try to escape their path segment or the id format: 404 with the parameter's *_NOT_FOUND
 * code. `sameRoute: false` ones add path segments (no such route: NOT_FOUND). A malformed
 * percent-escape is a malformed request: 400 BAD_REQUEST (never a 500).
 */
const hostileIds: Array<{ label: string; raw: string; sameRoute: boolean; malformed?: true }> = [
  { label: '..%2F..%2Fetc%2Fpasswd', raw: '..%2F..%2Fetc%2Fpasswd', sameRoute: true },
  { label: 'upl_..%2F..%2Fx', raw: 'upl_..%2F..%2Fx', sameRoute: true },
  { label: 'upl_../../x (unencoded)', raw: 'upl_../../x', sameRoute: false },
  { label: '%00', raw: '%00', sameRoute: true },
  { label: 'a well-formed prefix then %00', raw: `ses_${ZEROS}%00`, sameRoute: true },
  { label: 'a 5000-character id', raw: 'a'.repeat(5000), sameRoute: true },
  { label: 'a malformed escape (%E0%A4%A)', raw: '%E0%A4%A', sameRoute: true, malformed: true },
  { label: 'a malformed escape (%zz)', raw: '%zz', sameRoute: true, malformed: true },
];

const hostileRoutes: Array<{ label: string; code: ErrorCode; head?: boolean; tus?: boolean; send: (f: Fixture, id: string) => Promise<Reply> }> = [
  { label: 'HEAD /v1/uploads/{id}', code: 'UPLOAD_NOT_FOUND', head: true, tus: true, send: (f, id) => send(f.server, 'HEAD', `/v1/uploads/${id}`, { auth: f.main.token, headers: tus() }) },
  { label: 'PATCH /v1/uploads/{id}', code: 'UPLOAD_NOT_FOUND', tus: true, send: (f, id) => send(f.server, 'PATCH', `/v1/uploads/${id}`, { auth: f.main.token, headers: patchHeaders(0), body: fakeWebm(100) }) },
  { label: 'DELETE /v1/uploads/{id}', code: 'UPLOAD_NOT_FOUND', tus: true, send: (f, id) => send(f.server, 'DELETE', `/v1/uploads/${id}`, { auth: f.main.token, headers: tus() }) },
  { label: 'GET /v1/interviews/{id}', code: 'INTERVIEW_NOT_FOUND', send: (f, id) => send(f.server, 'GET', `/v1/interviews/${id}`, { auth: API_KEY }) },
  { label: 'GET /v1/sessions/{id}', code: 'SESSION_NOT_FOUND', send: (f, id) => send(f.server, 'GET', `/v1/sessions/${id}`, { auth: API_KEY }) },
  { label: 'POST /v1/sessions/{id}/token', code: 'SESSION_NOT_FOUND', send: (f, id) => send(f.server, 'POST', `/v1/sessions/${id}/token`, { auth: API_KEY }) },
  { label: 'GET /v1/sessions/{id}/media/{answerId} (id)', code: 'SESSION_NOT_FOUND', send: (f, id) => send(f.server, 'GET', `/v1/sessions/${id}/media/${f.answerId}`, { auth: API_KEY }) },
  { label: 'GET /v1/sessions/{id}/media/{answerId} (answerId)', code: 'ANSWER_NOT_FOUND', send: (f, id) => send(f.server, 'GET', `/v1/sessions/${f.main.sessionId}/media/${id}`, { auth: API_KEY }) },
  { label: 'POST /v1/session/answers/{questionId}', code: 'QUESTION_NOT_FOUND', send: (f, id) => send(f.server, 'POST', `/v1/session/answers/${id}`, { auth: f.main.token, ...json({ attempt: 1 }) }) },
];

const idCases: Case[] = hostileRoutes.flatMap((route) =>
  hostileIds.map((id) => ({
    name: `${route.label} with ${id.label}`,
    send: (f: Fixture) => route.send(f, id.raw),
    status: id.malformed ? 400 : 404,
    // Unencoded slashes leave the route (no such route) except under the tus endpoint, which takes any sub-path.
    code: id.malformed ? ('BAD_REQUEST' as ErrorCode) : id.sameRoute || route.tus ? route.code : ('NOT_FOUND' as ErrorCode),
    ...(route.head ? { head: true } : {}),
  })),
);

const sanityCases: Case[] = [
  { name: 'a well-formed but unknown upload id', send: (f) => send(f.server, 'PATCH', `/v1/uploads/upl_${ZEROS}`, { auth: f.main.token, headers: patchHeaders(0), body: fakeWebm(100) }), status: 404, code: 'UPLOAD_NOT_FOUND' },
  { name: 'a well-formed but unknown interview id', send: ats('GET', `/v1/interviews/int_${ZEROS}`), status: 404, code: 'INTERVIEW_NOT_FOUND' },
  { name: 'a session for an unknown interview', send: ats('POST', '/v1/sessions', { interviewId: `int_${ZEROS}`, candidate: { externalId: 'c' } }), status: 404, code: 'INTERVIEW_NOT_FOUND' },
];

const allCases = [...bodyCases, ...uploadCases, ...tokenCases, ...idCases, ...sanityCases];

/** What is wrong with one reply, as readable lines (empty = as expected). */
function problemsOf(c: Case, reply: Reply): string[] {
  const problems: string[] = [];
  if (reply.status !== c.status) problems.push(`status ${reply.status}, expected ${c.status}`);
  if (reply.status >= 500) problems.push('a 5xx: the server failed instead of refusing the input');
  if (c.head) return problems; // HEAD responses carry no body.
  const type = reply.headers['content-type'] ?? '(none)';
  if (!/^application\/json\b/.test(type)) problems.push(`Content-Type ${type}, expected application/json`);
  let body: any;
  try {
    body = JSON.parse(reply.text);
  } catch {
    problems.push(`body is not JSON: ${JSON.stringify(reply.text.slice(0, 120))}`);
    return problems;
  }
  const error = body?.error;
  if (typeof error?.code !== 'string' || typeof error?.message !== 'string' || error.message === '') {
    problems.push(`body is not { error: { code, message } }: ${reply.text.slice(0, 200)}`);
    return problems;
  }
  if (!(error.code in ErrorCodes)) problems.push(`unknown error code ${error.code}`);
  if (error.code !== c.code) problems.push(`code ${error.code} (${error.message}), expected ${c.code}`);
  if (c.issue !== undefined) {
    const paths = Array.isArray(error.issues) ? error.issues.map((i: { path: string }) => i.path) : [];
    if (!paths.includes(c.issue)) problems.push(`error.issues ${JSON.stringify(paths)} do not name "${c.issue}"`);
  }
  return problems;
}

for (const database of testDatabases) describe(`bad input is refused with the right status and code, and changes nothing [${database.name}]`, () => {
  let f: Fixture;
  before(async () => {
    // Many cases fail authentication on purpose, all from 127.0.0.1: no auth throttling here (auth-throttle.test.ts has it).
    const server = await startTestServer({ workers: false,  uploadBytesPerSecond: UPLOAD_BYTES_PER_SECOND, rateLimitPerMinute: 1_000_000, authFailuresPerMinute: 1_000_000 }, database);
    f = await setUp(server);
  });
  after(() => f?.server.close());

  it('the fixture is what the cases assume', async () => {
    const snap = await snapshot(f);
    assert.equal((snap[`GET /v1/sessions/${f.main.sessionId}`] as any).json.status, 'in_progress');
    assert.deepEqual(snap['upload partial'], { ...(snap['upload partial'] as object), status: 200, offset: '1000', deferred: '1' });
    assert.deepEqual(snap['upload fixed'], { ...(snap['upload fixed'] as object), status: 200, offset: '1000', length: '2000' });
    assert.deepEqual(snap['upload empty'], { ...(snap['upload empty'] as object), status: 200, offset: '0' });
    assert.equal((snap['committed media'] as any).status, 200);
    assert.equal(CAP, 5_000_660);
  });

  for (const c of allCases) {
    it(`${c.name} → ${c.status} ${c.code}`, async () => {
      const before = await snapshot(f);
      const reply = await c.send(f);
      const problems = problemsOf(c, reply);
      problems.push(...changes(before, await snapshot(f)));
      assert.deepEqual(problems, [], `${c.name}:\n  ${problems.join('\n  ')}`);
    });
  }
});
