/**
 * Export and erasure of one large session through the real HTTP API (PGlite + disk, loopback):
 * throughput of the streamed tar export and the server's peak RSS growth while it runs (a buffered
 * export would grow by the session's size), then the time an erasure takes. Not a test: prints numbers.
 *
 *   node --import tsx packages/server-sdk/bench/export-erase.ts [MiB per track=128]
 */
import { createHash, randomBytes } from 'node:crypto';
import { makeRecordings } from '../test/helpers/media-fixtures.js';
import { api, startTestServer } from '../test/helpers/server.js';
import { createUpload, patchUpload } from '../test/helpers/tus.js';

const MiB = 1024 * 1024;
const perTrack = Number(process.argv[2] ?? 128) * MiB;

const server = await startTestServer({ workers: false, maxUploadBytes: 2 * 1024 * MiB, uploadBytesPerSecond: 2 * MiB });
try {
  const { video } = await makeRecordings();
  // A real webm head (the commit sniffs the container) followed by incompressible bytes.
  const body = Buffer.concat([video.subarray(0, 64), randomBytes(perTrack - 64)]);
  const interview = await api(server.endpoint, 'POST', '/v1/interviews', {
    title: 'Bench',
    questions: [{ id: 'q1', prompt: 'Long answer', answerSeconds: 1800 }, { id: 'q2', prompt: 'Another', answerSeconds: 1800 }],
  });
  const session = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: 'bench' } });
  const token = session.json.token as string;
  await api(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: null, choices: { recording: true, aiEvaluation: false }, ageConfirmed: true }, token);
  for (const q of ['q1', 'q2']) {
    const upload = await createUpload(server.endpoint, token, { questionId: q, attempt: '1', track: 'video', mimeType: 'video/webm' });
    for (let offset = 0; offset < body.length; offset += 8 * MiB) {
      const chunk = body.subarray(offset, offset + 8 * MiB);
      const res = await patchUpload(upload.url!, token, offset, chunk, offset + chunk.length >= body.length ? { length: body.length } : {});
      if (res.status !== 204) throw new Error(`PATCH ${res.status} ${res.body}`);
    }
    const commit = await api(server.endpoint, 'POST', `/v1/session/answers/${q}`, { attempt: 1 }, token);
    if (commit.status !== 200) throw new Error(JSON.stringify(commit.json));
  }

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const res = await fetch(`${server.endpoint}/v1/sessions/${session.json.sessionId}/export`, { headers: { authorization: 'Bearer test-api-key-0123456789-abcdefghijklmnop' } });
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of res.body!) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  const exportMs = performance.now() - started;
  clearInterval(sampler);

  const eraseStart = performance.now();
  const erased = await api(server.endpoint, 'DELETE', `/v1/sessions/${session.json.sessionId}`);
  const eraseMs = performance.now() - eraseStart;
  if (erased.status !== 200) throw new Error(JSON.stringify(erased.json));

  console.log(`session media: 2 × ${perTrack / MiB} MiB (server and client in one process)`);
  console.log(`export:  ${(bytes / MiB).toFixed(1)} MiB tar in ${exportMs.toFixed(0)} ms = ${(bytes / MiB / (exportMs / 1000)).toFixed(1)} MiB/s`);
  console.log(`         peak RSS growth while exporting: ${((rssPeak - rssBefore) / MiB).toFixed(1)} MiB (a buffered export would need ≥ ${((2 * perTrack) / MiB).toFixed(0)} MiB)`);
  console.log(`erasure: ${eraseMs.toFixed(0)} ms, ${erased.json.receipt.items.length} receipt items`);
} finally {
  await server.close();
}
