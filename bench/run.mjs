// `npm run bench`: runs every measurement of issue 9 (each bench script as a child process that
// prints JSON lines), then prints one table — metric | candid | baseline | ratio | target | met? —
// and writes bench/results/latest.json.
//
//   npm run bench                 build first (tsc for the server, rollup), then measure
//   npm run bench -- --no-build   measure what is already built
//   npm run bench -- --quick      20 s answer instead of 120 s, 50/200 uploads instead of 50/200/500
//   npm run bench -- --only=resend,stop   rerun those steps, reuse the rest of the last latest.json
//   CANDID_BENCH_BASELINE_DIST=<dir> npm run bench   compare link → first screen with another build's dist/
//   node bench/sizes.mjs                  only the gzip sizes of the built outputs (no build, ~2 s)
//
// Figures depend on the machine; docs/benchmarks.md holds a reviewed run and how to read it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSizes } from './sizes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const started = Date.now();
const answerSeconds = quick ? 20 : 120;
const concurrency = quick ? [50, 200] : [50, 200, 500];

/** Runs a command; its output goes to stderr as it comes; returns its JSON lines. */
function run(label, command, commandArgs) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    process.stderr.write(`\n--- ${label}: ${command} ${commandArgs.join(' ')}\n`);
    const child = spawn(command, commandArgs, { cwd: root, env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => {
      const lines = out.split('\n').filter((l) => l.startsWith('{')).flatMap((l) => {
        try {
          return [JSON.parse(l)];
        } catch {
          return [];
        }
      });
      const seconds = Math.round((Date.now() - t0) / 1000);
      if (code !== 0) process.stderr.write(`--- ${label} exited with ${code} (${seconds} s); figures it printed are still used\n`);
      else process.stderr.write(`--- ${label} done in ${seconds} s\n`);
      resolve({ code, lines, seconds });
    });
  });
}

// --- measure ---------------------------------------------------------------------------------
const raw = { steps: {} };
if (!args.includes('--no-build')) {
  // What the benches run: the server's dist (imported as @candid/server-sdk) and the bundles
  // (type declarations are not needed).
  const server = await run('build server', 'npm', ['run', '--silent', 'build:server']);
  const build = server.code === 0 ? await run('build bundles', 'npm', ['run', '--silent', 'build:bundles']) : server;
  if (build.code !== 0) {
    console.error('build failed: nothing measured');
    process.exit(1);
  }
}
raw.sizes = await bundleSizes();
const pick = (result, bench) => result.lines.filter((l) => l.bench === bench);
// `--only resend,stop`: rerun those steps, take the others from the last bench/results/latest.json.
const onlyArg = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const previous = onlyArg ? JSON.parse(await readFile(path.join(root, 'bench/results/latest.json'), 'utf8')).raw.steps : {};
const step = async (name, label, command, commandArgs) => {
  if (onlyArg && !onlyArg.split(',').includes(name) && previous[name]) {
    raw.steps[name] = { ...previous[name], reused: true };
    return previous[name];
  }
  const result = await run(label, command, commandArgs);
  raw.steps[name] = { seconds: result.seconds, exitCode: result.code, lines: result.lines };
  return result;
};
const stop = pick(await step('stop', 'Stop → committed (Chromium)', 'node', ['packages/widget/bench/stop-to-commit.mjs', String(answerSeconds)]), 'stop')[0];
const resend = pick(await step('resend', 'bytes re-sent (Chromium, proxy)', 'node', ['packages/widget/bench/resend.mjs']), 'resend')[0];
const ingest = pick(await step('ingest', 'ingest MB/s', 'node', ['--import', 'tsx', 'packages/server-sdk/bench/storage-throughput.ts', '3']), 'ingest');
const concurrent = pick(await step('concurrent', 'concurrent uploads', 'node', ['--import', 'tsx', 'packages/server-sdk/bench/concurrent-uploads.ts', ...concurrency.map(String)]), 'concurrent');
const vadScript = path.join(root, 'packages/widget/bench/vad.mjs');
const vad = existsSync(vadScript) ? (await step('vad', 'VAD (Chromium)', 'node', ['packages/widget/bench/vad.mjs'])).lines.find((l) => l.metric === 'vad_ms_per_audio_second') : undefined;
// Link → first screen and → recording on a 4×-throttled CPU; the baseline is another build's dist/
// (e.g. the previous release's) when CANDID_BENCH_BASELINE_DIST points at one.
const baselineDist = process.env.CANDID_BENCH_BASELINE_DIST;
const firstScreen = pick(await step('first', 'link → first screen / recording (Chromium, 4× CPU)', 'node', ['packages/widget/bench/first-screen.mjs', '--runs=7', ...(baselineDist ? [`--baseline=${baselineDist}`] : [])]), 'first-screen')[0];
const scored = pick(await step('scored', 'completion → session.scored', 'node', ['--import', 'tsx', 'packages/server-sdk/bench/completion-to-scored.ts', '3']), 'scored')[0];

