// Peak server RSS and errors with N concurrent tus uploads (default 200) on loopback.
//   node --import tsx packages/server-sdk/bench/concurrent-uploads.ts [N ...] [--postgres]
// The server runs as a separate `candid serve` process so its memory is measured alone
// (VmHWM from /proc, the kernel's own peak-RSS counter).
import { randomBytes } from 'node:crypto';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { postgres } from '../test/helpers/databases.js';
import { startServeProcess } from '../test/helpers/serve-process.js';
import { createUpload, patchUpload } from '../test/helpers/tus.js';

const API_KEY = 'bench-api-key-0123456789-abcdefghijklm';
const args = process.argv.slice(2);
const usePostgres = args.includes('--postgres');
const counts = args.filter((a) => /^\d+$/.test(a)).map(Number);
const BYTES_PER_UPLOAD = 2 * 1024 * 1024;
const CHUNK = 128 * 1024; // about what 1 s of 720p MediaRecorder output is

async function kib(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
}

async function json(endpoint: string, method: string, route: string, body?: unknown, auth = API_KEY) {
  const res = await fetch(`${endpoint}${route}`, { method, headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return (await res.json()) as any;
}

async function run(concurrency: number) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-bench-'));
  const db = usePostgres ? postgres.options() : {};
  const server = await startServeProcess({
    CANDID_DATA_DIR: dataDir,
    CANDID_SECRET: 'bench-secret-0123456789-0123456789-0123',
    CANDID_API_KEYS: API_KEY,
    LOG_LEVEL: 'warn',
    CANDID_RATE_LIMIT_PER_MINUTE: '100000',
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl, CANDID_DB_SCHEMA: db.databaseSchema! } : {}),
  }, process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []);
  const pid = server.child.pid!;
  try {
    const interview = await json(server.endpoint, 'POST', '/v1/interviews', { title: 'Bench', questions: [{ id: 'q1', prompt: 'Go', answerSeconds: 600 }] });
    const tokens: string[] = [];
    for (let i = 0; i < concurrency; i++) {
      const s = await json(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.id, candidate: { externalId: `b${i}` } });
      await json(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: null, choices: { recording: true, aiEvaluation: false }, ageConfirmed: true }, s.token);
      tokens.push(s.token);
    }
    // VmHWM counts from process start, so the set-up above (hundreds of sessions on PGlite) would
    // be the peak; Linux resets it on "5" written to clear_refs (own or root's process only).
    const peakReset = await writeFile(`/proc/${pid}/clear_refs`, '5').then(() => true, () => false);
    const idleKiB = await kib(pid, 'VmRSS');
    const payload = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), randomBytes(BYTES_PER_UPLOAD - 4)]);
    let errors = 0;
    const started = performance.now();
    await Promise.all(
      tokens.map(async (token) => {
        try {
          const upload = await createUpload(server.endpoint, token, { questionId: 'q1', attempt: '1', track: 'video', mimeType: 'video/webm' });
          if (upload.status !== 201) throw new Error(`create ${upload.status}`);
          for (let offset = 0; offset < payload.length; offset += CHUNK) {
            const last = offset + CHUNK >= payload.length;
            const res = await patchUpload(upload.url!, token, offset, payload.subarray(offset, offset + CHUNK), last ? { length: payload.length } : {});
            if (res.status !== 204) throw new Error(`patch ${res.status} ${res.body}`);
          }
          const commit = await json(server.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1 }, token);
          if (!commit.answer) throw new Error(`commit ${JSON.stringify(commit)}`);
        } catch (error) {
          errors++;
          if (errors <= 3) console.error(String(error));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const peakKiB = await kib(pid, 'VmHWM');
    return {
      concurrency,
      database: usePostgres ? 'postgres' : 'pglite',
      errors,
      'MB/s total': Math.round(((concurrency * payload.length) / 1e6 / seconds) * 10) / 10,
      'idle RSS MiB': Math.round(idleKiB / 1024),
      'peak RSS MiB': Math.round(peakKiB / 1024),
      'peak-idle KiB per upload': Math.round((peakKiB - idleKiB) / concurrency),
      // false: the peak may be the set-up's, not the uploads'.
      'peak reset before uploads': peakReset,
    };
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (db.databaseSchema) await postgres.cleanup(db);
  }
}

const rows = [];
for (const n of counts.length ? counts : [200]) {
  const row = await run(n);
  rows.push(row);
  // One machine-readable line per concurrency for bench/run.mjs.
  console.log(JSON.stringify({ bench: 'concurrent', ...row }));
}
console.table(rows);
