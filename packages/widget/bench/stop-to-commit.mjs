// Benchmark: time from "Stop" to "answer committed" (the `candid-answer` event) for one long
// answer, on loopback, with the script-tag bundle in Debian Chromium with fake camera + mic.
//
//   npx rollup -c && npx tsc -b packages/server-sdk     (the bundle and the server must be built)
//   node packages/widget/bench/stop-to-commit.mjs [seconds=120] [runs=1]
//
// Env: CHROME_PATH (default /usr/lib/chromium/chromium), BENCH_TIMESLICE_MS (default: the widget's).
// Baseline, same run: the same recorded blobs uploaded after Stop with tus-js-client (browser
// build, default options: one PATCH per file) to the same tus endpoint as answer q2, then the same
// commit call. Its Stop → committed = the recorder's own flush after Stop (measured in the Candid
// run) + that upload + commit.
//
// Prints one JSON line per run and a summary (JSON, `bench: "stop"`). Not a test: nothing here is asserted.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import puppeteer from 'puppeteer-core';
import { createCandid } from '@candid/server-sdk';

const seconds = Number(process.argv[2] ?? 120);
const runs = Number(process.argv[3] ?? 1);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bundle = join(root, 'packages/widget/dist/candid.js');
const speechWav = join(root, 'fixtures/generated/speech.wav');
const executablePath = process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium';
if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npx rollup -c first`);

process.env.LOG_LEVEL ??= 'warn'; // no request log lines between the results
const dataDir = await mkdtemp(join(tmpdir(), 'candid-bench-'));
const candid = createCandid({ dataDir, secret: 'bench-secret-0123456789abcdef0123456789abcdef', apiKeys: ['bench-api-key-0123456789-abcdefghijklm'] });
await candid.start();
const app = express();
app.use('/candid', candid.router);
app.get('/candid.js', (_req, res) => res.sendFile(bundle));
// The lazily loaded chunks (texts, screens, capture engine) next to the script, as an integrator hosts them.
app.use('/assets', express.static(join(root, 'packages/widget/dist/assets')));
app.get('/tus.js', (_req, res) => res.sendFile(join(root, 'node_modules/tus-js-client/dist/tus.min.js')));
app.get('/', (req, res) => {
  const timeslice = process.env.BENCH_TIMESLICE_MS ? `el.timesliceMs = ${Number(process.env.BENCH_TIMESLICE_MS)};` : '';
  res.type('html').send(`<!doctype html><html lang="en"><body>
<script src="/candid.js"></script>
<candid-interview id="w"></candid-interview>
<script>
  const el = document.getElementById('w');
  ${timeslice}
  el.endpoint = location.origin + '/candid';
  el.token = ${JSON.stringify(String(req.query.token ?? ''))};
  window.bench = { events: [] };
  for (const name of ['candid-ready', 'candid-progress', 'candid-answer', 'candid-error', 'candid-complete']) {
    el.addEventListener(name, (e) => bench.events.push({ name, at: performance.now(), detail: e.detail }));
  }
</script></body></html>`);
});
const server = await new Promise((resolve) => {
  const s = app.listen(0, '127.0.0.1', () => resolve(s));
});
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    ...(existsSync(speechWav) ? [`--use-file-for-fake-audio-capture=${speechWav}`] : []),
    '--autoplay-policy=no-user-gesture-required',
  ],
});

const phase = (page) => page.evaluate(() => document.getElementById('w').store.getState().phase);
async function waitPhase(page, wanted, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const now = await phase(page);
    if (now === wanted) return;
    if (now === 'error') throw new Error(`widget error: ${JSON.stringify(await page.evaluate(() => document.getElementById('w').store.getState().error))}`);
    if (Date.now() > until) throw new Error(`timed out waiting for ${wanted} (phase ${now})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
