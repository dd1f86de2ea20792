// Web Test Runner plugin: runs ONE real Candid server (express + @candid/server-sdk) on
// 127.0.0.1:<random port> for the whole test run, and exposes it to browser tests as commands
// (call them with `executeServerCommand` from '@web/test-runner-commands'):
//
//   candid-server-info       → { endpoint }
//   candid-create-session    { title?, locale?, questions?, notice?, flow?, practiceQuestion?, accommodations?, externalId?,
//                              jurisdictions?, retention?, employer? }
//                            → { endpoint, token, sessionId, interviewId, expiresAt }
//   candid-stored-session    { sessionId } → the ATS view of the session; each media entry gets
//                              `firstBytesHex` (its first 4 bytes, e.g. "1a45dfa3" for WebM)
//   candid-probe-media       { sessionId } → per stored media file: { answerId, questionId, track,
//                              mimeType, durationMs (the answer's, as the widget recorded it),
//                              codecs, decodedSeconds (last decoded timestamp), decodeExit, decodeErrors }: ffmpeg
//                              decodes every frame, ffprobe reads the codecs
//   candid-issue-token       { sessionId } → { sessionId, token, expiresAt }: a fresh token for the
//                              same session (the candidate reopening the link)
//   candid-erase-session     { sessionId } → the erasure receipt (the ATS erasing the candidate)
//   (candid-create-session also takes `expiresAt`, an ISO date in the future: a short-lived session)
//   candid-requests-from     { origin } → [{ method, path, bearer, status }]: the requests (newest 500 kept)
//                              that came with `Origin: <origin>` (cross-origin.test.ts: really CORS)
//
// Network faults (see network-proxy.mjs): a proxy in front of the same server.
//   candid-proxy-start       → { endpoint }: the proxy's mount URL (use it as the widget's endpoint)
//   candid-network-cut       { ms } → drops every connection and refuses new ones for `ms`
//   candid-proxy-throttle    { bytesPerSecond } (null: off) → throttles PATCH bodies
//   candid-proxy-stats       → { [uploadId]: { patchBytes, patches, failedPatches } }
//   candid-proxy-hold        { on } → new PATCH requests wait (unread, not forwarded) until
//                              { on: false }; returns how many were held
//
// The server is started lazily by the first command (tests that need no server never load the
// server SDK) and stopped, with its temp data dir removed, in serverStop.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNetworkProxy } from './network-proxy.mjs';

const DEFAULT_QUESTIONS = [
  { id: 'q1', prompt: 'Tell us about a project you are proud of.', thinkSeconds: 5, answerSeconds: 30, maxRetakes: 1 },
];

/** JSON round trip: Dates → strings, Buffers → plain objects, no class instances. */
const plain = (value) => JSON.parse(JSON.stringify(value));

