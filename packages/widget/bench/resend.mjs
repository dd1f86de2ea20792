// Benchmark: bytes sent again after a network cut and after a page reload, Candid's widget
// (streams 1 s chunks from an IndexedDB journal) vs tus-js-client resuming the same size of file.
// Every request goes through a loopback proxy (test/support/network-proxy.mjs) that counts PATCH
// body bytes per upload and can cut every connection; re-sent = PATCH bytes - final size.
//
//   npx rollup -c && node packages/widget/bench/resend.mjs
//
// Widget: Debian Chromium with a fake camera/mic, the script-tag bundle, uplink throttled to
// 16 kB/s (below the fake camera's ~35 kB/s) so bytes are in flight when the fault hits.
//   - cut: 4 s into recording every connection is reset and new ones refused for 1.5 s; Stop at 8 s.
//   - reload: Stop after 4 s with bytes still unsent, then the page reloads, the candidate submits the
//     recovered take (it was under review) and the widget finishes
//     the upload from its journal.
// tus-js-client 4 (Node, default chunkSize = the whole file, retryDelays [0, 1000, 3000]): the same
// number of bytes through the same throttled proxy; the same cut at 4 s; for "reload", abort at 4 s
// and start a new Upload with the old upload URL (what its fingerprint resume does after a reload).
// Prints JSON lines; the last one (`bench: "resend"`) sums up. Not a test: nothing is asserted.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import puppeteer from 'puppeteer-core';
import * as tus from 'tus-js-client';
import { createCandid } from '@candid/server-sdk';
import { startNetworkProxy } from '../test/support/network-proxy.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bundle = join(root, 'packages/widget/dist/candid.js');
const speechWav = join(root, 'fixtures/generated/speech.wav');
const executablePath = process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium';
if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npx rollup -c first`);
const THROTTLE = 16_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

process.env.LOG_LEVEL ??= 'warn';
const dataDir = await mkdtemp(join(tmpdir(), 'candid-bench-'));
const candid = createCandid({ dataDir, secret: 'bench-secret-0123456789abcdef0123456789abcdef', apiKeys: ['bench-api-key-0123456789-abcdefghijklm'] });
await candid.start();
const app = express();
app.use('/candid', candid.router);
app.get('/candid.js', (_req, res) => res.sendFile(bundle));
// The lazily loaded chunks (texts, screens, capture engine) next to the script, as an integrator hosts them.
app.use('/assets', express.static(join(root, 'packages/widget/dist/assets')));
app.get('/', (req, res) => {
  res.type('html').send(`<!doctype html><html lang="en"><body>
<script src="/candid.js"></script>
<candid-interview id="w"></candid-interview>
<script>
  const el = document.getElementById('w');
  el.endpoint = ${JSON.stringify(String(req.query.endpoint ?? ''))};
  el.token = ${JSON.stringify(String(req.query.token ?? ''))};
  window.bench = { events: [] };
  for (const name of ['candid-answer', 'candid-error', 'candid-complete']) el.addEventListener(name, (e) => bench.events.push({ name, detail: e.detail }));
</script></body></html>`);
});
const server = await new Promise((resolve) => {
  const s = app.listen(0, '127.0.0.1', () => resolve(s));
});
const origin = `http://127.0.0.1:${server.address().port}`;
const proxy = await startNetworkProxy({ upstreamPort: server.address().port });
const endpoint = `http://127.0.0.1:${proxy.port}/candid`;

const interview = await candid.interviews.create({ title: 'Bench', questions: [{ id: 'q1', prompt: 'Talk.', thinkSeconds: 5, answerSeconds: 120, maxRetakes: 0 }] });
async function consentedSession(name) {
  const session = await candid.sessions.create({ interviewId: interview.id, candidate: { externalId: name } });
  const consent = await fetch(`${origin}/candid/v1/session/consent`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ noticeVersion: null, choices: { recording: true, aiEvaluation: false, productImprovement: false }, ageConfirmed: true }),
  });
  if (consent.status !== 201) throw new Error(`consent: ${consent.status}`);
  return session;
}

