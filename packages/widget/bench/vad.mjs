// Benchmark: CPU cost of the widget's voice activity detection (vad-web MicVAD, Silero v5,
// onnxruntime-web wasm, one thread), as ms of processing per second of audio. The page loads the
// built VAD chunk from dist/assets/ exactly as the widget does, decodes speech-pauses.wav at
// 16 kHz, and pushes its 32 ms frames through MicVAD's frame processor as fast as it can (no
// microphone, no real time), several passes.
//
//   npx rollup -c && bash scripts/make-fixtures.sh
//   node packages/widget/bench/vad.mjs [passes=5]
//
// Env: CHROME_PATH (default /usr/lib/chromium/chromium). Prints one JSON line. Not a test.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import puppeteer from 'puppeteer-core';

const passes = Number(process.argv[2] ?? 5);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const assets = join(root, 'packages/widget/dist/assets');
const wav = join(root, 'fixtures/generated/speech-pauses.wav');
const executablePath = process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium';
if (!existsSync(join(assets, 'candid-vad.js'))) throw new Error(`${assets}/candid-vad.js is missing: run npx rollup -c first`);
if (!existsSync(wav)) throw new Error(`${wav} is missing: run bash scripts/make-fixtures.sh first`);

const app = express();
app.use('/assets', express.static(assets));
app.get('/audio.wav', (_req, res) => res.sendFile(wav));
app.get('/', (_req, res) => res.type('html').send('<!doctype html><html lang="en"><body>VAD bench</body></html>'));
const server = await new Promise((resolve) => {
  const s = app.listen(0, '127.0.0.1', () => resolve(s));
});
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  const result = await page.evaluate(async (passes) => {
    const loadStarted = performance.now();
    const { MicVAD } = await import('/assets/candid-vad.js');
    const vad = await MicVAD.new({
      model: 'v5',
      baseAssetPath: '/assets/',
      onnxWASMBasePath: '/assets/',
      startOnLoad: false,
      ortConfig: (ort) => {
        ort.env.logLevel = 'error';
        ort.env.wasm.numThreads = 1; // as in the widget
      },
    });
    const loadMs = performance.now() - loadStarted;
    // decodeAudioData resamples to the context's rate: 16 kHz, what Silero analyses.
    const encoded = await (await fetch('/audio.wav')).arrayBuffer();
    const decoded = await new OfflineAudioContext(1, 16000, 16000).decodeAudioData(encoded);
    const samples = decoded.getChannelData(0);
    const frameSamples = 512;
    vad.frameProcessor.resume(); // process frames without a microphone (MicVAD.start would open one)
    let speechFrames = 0;
    vad.options.onFrameProcessed = (p) => {
      if (p.isSpeech >= 0.5) speechFrames += 1;
    };
    const perPass = [];
    for (let pass = 0; pass < passes; pass++) {
      const started = performance.now();
      for (let i = 0; i + frameSamples <= samples.length; i += frameSamples) {
        await vad.processFrame(samples.slice(i, i + frameSamples));
      }
      perPass.push(performance.now() - started);
    }
    return { loadMs, perPass, audioSeconds: samples.length / 16000, frames: Math.floor(samples.length / frameSamples), speechFrames: speechFrames / passes };
  }, passes);
  const sorted = [...result.perPass].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
  console.log(
    JSON.stringify({
      metric: 'vad_ms_per_audio_second',
      value: round(median / result.audioSeconds),
      unit: 'ms',
      model: 'silero_v5',
      threads: 1,
      audioSeconds: round(result.audioSeconds),
      framesPerPass: result.frames,
      speechFramesPerPass: result.speechFrames,
      passes,
      passMs: result.perPass.map((x) => round(x, 0)),
      ms_per_frame: round(median / result.frames, 3),
      load_ms: round(result.loadMs, 0),
    }),
  );
} finally {
  await browser.close();
  server.close();
}