async function waitPhaseAny(page, wanted, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const now = await phase(page);
    if (wanted.includes(now)) return now;
    if (Date.now() > until) throw new Error(`timed out waiting for ${wanted.join('|')} (phase ${now})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const click = (page, name) =>
  page.evaluate((n) => document.getElementById('w').shadowRoot.querySelector(`button[name="${n}"]`).click(), name);

const results = [];
try {
  for (let run = 1; run <= runs; run++) {
    const interview = await candid.interviews.create({
      title: 'Bench',
      questions: [
        { id: 'q1', prompt: 'Talk for a while.', thinkSeconds: 5, answerSeconds: seconds + 60, maxRetakes: 0 },
        // Answered by the tus-js-client baseline with the same recording.
        { id: 'q2', prompt: 'Same again.', thinkSeconds: 5, answerSeconds: seconds + 60, maxRetakes: 0 },
      ],
    });
    const session = await candid.sessions.create({ interviewId: interview.id, candidate: { externalId: `bench-${run}` } });
    const consent = await fetch(`${origin}/candid/v1/session/consent`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ noticeVersion: null, choices: { recording: true, aiEvaluation: false, productImprovement: false }, ageConfirmed: true }),
    });
    if (consent.status !== 201) throw new Error(`consent: ${consent.status}`);

    const page = await browser.newPage();
    // Observe every blob MediaRecorder emits (chunk sizes), before the bundle loads.
    await page.evaluateOnNewDocument(() => {
      const Real = MediaRecorder;
      window.benchChunks = [];
      window.benchBlobs = [];
      window.MediaRecorder = class extends Real {
        constructor(stream, options) {
          super(stream, options);
          const kind = (options?.mimeType ?? '').split('/')[0];
          const recording = { kind, mimeType: options?.mimeType ?? '', blobs: [] };
          window.benchBlobs.push(recording);
          this.addEventListener('dataavailable', (e) => {
            window.benchChunks.push({ kind, size: e.data.size, at: performance.now() });
            if (e.data.size > 0) recording.blobs.push(e.data);
          });
        }
      };
      // What the fake camera really delivered for the widget's 1280x720 request.
      const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (constraints) => {
        const stream = await getUserMedia(constraints);
        const settings = stream.getVideoTracks()[0]?.getSettings();
        if (settings) window.benchCamera = { width: settings.width, height: settings.height, frameRate: settings.frameRate };
        return stream;
      };
    });
    await page.goto(`${origin}/?token=${encodeURIComponent(session.token)}`);
    await waitPhase(page, 'check');
    await click(page, 'continue');
    // The interview has two questions (q2 is the baseline's), so the widget shows its intro first.
    if ((await waitPhaseAny(page, ['intro', 'ready'])) === 'intro') await click(page, 'start');
    await waitPhase(page, 'ready');
    await click(page, 'record');
    await waitPhase(page, 'recording');
    process.stderr.write(`run ${run}: recording ${seconds} s…\n`);
    await new Promise((r) => setTimeout(r, seconds * 1000));

    const stoppedAt = await page.evaluate(() => {
      const at = performance.now();
      const state = document.getElementById('w').store.getState();
      window.bench.atStop = { at, progress: state.progress };
      // The widget shows the take for review after Stop; submit it the moment it does (a candidate
      // who is happy at once), so the figure is the widget's and the network's, not a person's.
      const el = document.getElementById('w');
      const unsubscribe = el.store.subscribe((s) => {
        if (s.phase !== 'review') return;
        unsubscribe();
        window.bench.submitAt = performance.now();
        queueMicrotask(() => el.shadowRoot.querySelector('button[name="submit"]')?.click());
      });
      el.shadowRoot.querySelector('button[name="stop"]').click();
      return at;
    });
    await page.waitForFunction(() => window.bench.events.some((e) => e.name === 'candid-answer' || e.name === 'candid-error'), {
      timeout: 120000,
      polling: 10,
    });
    const data = await page.evaluate(() => ({ bench: window.bench, chunks: window.benchChunks, camera: window.benchCamera ?? null }));
    const answer = data.bench.events.find((e) => e.name === 'candid-answer');
    if (!answer) throw new Error(`no answer: ${JSON.stringify(data.bench.events.find((e) => e.name === 'candid-error'))}`);
    const video = data.chunks.filter((c) => c.kind === 'video' && c.size > 0);
    const audio = data.chunks.filter((c) => c.kind === 'audio' && c.size > 0);
    const lastChunkAt = Math.max(...data.chunks.map((c) => c.at));
    const allSent = data.bench.events.find(
      (e) => e.name === 'candid-progress' && e.at >= stoppedAt && e.at >= lastChunkAt && e.detail.bytesSent === e.detail.bytesRecorded,
    );
    const result = {
      run,
      answerSeconds: seconds,
      stopToCommittedMs: Math.round(answer.at - stoppedAt),
      stopToReviewMs: data.bench.submitAt ? Math.round(data.bench.submitAt - stoppedAt) : null,
      stopToLastChunkMs: Math.round(lastChunkAt - stoppedAt),
      // Every byte on the server (the last PATCH answered); the rest is the commit request.
      stopToAllBytesOnServerMs: allSent ? Math.round(allSent.at - stoppedAt) : null,
      unsentAtStopBytes: data.bench.atStop.progress.bytesRecorded - data.bench.atStop.progress.bytesSent,
      videoBytes: video.reduce((n, c) => n + c.size, 0),
      audioBytes: audio.reduce((n, c) => n + c.size, 0),
      videoChunks: video.length,
      videoChunkAvgBytes: Math.round(video.reduce((n, c) => n + c.size, 0) / video.length),
      videoChunkMaxBytes: Math.max(...video.map((c) => c.size)),
      audioChunkAvgBytes: Math.round(audio.reduce((n, c) => n + c.size, 0) / audio.length),
      durationMs: answer.detail.durationMs,
    };
    // Baseline: the same recording, uploaded after Stop with tus-js-client, then committed.
    await page.addScriptTag({ url: '/tus.js' });
    const baseline = await page.evaluate(async (token) => {
      const started = performance.now();
      const recordings = window.benchBlobs.filter((r) => r.blobs.length > 0 && (r.kind === 'video' || r.kind === 'audio'));
      await Promise.all(
        recordings.map(
          (r) =>
            new Promise((resolve, reject) => {
              const upload = new window.tus.Upload(new Blob(r.blobs, { type: r.mimeType }), {
                endpoint: `${location.origin}/candid/v1/uploads`,
                headers: { Authorization: `Bearer ${token}` },
                metadata: { questionId: 'q2', attempt: '1', track: r.kind, mimeType: r.mimeType },
                storeFingerprintForResuming: false,
                onError: reject,
                onSuccess: resolve,
              });
              upload.start();
            }),
        ),
      );
      const uploadedAt = performance.now();
      const commit = await fetch(`${location.origin}/candid/v1/session/answers/q2`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ attempt: 1, durationMs: 1000 }),
      });
      if (commit.status !== 200) throw new Error(`baseline commit: ${commit.status} ${await commit.text()}`);
      return { uploadMs: uploadedAt - started, uploadAndCommitMs: performance.now() - started, tracks: recordings.map((r) => r.kind), bytes: recordings.reduce((n, r) => n + r.blobs.reduce((m, b) => m + b.size, 0), 0) };
    }, session.token);
    result.camera = data.camera;
    result.baselineUploadAndCommitMs = Math.round(baseline.uploadAndCommitMs);
    result.baselineStopToCommittedMs = Math.max(0, result.stopToLastChunkMs) + Math.round(baseline.uploadAndCommitMs);
    result.baselineBytes = baseline.bytes;
    results.push(result);
    console.log(JSON.stringify(result));
    await page.close();
  }
  const ms = results.map((r) => r.stopToCommittedMs).sort((a, b) => a - b);
  const base = results.map((r) => r.baselineStopToCommittedMs).sort((a, b) => a - b);
  console.log(`Stop → answer committed (${seconds} s answer, loopback, ${runs} run${runs > 1 ? 's' : ''}): median ${ms[Math.floor(ms.length / 2)]} ms, min ${ms[0]} ms, max ${ms.at(-1)} ms; tus-js-client after Stop: median ${base[Math.floor(base.length / 2)]} ms`);
  console.log(JSON.stringify({ bench: 'stop', seconds, runs, medianMs: ms[Math.floor(ms.length / 2)], baselineMedianMs: base[Math.floor(base.length / 2)], camera: results[0]?.camera, bytes: results[0] ? results[0].videoBytes + results[0].audioBytes : null }));
} finally {
  await browser.close();
  await new Promise((r) => server.close(r));
  // candid.close() while the commits' background jobs still run ends in an unhandled
  // "PGlite is closed" rejection; give them a moment first.
  await new Promise((r) => setTimeout(r, 1000));
  await candid.close();
  await rm(dataDir, { recursive: true, force: true });
}
