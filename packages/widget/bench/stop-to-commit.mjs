// Benchmark: time from "Stop" to "answer committed" (the `candid-answer` event) for one long
// answer, on loopback, with the script-tag bundle in Debian Chromium with fake camera + mic.
//
//   npx rollup -c && npx tsc -b packages/server-sdk     (the bundle and the server must be built)
//   node packages/widget/bench/stop-to-commit.mjs [seconds=120] [runs=1]
//
// Env: CHROME_PATH (default /usr/lib/chromium/chromium), BENCH_TIMESLICE_MS (default: the widget's).
// Prints one JSON line per run and a summary. Not a test: nothing here is asserted.
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
const candid = createCandid({ dataDir, secret: 'bench-secret-0123456789abcdef0123456789abcdef', apiKeys: ['bench'] });
await candid.start();
const app = express();
app.use('/candid', candid.router);
app.get('/candid.js', (_req, res) => res.sendFile(bundle));
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
const click = (page, name) =>
  page.evaluate((n) => document.getElementById('w').shadowRoot.querySelector(`button[name="${n}"]`).click(), name);

const results = [];
try {
  for (let run = 1; run <= runs; run++) {
    const interview = await candid.interviews.create({
      title: 'Bench',
      questions: [{ id: 'q1', prompt: 'Talk for a while.', thinkSeconds: 5, answerSeconds: seconds + 60, maxRetakes: 0 }],
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
      window.MediaRecorder = class extends Real {
        constructor(stream, options) {
          super(stream, options);
          const kind = (options?.mimeType ?? '').split('/')[0];
          this.addEventListener('dataavailable', (e) => window.benchChunks.push({ kind, size: e.data.size, at: performance.now() }));
        }
      };
    });
    await page.goto(`${origin}/?token=${encodeURIComponent(session.token)}`);
    await waitPhase(page, 'check');
    await click(page, 'continue');
    await waitPhase(page, 'ready');
    await click(page, 'record');
    await waitPhase(page, 'recording');
    process.stderr.write(`run ${run}: recording ${seconds} s…\n`);
    await new Promise((r) => setTimeout(r, seconds * 1000));

    const stoppedAt = await page.evaluate(() => {
      const at = performance.now();
      const state = document.getElementById('w').store.getState();
      window.bench.atStop = { at, progress: state.progress };
      document.getElementById('w').shadowRoot.querySelector('button[name="stop"]').click();
      return at;
    });
    await page.waitForFunction(() => window.bench.events.some((e) => e.name === 'candid-answer' || e.name === 'candid-error'), {
      timeout: 120000,
      polling: 10,
    });
    const data = await page.evaluate(() => ({ bench: window.bench, chunks: window.benchChunks }));
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
    results.push(result);
    console.log(JSON.stringify(result));
    await page.close();
  }
  const ms = results.map((r) => r.stopToCommittedMs).sort((a, b) => a - b);
  console.log(`Stop → answer committed (${seconds} s answer, loopback, ${runs} run${runs > 1 ? 's' : ''}): median ${ms[Math.floor(ms.length / 2)]} ms, min ${ms[0]} ms, max ${ms.at(-1)} ms`);
} finally {
  await browser.close();
  await new Promise((r) => server.close(r));
  await candid.close();
  await rm(dataDir, { recursive: true, force: true });
}
