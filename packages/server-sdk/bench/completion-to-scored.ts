// Completion → `session.scored`: how long the pipeline's own machinery (job queue, steps, webhook)
// takes once a candidate completes, with a zero-latency local OpenAI-compatible server, so nothing
// but Candid is measured. Per-answer steps (renditions, transcription) are left to settle before
// completing, then the clock runs from `POST /v1/session/complete` to the webhook's arrival.
//
//   node --import tsx packages/server-sdk/bench/completion-to-scored.ts [runs=3] [pollingSeconds=default]
//
// Prints one JSON line per run and a summary line (JSON, `bench: "scored"`).
import { startFakeOpenAI } from '../test/helpers/fake-openai.js';
import { makeRecordings } from '../test/helpers/media-fixtures.js';
import { api, startTestServer } from '../test/helpers/server.js';
import { createUpload, patchUpload } from '../test/helpers/tus.js';
import { startWebhookReceiver } from '../test/helpers/webhook-receiver.js';

const runs = Number(process.argv[2] ?? 3);
const pollingSeconds = process.argv[3] ? Number(process.argv[3]) : undefined;
const COMPETENCIES = [
  { id: 'customer_focus', description: 'Puts the customer first.', anchors: [{ level: 1, description: 'No example.' }, { level: 3, description: 'A concrete example.' }] },
];

const recordings = await makeRecordings();
const fake = await startFakeOpenAI();
const receiver = await startWebhookReceiver();
const server = await startTestServer({
  openai: { apiKey: 'sk-bench', baseURL: fake.baseURL },
  webhookUrl: receiver.url,
  webhookSecret: `whsec_${Buffer.from('bench-webhook-secret-0123456789').toString('base64')}`,
  webhookAllowPrivate: true,
  // Only the polling interval is a knob here; everything else is the production default.
  ...(pollingSeconds ? { jobs: { pollingSeconds } } : {}),
});

async function settledAnswers(sessionId: string) {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const s = (await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}`)).json;
    if (s.answers.every((a: any) => !['pending', 'running'].includes(a.processing.media.status) && !['pending', 'running'].includes(a.processing.transcription.status))) return s;
  }
  throw new Error('answers did not settle');
}

const results: number[] = [];
try {
  const interview = await api(server.endpoint, 'POST', '/v1/interviews', { title: 'Bench', questions: [{ id: 'q1', prompt: 'Tell us about a customer.', answerSeconds: 60, competencies: COMPETENCIES }] });
  for (let run = 1; run <= runs; run++) {
    const session = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: `bench-${run}` } });
    const token = session.json.token as string;
    await api(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: null, choices: { recording: true, aiEvaluation: true }, ageConfirmed: true }, token);
    for (const [track, bytes, mimeType] of [['video', recordings.video, 'video/webm;codecs=vp8,opus'], ['audio', recordings.audio, 'audio/webm;codecs=opus']] as const) {
      const upload = await createUpload(server.endpoint, token, { questionId: 'q1', attempt: '1', track, mimeType });
      await patchUpload(upload.url!, token, 0, bytes, { length: bytes.length });
    }
    const commit = await api(server.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1, durationMs: 2000, speechSegments: [{ startMs: 0, endMs: 1900 }] }, token);
    if (commit.status !== 200) throw new Error(`commit: ${JSON.stringify(commit.json)}`);
    await settledAnswers(session.json.sessionId);
    const started = performance.now();
    const complete = await api(server.endpoint, 'POST', '/v1/session/complete', {}, token);
    if (complete.status !== 200) throw new Error(`complete: ${JSON.stringify(complete.json)}`);
    await receiver.waitFor((all) => all.some((r) => r.body.toString().includes('"session.scored"') && r.body.toString().includes(session.json.sessionId)), 120_000, 'session.scored');
    const ms = performance.now() - started;
    results.push(ms);
    console.log(JSON.stringify({ run, completeToScoredWebhookMs: Math.round(ms) }));
  }
  const sorted = [...results].sort((a, b) => a - b);
  console.log(JSON.stringify({ bench: 'scored', medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!), runs, pollingSeconds: server.candid.options.jobs.pollingSeconds, chatCalls: fake.chats.length }));
} finally {
  await server.close();
  await receiver.close();
  await fake.close();
}
