import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { type FakeOpenAI, startFakeOpenAI } from './helpers/fake-openai.js';
import { decodedSeconds, makeEngineRecordings, makeRecordings, probeStreams } from './helpers/media-fixtures.js';
import { optionsFromEnv } from '../src/config.js';
import { type TestServer, api, startTestServer } from './helpers/server.js';
import { createUpload, patchUpload } from './helpers/tus.js';

const COMPETENCIES = [
  { id: 'customer_focus', description: 'Puts the customer first and resolves their problem.', anchors: [
    { level: 1, description: 'No example.' }, { level: 2, description: 'A vague example.' }, { level: 3, description: 'A concrete example with the outcome.' },
  ] },
  { id: 'ownership', description: 'Takes responsibility for the result.' },
];
const INTERVIEW = {
  title: 'Support specialist',
  questions: [
    { id: 'q1', prompt: 'Tell us about an unhappy customer you helped.', answerSeconds: 60, competencies: COMPETENCIES },
    { id: 'q2', prompt: 'Anything else?', answerSeconds: 60 },
  ],
};
const CANDIDATE = { externalId: 'ats-4711', name: 'Jane Candidate', email: 'jane.candidate@example.com' };

let recordings: { video: Buffer; audio: Buffer };

async function uploadTrack(server: TestServer, token: string, questionId: string, track: 'video' | 'audio', bytes: Buffer) {
  const mimeType = track === 'video' ? 'video/webm;codecs=vp8,opus' : 'audio/webm;codecs=opus';
  const upload = await createUpload(server.endpoint, token, { questionId, attempt: '1', track, mimeType });
  assert.equal(upload.status, 201, upload.body);
  const res = await patchUpload(upload.url!, token, 0, bytes, { length: bytes.length });
  assert.equal(res.status, 204, res.body);
}

/** A candidate's whole session through the real HTTP API: consent, two answers, complete. */
async function interviewSession(server: TestServer, opts: { aiEvaluation?: boolean; silentQ2?: boolean; audioTrack?: boolean } = {}) {
  const interview = await api(server.endpoint, 'POST', '/v1/interviews', INTERVIEW);
  const session = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: CANDIDATE });
  const token = session.json.token as string;
  const consent = await api(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: null, choices: { recording: true, aiEvaluation: opts.aiEvaluation ?? true }, ageConfirmed: true }, token);
  assert.equal(consent.status, 201);
  for (const questionId of ['q1', 'q2']) {
    await uploadTrack(server, token, questionId, 'video', recordings.video);
    if (opts.audioTrack ?? true) await uploadTrack(server, token, questionId, 'audio', recordings.audio);
    const silent = questionId === 'q2' && (opts.silentQ2 ?? false);
    const commit = await api(server.endpoint, 'POST', `/v1/session/answers/${questionId}`, { attempt: 1, durationMs: 2000, silent, speechSegments: silent ? [] : [{ startMs: 400, endMs: 1900 }] }, token);
    assert.equal(commit.status, 200, JSON.stringify(commit.json));
  }
  assert.equal((await api(server.endpoint, 'POST', '/v1/session/complete', {}, token)).status, 200);
  return { sessionId: session.json.sessionId as string, token };
}

/**
 * The `hls` rendition is a VOD playlist whose init section and segments are contiguous byte ranges
 * of the `fmp4` rendition, addressed relative to the playlist's URL; ffmpeg's own HLS client,
 * fetching it over HTTP with the API key as a player would, decodes every frame of it.
 */