// --- table -----------------------------------------------------------------------------------
const rows = [];
/** `better`: which direction is good, for the ratio's reading; `met`: null when there is no target. */
const row = (metric, candid, baseline, unit, target, met) =>
  rows.push({ metric, unit, candid: candid ?? null, baseline: baseline ?? null, ratio: candid != null && baseline ? Math.round((candid / baseline) * 100) / 100 : null, target: target ?? null, met: candid == null && met !== false ? null : (met ?? null) });

row('script-tag core, gzip', raw.sizes.core, raw.sizes.baseline, 'B', '≤ 30 kB', raw.sizes.core <= 30_000);
for (const chunk of raw.sizes.chunks) row(`lazy: ${chunk.name}, gzip`, chunk.gzipBytes, null, 'B', null, null);
// What bundler users ship (bench/sizes.mjs: esbuild, minified, dependencies external).
if (raw.sizes.esm) row('ESM entry (@candid/widget, bundled + minified, lit/zustand external), gzip', raw.sizes.esm.gzipBytes, null, 'B', null, null);
if (raw.sizes.react) row('React bindings (@candid/react, minified, react/@lit/react/widget external), gzip', raw.sizes.react.gzipBytes, null, 'B', null, null);

row(`Stop → committed, ${answerSeconds} s answer${stop?.camera ? ` (${stop.camera.width}x${stop.camera.height})` : ''}`, stop?.medianMs, stop?.baselineMedianMs, 'ms', '≤ 1000 ms', stop ? stop.medianMs <= 1000 : null);
// A widget run that never committed shows as "stuck" (its JSON line in latest.json says where).
const oneChunk = resend?.cut?.largestChunkBytes ?? null;
const stuck = (r) => (r?.candidFailed ? ' [widget never committed: see latest.json]' : '');
row(`re-sent after network cut${stuck(resend?.cut)}`, resend?.cut?.candid, resend?.cut?.baseline, 'B', `≤ 1 chunk (${oneChunk ?? '?'} B)`, resend?.cut?.candid != null && oneChunk ? resend.cut.candid <= oneChunk : resend?.cut?.candidFailed ? false : null);
row(`re-sent after reload${stuck(resend?.reload)}`, resend?.reload?.candid, resend?.reload?.baseline, 'B', `≤ 1 chunk (${oneChunk ?? '?'} B)`, resend?.reload?.candid != null && oneChunk ? resend.reload.candid <= oneChunk : resend?.reload?.candidFailed ? false : null);

