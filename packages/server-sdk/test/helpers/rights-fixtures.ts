import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CandidOptions } from '../../src/config.js';
import type { TestDatabase } from './databases.js';
import { type FakeOpenAI, startFakeOpenAI } from './fake-openai.js';
import { makeRecordings } from './media-fixtures.js';
import { type TestS3, startS3rver } from './s3rver.js';
import { type TestServer, api, startTestServer } from './server.js';
import { createUpload, patchUpload } from './tus.js';

/** Shared by the data-rights tests: a whole candidate session through the real HTTP API. */

/** Every test database with its storage: PGlite on local disk, PostgreSQL on S3 (s3rver). */
export const RIGHTS_SETUPS = (databases: readonly TestDatabase[]) =>
  databases.map((database) => ({ database, storage: database.name === 'pglite' ? ('disk' as const) : ('s3' as const) }));

export interface RightsServer {
  server: TestServer;
  fake: FakeOpenAI;
  s3: TestS3 | undefined;
  recordings: { video: Buffer; audio: Buffer };
  close(): Promise<void>;
}

/** A server with a local OpenAI-compatible model (fast job polling) on disk or s3rver storage. */
export async function startRightsServer(database: TestDatabase, storage: 'disk' | 's3'): Promise<RightsServer> {
  const recordings = await makeRecordings();
  const fake = await startFakeOpenAI();
  const overrides: Partial<CandidOptions> = {
    openai: { apiKey: 'sk-test', baseURL: fake.baseURL, transcriptionModel: 'whisper-test', scoringModel: 'scorer-test' },
    jobs: { pollingSeconds: 0.5, maintenanceSeconds: 1, retryDelaySeconds: 1 },
  };
  let s3: TestS3 | undefined;
  if (storage === 's3') {
    s3 = await startS3rver({ buckets: ['candid-media'] });
    overrides.s3 = { bucket: s3.bucket, endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials };
  }
  const server = await startTestServer(overrides, database);
  return {
    server,
    fake,
    s3,
    recordings,
    async close() {
      await server.close();
      await s3?.stop();
      await fake.close();
    },
  };
}

export const RIGHTS_INTERVIEW = {
  title: 'Support specialist',
  questions: [
    { id: 'q1', prompt: 'Tell us about an unhappy customer you helped.', answerSeconds: 60, maxRetakes: 1, competencies: [{ id: 'customer_focus', description: 'Puts the customer first.' }] },
    { id: 'q2', prompt: 'Anything else?', answerSeconds: 60 },
  ],
};

/** Employer-written notice items that EU, UK, IL and NYC interviews need beyond Candid's own. */
export const COMPLETE_NOTICE = {
  version: '2026-11',
  markdown: '',
  sections: {
    C1: 'Acme Ltd, 1 Main St, Dublin. Contact privacy@acme.example; DPO dpo@acme.example. Candid runs as our processor.',
    C4: 'Every answer is evaluated on the competencies named with its question.',
    C7: 'Assessing your application (legitimate interest, GDPR 6(1)(f)); AI evaluation only with your consent (6(1)(a)).',
    C8: 'Acme recruiters; our hosting provider in the EU; OpenAI (USA) for transcription under the EU–US Data Privacy Framework.',
    C12: 'Bias audit summary: https://acme.example/bias-audit (distributed 2026-10-01).',
    C13: 'The video interview is optional: declining does not end your application; ask for another format.',
  },
};

export async function uploadTrack(server: TestServer, token: string, questionId: string, track: 'video' | 'audio', bytes: Buffer, attempt = 1, opts: { partial?: boolean } = {}) {
  const mimeType = track === 'video' ? 'video/webm;codecs=vp8,opus' : 'audio/webm;codecs=opus';
  const upload = await createUpload(server.endpoint, token, { questionId, attempt: String(attempt), track, mimeType });
  assert.equal(upload.status, 201, upload.body);
  // A partial upload: half the bytes, length still deferred (an interrupted take).
  const body = opts.partial ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes;
  const res = await patchUpload(upload.url!, token, 0, body, opts.partial ? {} : { length: bytes.length });
  assert.equal(res.status, 204, res.body);
  return upload.url!.split('/').pop()!;
}

export interface Candidate {
  externalId: string;
  name: string;
  email: string;
}

/** Consent, two answers (video + audio), optionally an abandoned partial retake, then complete. */
export async function runSession(
  server: TestServer,
  recordings: { video: Buffer; audio: Buffer },
  candidate: Candidate,
  opts: { interview?: object; leftover?: boolean; aiEvaluation?: boolean; complete?: boolean } = {},
) {
  const interview = await api(server.endpoint, 'POST', '/v1/interviews', opts.interview ?? RIGHTS_INTERVIEW);
  assert.equal(interview.status, 201, JSON.stringify(interview.json));
  const session = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate });
  const token = session.json.token as string;
  await api(server.endpoint, 'GET', '/v1/session', undefined, token);
  const consent = await api(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: interview.json.notice?.version ?? null, choices: { recording: true, aiEvaluation: opts.aiEvaluation ?? true }, ageConfirmed: true }, token);
  assert.equal(consent.status, 201);
  let leftover: string | null = null;
  if (opts.leftover) leftover = await uploadTrack(server, token, 'q1', 'video', recordings.video, 2, { partial: true });
  for (const questionId of ['q1', 'q2']) {
    await uploadTrack(server, token, questionId, 'video', recordings.video);
    await uploadTrack(server, token, questionId, 'audio', recordings.audio);
    const commit = await api(server.endpoint, 'POST', `/v1/session/answers/${questionId}`, { attempt: 1, durationMs: 2000, speechSegments: [{ startMs: 400, endMs: 1900 }] }, token);
    assert.equal(commit.status, 200, JSON.stringify(commit.json));
  }
  if (opts.complete !== false) assert.equal((await api(server.endpoint, 'POST', '/v1/session/complete', {}, token)).status, 200);
  return { interviewId: interview.json.id as string, sessionId: session.json.sessionId as string, token, leftover };
}

/** Waits until media and transcription steps and the evaluation have settled. */
export async function settled(server: TestServer, sessionId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = (await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}`)).json;
    const open = (step: { status: string }) => ['pending', 'running'].includes(step.status);
    if (s.answers.every((a: any) => !open(a.processing.media) && !open(a.processing.transcription)) && s.evaluation && s.evaluation.status !== 'pending') return s;
    if (Date.now() > deadline) throw new Error(`pipeline did not settle: ${JSON.stringify({ status: s.status, evaluation: s.evaluation, steps: s.answers.map((a: any) => a.processing) })}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Every regular file under `dir` (unreadable or vanished files are skipped: a live server churns). */
export async function* filesUnder(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

/** Which of `needles` occur in any file under `dirs`: label → the files holding it. */
export async function byteScan(dirs: string[], needles: Record<string, Buffer>): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = Object.fromEntries(Object.keys(needles).map((k) => [k, []]));
  for (const dir of dirs) {
    for await (const file of filesUnder(dir)) {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch {
        continue;
      }
      for (const [label, needle] of Object.entries(needles)) if (bytes.includes(needle)) found[label]!.push(file);
    }
  }
  return found;
}