async function assertHlsPlays(server: TestServer, sessionId: string, answer: any) {
  const auth = { authorization: 'Bearer test-api-key-0123456789-abcdefghijklmnop' };
  const url = `${server.endpoint}/v1/sessions/${sessionId}/media/${answer.id}?rendition=hls`;
  const res = await fetch(url, { headers: auth });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.apple.mpegurl');
  const playlist = await res.text();
  assert.match(playlist, /^#EXTM3U\n/);
  assert.match(playlist, /#EXT-X-PLAYLIST-TYPE:VOD\n/);
  assert.match(playlist, /#EXT-X-ENDLIST/);
  const ranges = [...playlist.matchAll(/BYTERANGE[=:]"?(\d+)@(\d+)/g)].map((m) => ({ length: Number(m[1]), start: Number(m[2]) }));
  assert.ok(ranges.length >= 2, `an init section and segments: ${playlist}`);
  assert.deepEqual(playlist.split('\n').filter((l) => l && !l.startsWith('#')).map(() => '?rendition=fmp4'), playlist.split('\n').filter((l) => l && !l.startsWith('#')));
  const fmp4 = answer.renditions.find((r: any) => r.kind === 'fmp4');
  let next = 0;
  for (const range of ranges) {
    assert.equal(range.start, next, 'ranges are contiguous');
    next += range.length;
  }
  assert.equal(next, fmp4.sizeBytes, 'the ranges cover the fmp4 rendition exactly');
  const segment = await fetch(new URL('?rendition=fmp4', url), { headers: { ...auth, range: `bytes=${ranges[1]!.start}-${ranges[1]!.start + 7}` } });
  assert.equal(segment.status, 206);
  assert.match(Buffer.from(await segment.arrayBuffer()).subarray(4, 8).toString(), /^(sidx|moof|styp)$/, 'a segment starts with a movie fragment (or its index)');

  // ffmpeg's HLS client refuses segment URLs without a media file extension (a guard for its own
  // users); browsers' players (hls.js, native HLS) do not look at extensions.
  const frames = await new Promise<number>((resolve, reject) => {
    const child = spawn('ffmpeg', ['-hide_banner', '-v', 'error', '-headers', `Authorization: ${auth.authorization}\r\n`, '-allowed_segment_extensions', 'ALL', '-extension_picky', '0', '-i', url, '-map', '0:v', '-f', 'null', '-progress', 'pipe:1', '-']);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(Number([...out.matchAll(/frame=(\d+)/g)].at(-1)?.[1] ?? 0)) : reject(new Error(`ffmpeg could not play the HLS rendition: ${err}`))));
  });
  // The recording: 2 s at 15 fps.
  assert.ok(frames >= 28 && frames <= 32, `${frames} frames decoded through the playlist`);
}

async function settled(server: TestServer, sessionId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}`);
    const s = res.json;
    const stepsDone = s.answers.every((a: any) => !['pending', 'running'].includes(a.processing.media.status) && !['pending', 'running'].includes(a.processing.transcription.status));
    if (stepsDone && s.evaluation && s.evaluation.status !== 'pending') return s;
    if (Date.now() > deadline) throw new Error(`pipeline did not settle: ${JSON.stringify({ status: s.status, evaluation: s.evaluation, steps: s.answers.map((a: any) => a.processing) })}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('transcription and scoring pipeline (real openai SDK, local OpenAI-compatible server, real ffmpeg)', () => {
  let fake: FakeOpenAI;
  let server: TestServer;
  before(async () => {
    recordings = await makeRecordings();
    fake = await startFakeOpenAI();
    server = await startTestServer({
      openai: { apiKey: 'sk-test', baseURL: fake.baseURL, transcriptionModel: 'whisper-test', scoringModel: 'scorer-test' },
      jobs: { pollingSeconds: 0.5, maintenanceSeconds: 1, retryDelaySeconds: 1 },
    });
  });
  after(async () => {
    await server.close();
    await fake.close();
  });

  it('transcribes the audio track, renders media, scores with verified evidence, and needs a human', async () => {
    const before = fake.rawBodies.length;
    const { sessionId } = await interviewSession(server);
    const s = await settled(server, sessionId);

    for (const answer of s.answers) {
      assert.equal(answer.processing.media.status, 'done', JSON.stringify(answer.processing));
      assert.deepEqual(answer.renditions.map((r: any) => r.kind), ['fmp4', 'hls', 'mp4', 'webm']);
      assert.ok(answer.renditions.every((r: any) => r.durationMs > 1500), 'every rendition knows its duration');
      assert.equal(answer.processing.transcription.status, 'done');
      assert.match(answer.transcript.text, /refunded the order/);
      assert.equal(answer.transcript.segments.length, 2);
      assert.deepEqual(answer.transcript.segments[0].startMs, 400);
    }
    const mp4 = await fetch(`${server.endpoint}/v1/sessions/${sessionId}/media/${s.answers[0].id}?rendition=mp4`, { headers: { authorization: 'Bearer test-api-key-0123456789-abcdefghijklmnop', range: 'bytes=0-15' } });
    assert.equal(mp4.status, 206);
    assert.equal(Buffer.from(await mp4.arrayBuffer()).subarray(4, 8).toString(), 'ftyp');
    await assertHlsPlays(server, sessionId, s.answers[0]);

    const evaluation = s.evaluation;
    assert.equal(evaluation.status, 'scored', evaluation.detail);
    assert.equal(s.status, 'scored');
    assert.equal(evaluation.humanReviewRequired, true);
    assert.equal(evaluation.model, 'scorer-test-fake');
    assert.match(evaluation.promptVersion, /^score-v1-[0-9a-f]{12}$/);
    assert.match(evaluation.rubricVersion, /^rubric-[0-9a-f]{12}$/);
    assert.deepEqual(evaluation.scores.map((x: any) => `${x.questionId}/${x.competencyId}:${x.level}`), ['q1/customer_focus:3', 'q1/ownership:4']);
    for (const score of evaluation.scores) {
      assert.deepEqual(score.evidence, ['I calmed the customer down,']);
      assert.deepEqual(score.rejectedEvidence, ['words the candidate never said'], 'an invented quote is not evidence');
    }

    // What left the server: audio only, text only, and nothing that identifies the candidate.
    assert.equal(fake.transcriptions.length, 2);
    for (const call of fake.transcriptions) {
      assert.equal(call.model, 'whisper-test');
      assert.equal(call.fields.response_format, 'verbose_json');
      assert.equal(call.fileType, 'audio/webm');
      assert.deepEqual(await probeStreams(call.file), ['audio'], 'no video stream reaches the API');
    }
    assert.equal(fake.chats.length, 1);
    const prompt = fake.chats[0]!.raw;
    assert.match(prompt, /refunded the order/);
    assert.match(prompt, /customer_focus/);
    for (const body of fake.rawBodies.slice(before)) {
      const text = body.toString('latin1');
      assert.ok(!text.includes(CANDIDATE.name) && !text.includes(CANDIDATE.email) && !text.includes(CANDIDATE.externalId), 'no name, e-mail or ATS id is sent');
    }
    assert.ok(!/data:video|"video\/|vp8|\/9j\//.test(prompt), 'no video data in the scoring prompt');
    assert.ok(prompt.length < 20_000);
  });

  it("renders each engine's recording (WebKit's fragmented MP4 H.264/AAC, Firefox's WebM VP8/Opus) with the duration that was recorded", async () => {
    const SECONDS = 4;
    for (const rec of await makeEngineRecordings(SECONDS)) {
      const interview = await api(server.endpoint, 'POST', '/v1/interviews', { title: `${rec.engine} recording`, questions: [{ id: 'q1', prompt: 'Tell us.', answerSeconds: 60 }] });
      const session = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: CANDIDATE });
      const token = session.json.token as string;
      assert.equal((await api(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: null, choices: { recording: true, aiEvaluation: true }, ageConfirmed: true }, token)).status, 201);
      for (const track of ['video', 'audio'] as const) {
        const { mimeType, bytes } = rec[track];
        const upload = await createUpload(server.endpoint, token, { questionId: 'q1', attempt: '1', track, mimeType });
        assert.equal(upload.status, 201, `${rec.engine} ${track}: ${upload.body}`);
        // In pieces, as the widget streams it while recording.
        const piece = Math.ceil(bytes.length / 3);
        for (let offset = 0; offset < bytes.length; offset += piece) {
          const last = offset + piece >= bytes.length;
          const res = await patchUpload(upload.url!, token, offset, bytes.subarray(offset, offset + piece), last ? { length: bytes.length } : {});
          assert.equal(res.status, 204, `${rec.engine} ${track}: ${res.body}`);
        }
      }
      const commit = await api(server.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1, durationMs: SECONDS * 1000, silent: false, speechSegments: [] }, token);
      assert.equal(commit.status, 200, JSON.stringify(commit.json));
      assert.equal((await api(server.endpoint, 'POST', '/v1/session/complete', {}, token)).status, 200);
      const s = await settled(server, session.json.sessionId);
      const answer = s.answers[0];
      assert.equal(answer.processing.media.status, 'done', `${rec.engine}: ${JSON.stringify(answer.processing.media)}`);
      assert.equal(answer.processing.transcription.status, 'done', `${rec.engine}: ${JSON.stringify(answer.processing.transcription)}`);
      // The seekable WebM is a remux of a WebM original; an MP4 original needs none.
      const kinds = rec.video.mimeType.startsWith('video/webm') ? ['fmp4', 'hls', 'mp4', 'webm'] : ['fmp4', 'hls', 'mp4'];
      assert.deepEqual(answer.renditions.map((r: any) => r.kind), kinds, rec.engine);
      for (const rendition of answer.renditions) {
        assert.ok(Math.abs(rendition.durationMs - SECONDS * 1000) <= 500, `${rec.engine} ${rendition.kind}: ${rendition.durationMs} ms, recorded ${SECONDS} s`);
      }
      for (const kind of kinds.filter((k) => k === 'mp4' || k === 'webm')) {
        const res = await fetch(`${server.endpoint}/v1/sessions/${session.json.sessionId}/media/${answer.id}?rendition=${kind}`, { headers: { authorization: 'Bearer test-api-key-0123456789-abcdefghijklmnop' } });
        assert.equal(res.status, 200);
        const played = await decodedSeconds(Buffer.from(await res.arrayBuffer()));
        assert.ok(Math.abs(played - SECONDS) <= 0.5, `${rec.engine} ${kind} rendition plays ${played} s`);
      }
    }
  });

  it('skips transcription and scoring when the candidate declined AI evaluation, and says why', async () => {
    const calls = fake.transcriptions.length + fake.chats.length;
    const { sessionId } = await interviewSession(server, { aiEvaluation: false });
    const s = await settled(server, sessionId);
    assert.equal(s.evaluation.status, 'skipped');
    assert.match(s.evaluation.detail, /did not consent to AI evaluation/);
    for (const answer of s.answers) {
      assert.equal(answer.processing.transcription.status, 'skipped');
      assert.equal(answer.transcript, null);
    }
    assert.equal(fake.transcriptions.length + fake.chats.length, calls, 'nothing was sent to the AI provider');
  });

  it('does not send a silent answer for transcription, and extracts audio from video when there is no audio track', async () => {
    const transcriptionsBefore = fake.transcriptions.length;
    const { sessionId } = await interviewSession(server, { silentQ2: true, audioTrack: false });
    const s = await settled(server, sessionId);
    const [q1, q2] = s.answers;
    assert.equal(q1.processing.transcription.status, 'done');
    assert.equal(q2.processing.transcription.status, 'skipped');
    assert.match(q2.processing.transcription.detail, /No speech was detected/);
    assert.equal(fake.transcriptions.length, transcriptionsBefore + 1);
    assert.deepEqual(await probeStreams(fake.transcriptions.at(-1)!.file), ['audio'], 'ffmpeg stripped the video before sending');
    assert.equal(s.evaluation.status, 'scored');
  });

  it('retries a failing model with backoff and still scores once', async () => {
    fake.failNextChats = 2;
    const chatsBefore = fake.chats.length;
    const { sessionId } = await interviewSession(server);
    const s = await settled(server, sessionId);
    assert.equal(s.evaluation.status, 'scored');
    assert.equal(fake.chats.length, chatsBefore + 3);
  });

  it('stops evaluation when the candidate opts out, and records a human decision', async () => {
    const interview = await api(server.endpoint, 'POST', '/v1/interviews', INTERVIEW);
    const session = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: 'c-opt' } });
    const token = session.json.token;
    await api(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: null, choices: { recording: true, aiEvaluation: true }, ageConfirmed: true }, token);
    const optOut = await api(server.endpoint, 'POST', '/v1/session/requests', { type: 'opt_out_ai', message: 'Please have a person review my answers.' }, token);
    assert.equal(optOut.status, 201);
    const reviewRequest = await api(server.endpoint, 'POST', '/v1/session/requests', { type: 'human_review', message: 'I would like to explain my second answer.' }, token);
    assert.equal(reviewRequest.json.request.status, 'open');
    assert.equal((await api(server.endpoint, 'POST', '/v1/session/requests', { type: 'bribe' }, token)).status, 400);
    for (const questionId of ['q1', 'q2']) {
      await uploadTrack(server, token, questionId, 'video', recordings.video);
      await api(server.endpoint, 'POST', `/v1/session/answers/${questionId}`, { attempt: 1 }, token);
    }
    await api(server.endpoint, 'POST', '/v1/session/complete', {}, token);
    const s = await settled(server, session.json.sessionId);
    assert.equal(s.evaluation.status, 'skipped');
    assert.match(s.evaluation.detail, /opted out/);

    const review = await api(server.endpoint, 'POST', `/v1/sessions/${session.json.sessionId}/reviews`, { reviewer: 'recruiter-17', decision: 'advance', rationale: 'Clear examples in both answers.' });
    assert.equal(review.status, 201);
    const after = await api(server.endpoint, 'GET', `/v1/sessions/${session.json.sessionId}`);
    assert.deepEqual(after.json.reviews.map((r: any) => [r.reviewer, r.decision]), [['recruiter-17', 'advance']]);
    assert.deepEqual(after.json.requests.map((r: any) => [r.type, r.status]), [['opt_out_ai', 'open'], ['human_review', 'resolved']]);
    assert.equal((await api(server.endpoint, 'POST', `/v1/sessions/${session.json.sessionId}/reviews`, { reviewer: 'x', decision: 'advance' })).status, 400, 'a decision needs its rationale');
  });
});

