// A candidate going through Candid's HTTP API the way the widget does: consent, tus uploads of
// real recordings (video + audio-only track), commit, complete.
import assert from 'node:assert/strict';
import { createUpload, patchUpload } from '../../packages/server-sdk/test/helpers/tus.ts';

async function call(endpoint, token, method, route, body) {
  const response = await fetch(`${endpoint}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, json: await response.json().catch(() => null) };
}

/** Token from a candidate link (`/interview?token=…`). */
export const tokenOf = (link) => new URL(link).searchParams.get('token');

export async function consent(endpoint, token, { aiEvaluation = true } = {}) {
  const session = await call(endpoint, token, 'GET', '/v1/session');
  assert.equal(session.status, 200, JSON.stringify(session.json));
  const res = await call(endpoint, token, 'POST', '/v1/session/consent', {
    noticeVersion: session.json.notice?.version ?? null,
    choices: { recording: true, aiEvaluation, productImprovement: false },
    ageConfirmed: true,
  });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  return session.json;
}

async function uploadTrack(endpoint, token, questionId, track, bytes) {
  const mimeType = track === 'video' ? 'video/webm;codecs=vp8,opus' : 'audio/webm;codecs=opus';
  const upload = await createUpload(endpoint, token, { questionId, attempt: '1', track, mimeType });
  assert.equal(upload.status, 201, upload.body);
  const patched = await patchUpload(upload.url, token, 0, bytes, { length: bytes.length });
  assert.equal(patched.status, 204, patched.body);
}

/** Consents, answers every question with the recordings, and completes the session. */
export async function answerEverything(endpoint, token, recordings, options = {}) {
  const session = await consent(endpoint, token, options);
  for (const { id } of session.questions) {
    await uploadTrack(endpoint, token, id, 'video', recordings.video);
    await uploadTrack(endpoint, token, id, 'audio', recordings.audio);
    const commit = await call(endpoint, token, 'POST', `/v1/session/answers/${id}`, { attempt: 1, durationMs: 2000, speechSegments: [{ startMs: 400, endMs: 1900 }] });
    assert.equal(commit.status, 200, JSON.stringify(commit.json));
  }
  const complete = await call(endpoint, token, 'POST', '/v1/session/complete');
  assert.equal(complete.status, 200, JSON.stringify(complete.json));
}