export function candidServerPlugin({ log = false } = {}) {
  /** @type {Promise<{ candid: any, server: import('node:http').Server, endpoint: string, dataDir: string, openai: { baseURL: string, close(): Promise<void> } }> | null} */
  let starting = null;
  /** @type {Promise<Awaited<ReturnType<typeof startNetworkProxy>>> | null} */
  let proxying = null;
  let counter = 0;
  /** Requests that carried an Origin header, newest last (bounded). */
  const originLog = [];

  async function start() {
    let sdk;
    try {
      sdk = await import('@candid/server-sdk');
    } catch (err) {
      throw new Error(
        `candid-server-plugin: cannot import @candid/server-sdk (build it first: npx tsc -b packages/server-sdk): ${err.message}`,
      );
    }
    const { default: express } = await import('express');
    const dataDir = await mkdtemp(join(tmpdir(), 'candid-wtr-'));
    // Request logs only with `log: true` (or LOG_LEVEL): otherwise they drown the test report.
    process.env.LOG_LEVEL ??= log ? 'info' : 'warn';
    // AI evaluation is on (so the consent form asks for it), through the server tests' OpenAI-compatible
    // fake on loopback: the pipeline really transcribes and scores what the browser tests record.
    const { tsImport } = await import('tsx/esm/api');
    const { startFakeOpenAI } = await tsImport('../../../server-sdk/test/helpers/fake-openai.ts', import.meta.url);
    const openai = await startFakeOpenAI();
    const candid = sdk.createCandid({
      dataDir,
      secret: 'wtr-test-secret-0123456789abcdef0123456789',
      apiKeys: ['wtr-api-key-0123456789-abcdefghijklmnop'],
      openai: { apiKey: 'wtr-fake-key', baseURL: openai.baseURL },
    });
    await candid.start();
    const app = express();
    app.use('/candid', (req, res, next) => {
      const origin = req.get('origin');
      if (origin) {
        const entry = { origin, method: req.method, path: req.originalUrl.split('?')[0], bearer: /^Bearer /.test(req.get('authorization') ?? ''), status: 0 };
        if (req.method === 'PATCH') {
          // What the client declared, what reached the server (observed without consuming the
          // body: the HTTP parser pushes it into the request), and the offset the server answered.
          entry.offset = Number(req.get('upload-offset'));
          entry.declared = Number(req.get('content-length') ?? -1);
          entry.received = 0;
          const push = req.push;
          req.push = function (chunk, ...rest) {
            if (chunk) entry.received += chunk.length;
            return push.call(this, chunk, ...rest);
          };
          const writeHead = res.writeHead;
          res.writeHead = function (status, ...rest) {
            const headers = rest.find((arg) => arg && typeof arg === 'object');
            const answered = headers && (Array.isArray(headers) ? headers[headers.findIndex((h) => String(h).toLowerCase() === 'upload-offset') + 1] : Object.entries(headers).find(([k]) => k.toLowerCase() === 'upload-offset')?.[1]);
            entry.answered = Number(answered ?? res.getHeader('upload-offset') ?? -1);
            return writeHead.call(this, status, ...rest);
          };
        }
        res.on('finish', () => (entry.status = res.statusCode));
        originLog.push(entry);
        if (originLog.length > 500) originLog.shift();
      }
      next();
    });
    app.use('/candid', candid.router);
    const server = await new Promise((resolve, reject) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    const { port } = server.address();
    const endpoint = `http://127.0.0.1:${port}/candid`;
    if (log) console.log(`[candid-server-plugin] listening on ${endpoint}, data in ${dataDir}`);
    return { candid, server, endpoint, dataDir, openai };
  }

  const ensureStarted = () => (starting ??= start());
  const ensureProxy = () =>
    (proxying ??= ensureStarted().then(({ server }) => startNetworkProxy({ upstreamPort: server.address().port })));

  async function storedSession({ sessionId }) {
    const { candid } = await ensureStarted();
    const session = plain(await candid.sessions.get(sessionId));
    for (const answer of session.answers ?? []) {
      for (const media of answer.media ?? []) {
        try {
          const bytes = await candid.media.readRange(answer.id, media.track, 0, 3);
          media.firstBytesHex = Buffer.from(bytes).toString('hex');
        } catch (err) {
          media.firstBytesError = String(err?.message ?? err);
        }
      }
    }
    return session;
  }

  /** `ffprobe`/`ffmpeg` output (stdout and stderr), never rejecting on a non-zero exit. */
  const runFf = (command, args) =>
    new Promise((resolve) => execFile(command, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr })));

  /** Decodes every stored media file of a session with ffmpeg: codecs, how far it decodes, errors. */
  async function probeMedia({ sessionId }) {
    const { candid } = await ensureStarted();
    const session = plain(await candid.sessions.get(sessionId));
    const dir = await mkdtemp(join(tmpdir(), 'candid-probe-'));
    const results = [];
    try {
      for (const answer of session.answers ?? []) {
        for (const media of answer.media ?? []) {
          const file = join(dir, `${answer.id}-${media.track}`);
          await writeFile(file, await candid.media.readRange(answer.id, media.track, 0, media.sizeBytes - 1));
          const streams = await runFf('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file]);
          // The last packet's timestamp, over every stream (MediaRecorder's WebM has no duration in its header).
          const packets = await runFf('ffprobe', ['-v', 'error', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file]);
          const decoded = await runFf('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-']);
          const times = packets.stdout.split('\n').map(Number).filter((t) => Number.isFinite(t) && t > 0);
          results.push({
            answerId: answer.id,
            questionId: answer.questionId,
            track: media.track,
            mimeType: media.mimeType,
            durationMs: answer.durationMs,
            codecs: streams.stdout.split('\n').map((c) => c.trim()).filter(Boolean),
            decodedSeconds: times.length ? Math.max(...times) : 0,
            decodeExit: decoded.code,
            decodeErrors: decoded.stderr.trim(),
          });
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return results;
  }

  return {
    name: 'candid-server',

    async executeCommand({ command, payload }) {
      switch (command) {
        case 'candid-server-info': {
          const { endpoint } = await ensureStarted();
          return { endpoint };
        }
        case 'candid-create-session': {
          const { candid, endpoint } = await ensureStarted();
          const p = payload ?? {};
          counter += 1;
          const interview = await candid.interviews.create({
            title: p.title ?? `WTR interview ${counter}`,
            questions: p.questions ?? DEFAULT_QUESTIONS,
            ...(p.notice ? { notice: p.notice } : {}),
            ...(p.flow ? { flow: p.flow } : {}),
            ...(p.practiceQuestion ? { practiceQuestion: p.practiceQuestion } : {}),
            ...(p.locale ? { locale: p.locale } : {}),
            ...(p.jurisdictions ? { jurisdictions: p.jurisdictions } : {}),
            ...(p.retention ? { retention: p.retention } : {}),
            ...(p.employer ? { employer: p.employer } : {}),
          });
          const session = await candid.sessions.create({
            interviewId: interview.id,
            candidate: { externalId: p.externalId ?? `wtr-candidate-${counter}` },
            ...(p.accommodations ? { accommodations: p.accommodations } : {}),
            ...(p.expiresAt ? { expiresAt: p.expiresAt } : {}),
          });
          return plain({ endpoint, interviewId: interview.id, ...session });
        }
        case 'candid-stored-session':
          return storedSession(payload ?? {});
        case 'candid-probe-media':
          return probeMedia(payload ?? {});
        case 'candid-issue-token': {
          const { candid } = await ensureStarted();
          return plain(await candid.sessions.issueToken(payload.sessionId));
        }
        case 'candid-erase-session': {
          const { candid } = await ensureStarted();
          return plain(await candid.rights.erasure.eraseSession(payload.sessionId, { type: 'ats', id: 'wtr' }, 'browser test'));
        }
        case 'candid-proxy-hold': {
          const proxy = await ensureProxy();
          return { held: proxy.hold(Boolean(payload?.on)) };
        }
        case 'candid-proxy-start': {
          const proxy = await ensureProxy();
          return { endpoint: `http://127.0.0.1:${proxy.port}/candid` };
        }
        case 'candid-network-cut': {
          const proxy = await ensureProxy();
          proxy.cut(Number(payload?.ms ?? 3000));
          return { cutUntil: Date.now() + Number(payload?.ms ?? 3000) };
        }
        case 'candid-proxy-throttle': {
          const proxy = await ensureProxy();
          proxy.throttle(payload?.bytesPerSecond ?? null);
          return { bytesPerSecond: payload?.bytesPerSecond ?? null };
        }
        case 'candid-requests-from':
          return originLog.filter((r) => r.origin === payload?.origin).map(({ origin, ...rest }) => rest);
        case 'candid-proxy-stats':
          return (await ensureProxy()).stats();
        default:
          return undefined; // not ours
      }
    },

    async serverStop() {
      if (proxying) {
        const proxy = await proxying.catch(() => null);
        proxying = null;
        await proxy?.close();
      }
      if (!starting) return;
      const pending = starting;
      starting = null;
      let state;
      try {
        state = await pending;
      } catch {
        return; // never started
      }
      await new Promise((resolve) => {
        state.server.closeAllConnections?.();
        state.server.close(() => resolve());
      });
      try {
        await state.candid.close();
      } finally {
        await state.openai.close();
        await rm(state.dataDir, { recursive: true, force: true });
      }
    },
  };
}