const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', ...(existsSync(speechWav) ? [`--use-file-for-fake-audio-capture=${speechWav}`] : [])],
});
const state = (page) => page.evaluate(() => document.getElementById('w').store.getState());
async function waitPhase(page, wanted, timeoutMs = 30000) {
  for (const until = Date.now() + timeoutMs; ; await sleep(100)) {
    const now = (await state(page)).phase;
    if (wanted.includes(now)) return now;
    if (now === 'error' || Date.now() > until) throw new Error(`waiting for ${wanted} (phase ${now}): ${JSON.stringify((await state(page)).error ?? null)}`);
  }
}
const click = (page, name) => page.evaluate((n) => document.getElementById('w').shadowRoot.querySelector(`button[name="${n}"]`).click(), name);
const answerEvent = (page) => page.waitForFunction(() => window.bench.events.find((e) => e.name === 'candid-answer' || e.name === 'candid-error')?.detail, { timeout: 120000, polling: 50 });

/** Re-sent bytes of a committed answer, per track, from the proxy's counters. */
async function resentFor(sessionId) {
  const session = await candid.sessions.get(sessionId);
  const stats = proxy.stats();
  const media = session.answers[0]?.media ?? [];
  if (media.length === 0) throw new Error('no committed media');
  const perTrack = Object.fromEntries(media.map((m) => [m.track, (stats[m.uploadId]?.patchBytes ?? 0) - m.sizeBytes]));
  // PATCHes the fault broke (the proxy saw them start but not finish): proof the fault hit mid-upload.
  const brokenPatches = media.reduce((n, m) => n + (stats[m.uploadId]?.failedPatches ?? 0), 0);
  return { perTrack, brokenPatches, resent: Object.values(perTrack).reduce((a, b) => a + b, 0), bytes: media.reduce((n, m) => n + m.sizeBytes, 0), videoBytes: media.find((m) => m.track === 'video')?.sizeBytes ?? 0 };
}

async function widgetRun(fault) {
  const session = await consentedSession(`resend-${fault}`);
  const page = await browser.newPage();
  // The widget asks "leave the page?" (beforeunload) while a take is unsent: the candidate says yes.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.evaluateOnNewDocument(() => {
    const Real = MediaRecorder;
    window.benchMaxChunk = 0;
    window.MediaRecorder = class extends Real {
      constructor(stream, options) {
        super(stream, options);
        this.addEventListener('dataavailable', (e) => (window.benchMaxChunk = Math.max(window.benchMaxChunk, e.data.size)));
      }
    };
  });
  await page.goto(`${origin}/?endpoint=${encodeURIComponent(endpoint)}&token=${encodeURIComponent(session.token)}`);
  await waitPhase(page, ['check']);
  await click(page, 'continue');
  if ((await waitPhase(page, ['intro', 'ready'])) === 'intro') await click(page, 'start');
  await waitPhase(page, ['ready']);
  proxy.throttle(THROTTLE);
  await click(page, 'record');
  await waitPhase(page, ['recording']);
  let pendingAtFault = null;
  /** Waits (up to 3 s) for recorded bytes the server has not acknowledged, so the fault lands mid-upload. */
  const pending = async () => {
    for (const until = Date.now() + 3000; ; await sleep(20)) {
      const p = (await state(page)).progress;
      const unsent = p ? p.bytesRecorded - p.bytesSent : 0;
      if (unsent > 0 || Date.now() > until) return unsent;
    }
  };
  if (fault === 'cut') {
    await sleep(4000);
    pendingAtFault = await pending();
    proxy.cut(1500);
    await sleep(4000);
    await click(page, 'stop');
    await waitPhase(page, ['review']);
    proxy.throttle(null);
    await click(page, 'submit');
  } else {
    await sleep(4000);
    await click(page, 'stop');
    await waitPhase(page, ['review']);
    await sleep(300); // the journal marks the take stopped
    pendingAtFault = await pending();
    await page.goto(page.url(), { waitUntil: 'domcontentloaded', timeout: 60000 });
    proxy.throttle(null);
    // The take was under review, not submitted: the widget asks again; the candidate submits it.
    await waitPhase(page, ['interrupted']);
    await click(page, 'keep');
  }
  const maxChunk = fault === 'cut' ? await page.evaluate(() => window.benchMaxChunk) : null;
  let answer;
  try {
    answer = await (await answerEvent(page)).jsonValue();
  } catch (error) {
    // Say where the widget was stuck instead of only "timed out".
    const st = await state(page).catch(() => null);
    const failure = { client: 'candid-widget', fault, error: String(error).split('\n')[0], phase: st?.phase, progress: st?.progress, widgetError: st?.error ?? null, pendingAtFaultBytes: pendingAtFault, proxy: proxy.stats() };
    console.log(JSON.stringify(failure));
    await page.close();
    return { failed: true, ...failure };
  }
  await page.close();
  if (!answer.id && !answer.answerId && answer.code) throw new Error(`widget ${fault}: ${JSON.stringify(answer)}`);
  const result = { client: 'candid-widget', fault, pendingAtFaultBytes: pendingAtFault, largestChunkBytes: maxChunk, ...(await resentFor(session.sessionId)) };
  console.log(JSON.stringify(result));
  return result;
}