describe('without an OpenAI key', () => {
  it('records and stores everything, and marks AI steps as not configured', async () => {
    recordings ??= await makeRecordings();
    const server = await startTestServer({ jobs: { pollingSeconds: 0.5, maintenanceSeconds: 1, retryDelaySeconds: 1 } });
    try {
      const { sessionId } = await interviewSession(server);
      const s = await settled(server, sessionId);
      assert.equal(s.evaluation.status, 'skipped');
      assert.match(s.evaluation.detail, /not configured/);
      assert.ok(s.answers.every((a: any) => a.processing.transcription.status === 'skipped' && a.processing.media.status === 'done'));
    } finally {
      await server.close();
    }
  });
});

describe('with the HLS rendition turned off', () => {
  it('makes the mp4 and the seekable webm only (CANDID_HLS_RENDITION=0)', async () => {
    recordings ??= await makeRecordings();
    const fromEnv = optionsFromEnv({ CANDID_HLS_RENDITION: '0' });
    assert.equal(fromEnv.hlsRendition, false);
    assert.equal(optionsFromEnv({}).hlsRendition, undefined, 'on by default');
    const server = await startTestServer({ ...fromEnv, jobs: { pollingSeconds: 0.5, maintenanceSeconds: 1, retryDelaySeconds: 1 } });
    try {
      const { sessionId } = await interviewSession(server);
      const s = await settled(server, sessionId);
      for (const answer of s.answers) assert.deepEqual(answer.renditions.map((r: any) => r.kind), ['mp4', 'webm']);
      const missing = await fetch(`${server.endpoint}/v1/sessions/${sessionId}/media/${s.answers[0].id}?rendition=hls`, { headers: { authorization: 'Bearer test-api-key-0123456789-abcdefghijklmnop' } });
      assert.equal(missing.status, 404);
      assert.equal((await missing.json()).error.code, 'RENDITION_NOT_FOUND');
    } finally {
      await server.close();
    }
  });
});