const plain = ingest.find((l) => l.case.startsWith('fs.createWriteStream'));
const disk = ingest.find((l) => l.case.includes('disk') && l.case.includes('deferred'));
const s3 = ingest.find((l) => l.case.includes('s3rver') && l.case.includes('deferred'));
const mbs = (x) => (x ? Math.round(x.mbPerSecond * 10) / 10 : null);
row('ingest tus → disk (64 MiB, deferred length)', mbs(disk), mbs(plain), 'MB/s', '≥ 0.8× plain write', disk && plain ? disk.mbPerSecond >= 0.8 * plain.mbPerSecond : null);
// Present once encryption at rest is in the throughput bench: the same upload, encrypted on disk.
const sealed = ingest.find((l) => l.case.includes('disk') && l.case.includes('AES') && l.case.includes('deferred'));
if (sealed) row('ingest tus → disk, AES-256-GCM at rest', mbs(sealed), mbs(plain), 'MB/s', '≥ 0.8× plain write', sealed.mbPerSecond >= 0.8 * plain.mbPerSecond);
row('ingest tus → S3 (s3rver, loopback)', mbs(s3), mbs(plain), 'MB/s', null, null);

for (const n of concurrency) {
  const c = concurrent.find((l) => l.concurrency === n);
  row(`peak RSS growth per upload, ${n} concurrent`, c?.['peak-idle KiB per upload'], null, 'KiB', '≤ 256 KiB', c ? c['peak-idle KiB per upload'] <= 256 : null);
  row(`peak server RSS, ${n} concurrent`, c?.['peak RSS MiB'], null, 'MiB', null, null);
  row(`errors, ${n} concurrent`, c?.errors, null, '', '0', c ? c.errors === 0 : null);
}
row('link → first screen, 4× CPU (median of 7)', firstScreen?.candid?.firstScreenMs, firstScreen?.baseline?.firstScreenMs, 'ms', null, null);
row('link → recording, every screen passed at once, 4× CPU', firstScreen?.candid?.recordingMs, firstScreen?.baseline?.recordingMs, 'ms', null, null);
row('VAD processing per second of audio (Chromium)', vad?.value, null, 'ms', null, null);
row(`completion → session.scored (zero-latency model, job polling ${scored?.pollingSeconds ?? '?'} s)`, scored?.medianMs, null, 'ms', null, null);

const cell = (v) => (v === null || v === undefined ? 'n/a' : String(v));
const table = [['metric', 'candid', 'baseline', 'ratio', 'target', 'met?']].concat(
  rows.map((r) => [r.metric, r.candid == null ? 'n/a' : `${r.candid}${r.unit ? ` ${r.unit}` : ''}`, r.baseline == null ? 'n/a' : `${r.baseline}${r.unit ? ` ${r.unit}` : ''}`, r.ratio == null ? 'n/a' : `${r.ratio}×`, cell(r.target), r.met === null ? '' : r.met ? 'yes' : 'NO']),
);
const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
const totalSeconds = Math.round((Date.now() - started) / 1000);
// With --only, the wall time is the rerun's; the steps' own times (reused ones included) add up to a full run.
const stepSeconds = Object.values(raw.steps).reduce((n, s) => n + (s.seconds ?? 0), 0);
const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };

console.log(`\nCandid benchmarks — ${new Date().toISOString()} — ${machine.cpus} cores, ${machine.memoryGiB} GiB, node ${machine.node} — ${totalSeconds} s in all${onlyArg ? ` (reran ${onlyArg}; all steps together ${stepSeconds} s)` : ''}`);
console.log('Baselines: core = tus-js-client browser build; Stop → committed and re-sent = tus-js-client uploading the same recording after Stop / resuming; ingest = fs.createWriteStream of the same bytes.');
console.log(line(table[0]));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of table.slice(1)) console.log(line(r));

await mkdir(path.join(root, 'bench/results'), { recursive: true });
await writeFile(path.join(root, 'bench/results/latest.json'), `${JSON.stringify({ at: new Date().toISOString(), machine, totalSeconds, stepSeconds, only: onlyArg ?? null, quick, rows, raw }, null, 2)}\n`);
console.log('\nwritten: bench/results/latest.json');