async function tusRun(fault, size) {
  const session = await consentedSession(`resend-tus-${fault}`);
  const data = Buffer.alloc(size, 7);
  Buffer.from([0x1a, 0x45, 0xdf, 0xa3]).copy(data);
  const options = {
    endpoint: `${endpoint}/v1/uploads`,
    headers: { Authorization: `Bearer ${session.token}` },
    metadata: { questionId: 'q1', attempt: '1', track: 'video', mimeType: 'video/webm' },
    retryDelays: [0, 1000, 3000],
  };
  proxy.throttle(THROTTLE);
  let url = null;
  const finish = (upload) =>
    new Promise((resolve, reject) => {
      upload.options.onSuccess = resolve;
      upload.options.onError = reject;
      upload.start();
    });
  if (fault === 'cut') {
    const upload = new tus.Upload(data, options);
    const done = finish(upload);
    await sleep(4000);
    proxy.cut(1500);
    await sleep(1600);
    proxy.throttle(null);
    await done;
    url = upload.url;
  } else {
    const first = new tus.Upload(data, options);
    first.options.onError = () => {};
    first.start();
    await sleep(4000);
    await first.abort(false); // the page goes away; the upload URL survives (fingerprint storage)
    proxy.throttle(null);
    const resumed = new tus.Upload(data, { ...options, uploadUrl: first.url });
    await finish(resumed);
    url = resumed.url;
  }
  const id = url.split('/').pop();
  const { patchBytes = 0, failedPatches = 0, patches = 0 } = proxy.stats()[id] ?? {};
  const result = { client: 'tus-js-client', fault, bytes: size, resent: patchBytes - size, patches, brokenPatches: failedPatches };
  console.log(JSON.stringify(result));
  return result;
}

try {
  const cut = await widgetRun('cut');
  const reload = await widgetRun('reload');
  // Without a widget figure, the baseline still runs on a typical 8 s / 4 s recording's size.
  const tusCut = await tusRun('cut', cut.videoBytes ?? 300_000);
  const tusReload = await tusRun('reload', reload.videoBytes ?? 130_000);
  console.log(JSON.stringify({ bench: 'resend', cut: { candidFailed: cut.failed ?? false, candid: cut.resent ?? null, baseline: tusCut.resent, candidBrokenPatches: cut.brokenPatches, baselineBrokenPatches: tusCut.brokenPatches, largestChunkBytes: cut.largestChunkBytes, candidBytes: cut.bytes, baselineBytes: tusCut.bytes }, reload: { candidFailed: reload.failed ?? false, candid: reload.resent ?? null, baseline: tusReload.resent, candidBrokenPatches: reload.brokenPatches, baselineBrokenPatches: tusReload.brokenPatches, candidBytes: reload.bytes, baselineBytes: tusReload.bytes } }));
} finally {
  await browser.close();
  await proxy.close();
  server.closeAllConnections?.();
  await new Promise((r) => server.close(r));
  await sleep(1000); // let the commits' background jobs settle before the database closes
  await candid.close();
  await rm(dataDir, { recursive: true, force: true });
}