describe('without ffmpeg', () => {
  it('skips the media step and says so; transcription still runs from the audio-only track', async () => {
    recordings ??= await makeRecordings();
    const fake = await startFakeOpenAI();
    const server = await startTestServer({
      ffmpegPath: '/nonexistent/ffmpeg',
      openai: { apiKey: 'sk-test', baseURL: fake.baseURL },
      jobs: { pollingSeconds: 0.5, maintenanceSeconds: 1, retryDelaySeconds: 1 },
    });
    try {
      const { sessionId } = await interviewSession(server);
      const s = await settled(server, sessionId);
      for (const answer of s.answers) {
        assert.equal(answer.processing.media.status, 'skipped');
        assert.match(answer.processing.media.detail, /ffmpeg is not installed/);
        assert.deepEqual(answer.renditions, []);
        assert.equal(answer.processing.transcription.status, 'done', 'the audio-only track needs no ffmpeg');
      }
      assert.equal(s.evaluation.status, 'scored');
      const missing = await fetch(`${server.endpoint}/v1/sessions/${sessionId}/media/${s.answers[0].id}?rendition=mp4`, { headers: { authorization: 'Bearer test-api-key-0123456789-abcdefghijklmnop' } });
      assert.equal(missing.status, 404);
      assert.equal((await missing.json()).error.code, 'RENDITION_NOT_FOUND');
    } finally {
      await server.close();
      await fake.close();
    }
  });
});
