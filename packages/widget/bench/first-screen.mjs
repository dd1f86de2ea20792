// Benchmark: what a candidate waits for, on a 4×-throttled CPU (a mid-range phone): time from
// opening the link to the first screen (the consent form with its notice, "I agree" enabled), and
// to "recording" (every screen passed as soon as its primary button is enabled: consent, device
// check, intro, Record). The script-tag bundle in Debian Chromium with fake camera + mic, on loopback.
//
//   npx rollup -c && npx tsc -b packages/server-sdk
//   node packages/widget/bench/first-screen.mjs [--runs=5] [--throttle=4] [--network=4g] [--baseline=<dist dir>]
//
// `--baseline` is another build's `dist/` folder (its candid.js and assets/), e.g. the previous
// release's `node_modules/@candid/widget/dist`: both are measured in the same run, alternating.
// Prints one JSON line per run and a summary (`bench: "first-screen"`). Nothing is asserted.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import puppeteer from 'puppeteer-core';
import { createCandid } from '@candid/server-sdk';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const runs = Number(arg('runs', 5));
const throttle = Number(arg('throttle', 4));
/** `--network=4g`: a mobile link (9 Mbit/s down, 3 up, 80 ms round trip) on top of the CPU throttle; default: loopback as is. */
const network = arg('network', 'loopback');
const NETWORKS = { '4g': { offline: false, download: (9e6 / 8), upload: (3e6 / 8), latency: 80 } };
const root = fileURLToPath(new URL('../../../', import.meta.url));
const variants = [{ name: 'candid', dist: join(root, 'packages/widget/dist') }];
if (arg('baseline')) variants.push({ name: 'baseline', dist: resolve(arg('baseline')) });
for (const v of variants) if (!existsSync(join(v.dist, 'candid.js'))) throw new Error(`${v.dist}/candid.js is missing`);
const executablePath = process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium';

process.env.LOG_LEVEL ??= 'warn';
const candid = createCandid({ dataDir: await mkdtemp(join(tmpdir(), 'candid-bench-')), secret: 'bench-secret-0123456789abcdef0123456789abcdef', apiKeys: ['bench-api-key-0123456789-abcdefghijklm'] });
await candid.start();
const interview = await candid.interviews.create({
  title: 'Customer Support Specialist',
  notice: { version: 'bench', markdown: '# Privacy notice\nWe are **Northwind Robotics**. A person decides.' },
  questions: [{ id: 'q1', prompt: 'Tell us about a hard problem you solved.', thinkSeconds: 0, answerSeconds: 60, maxRetakes: 1 }],
});
const app = express();
app.use('/candid', candid.router);
for (const v of variants) app.use(`/dist-${v.name}`, express.static(v.dist));
app.get('/page/:variant', (req, res) => {
  res.type('html').send(`<!doctype html><html lang="en"><body>
<script src="/dist-${req.params.variant}/candid.js"></script>
<candid-interview id="w" endpoint="/candid" token="${String(req.query.token)}"></candid-interview></body></html>`);
});
const server = await new Promise((ok) => {
  const s = app.listen(0, '127.0.0.1', () => ok(s));
});
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required', '--disable-background-networking'],
});

/** Clicks `selector` in the widget as soon as it exists and is enabled; resolves with the time (ms since navigation). */
const clickWhenReady = (page, selector) =>
  page.waitForFunction(
    (sel) => {
      const el = document.getElementById('w')?.shadowRoot?.querySelector(sel);
      if (!el || el.disabled) return false;
      el.click();
      return performance.now();
    },
    { polling: 'raf', timeout: 60000 },
    selector,
  ).then((h) => h.jsonValue());

async function measure(variant) {
  const { token } = await candid.sessions.create({ interviewId: interview.id, candidate: { externalId: `bench-${Date.now()}-${Math.random()}` } });
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.emulateCPUThrottling(throttle);
  if (NETWORKS[network]) await page.emulateNetworkConditions(NETWORKS[network]);
  await page.goto(`${origin}/page/${variant}?token=${encodeURIComponent(token)}`);
  const firstScreen = await page
    .waitForFunction(() => {
      const r = document.getElementById('w')?.shadowRoot;
      const agree = r?.querySelector('button[name="agree"]');
      return agree && !agree.disabled && r.querySelector('[part~="notice"]') ? performance.now() : false;
    }, { polling: 'raf', timeout: 60000 })
    .then((h) => h.jsonValue());
  await page.evaluate(() => {
    const r = document.getElementById('w').shadowRoot;
    for (const name of ['recording', 'ageConfirmed']) r.querySelector(`input[name="${name}"]`).click();
  });
  const steps = {};
  for (const name of ['agree', 'continue', 'start', 'record']) steps[name] = Math.round(await clickWhenReady(page, `button[name="${name}"]`));
  const recording = await page
    .waitForFunction(() => (document.getElementById('w').store.getState().phase === 'recording' ? performance.now() : false), { polling: 'raf', timeout: 60000 })
    .then((h) => h.jsonValue());
  await context.close();
  return { firstScreenMs: Math.round(firstScreen), recordingMs: Math.round(recording), clickedAtMs: steps };
}

const results = Object.fromEntries(variants.map((v) => [v.name, []]));
await measure(variants[0].name); // warm-up: server caches, browser disk cache of nothing (contexts are fresh)
for (let i = 0; i < runs; i++) {
  for (const v of i % 2 === 0 ? variants : [...variants].reverse()) {
    const r = await measure(v.name);
    results[v.name].push(r);
    console.log(JSON.stringify({ bench: 'first-screen-run', variant: v.name, run: i + 1, throttle, ...r }));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = { bench: 'first-screen', throttle, network, runs };
for (const v of variants) {
  summary[v.name] = { firstScreenMs: median(results[v.name].map((r) => r.firstScreenMs)), recordingMs: median(results[v.name].map((r) => r.recordingMs)) };
}
if (summary.baseline) {
  summary.ratio = {
    firstScreen: Math.round((summary.candid.firstScreenMs / summary.baseline.firstScreenMs) * 100) / 100,
    recording: Math.round((summary.candid.recordingMs / summary.baseline.recordingMs) * 100) / 100,
  };
}
console.log(JSON.stringify(summary));
await browser.close();
server.close();
await candid.close();
