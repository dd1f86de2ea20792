// Candid demo: one process playing three parts.
//   /candid        the server SDK, mounted as an ATS would mount it
//   /              a careers page that embeds the widget with one <script> tag
//   (in-process)   a fake ATS that creates an interview and a session for each visitor
// Everything is embedded: media on disk and metadata in PGlite under ./.candid-data.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { createCandid, loadOrCreateDevSecret } from '@candid/server-sdk';

const root = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(process.env.CANDID_DATA_DIR ?? path.join(root, '..', '.candid-data'));
const port = Number(process.env.PORT ?? 3000);
const widgetBundle = fileURLToPath(import.meta.resolve('@candid/widget/candid.js'));

const candid = createCandid({
  dataDir,
  secret: process.env.CANDID_SECRET ?? (await loadOrCreateDevSecret(dataDir)),
  apiKeys: (process.env.CANDID_API_KEYS ?? '').split(',').filter(Boolean),
});
await candid.start();

const DEMO_INTERVIEW = {
  title: 'Customer Support Specialist',
  questions: [
    { id: 'q1', prompt: 'Tell us about a time you turned an unhappy customer around.', thinkSeconds: 20, answerSeconds: 90, maxRetakes: 1 },
    { id: 'q2', prompt: 'What would you improve in the first week of this job, and why?', thinkSeconds: 20, answerSeconds: 90, maxRetakes: 1 },
  ],
  notice: {
    version: 'demo-2026-11',
    markdown:
      'Demo Employer records your answers to review them for this role. Your video and audio are stored on this demo server only. ' +
      'No AI evaluation runs in this demo. You can decline and ask for another format.',
  },
};

/** The fake ATS keeps its interview id across restarts, like a real ATS would in its own DB. */
async function demoInterviewId() {
  const stateFile = path.join(dataDir, 'demo-ats.json');
  const saved = JSON.parse(await readFile(stateFile, 'utf8').catch(() => '{}'));
  if (saved.interviewId) {
    try {
      await candid.interviews.get(saved.interviewId);
      return saved.interviewId;
    } catch {
      // data dir was reset: create the interview again
    }
  }
  const interview = await candid.interviews.create(DEMO_INTERVIEW);
  await writeFile(stateFile, JSON.stringify({ interviewId: interview.id }));
  return interview.id;
}
const interviewId = await demoInterviewId();

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const careersPage = ({ token, sessionId }) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Careers · Customer Support Specialist</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/demo.css">
  <script src="/candid.js" defer></script>
</head>
<body>
  <header><strong>Acme Careers</strong> · Customer Support Specialist</header>
  <main>
    <h1>Your video interview</h1>
    <p>Two short questions. You can retake each answer once. Session <code>${escapeHtml(sessionId)}</code>
       (<a href="/ats/sessions/${escapeHtml(sessionId)}">what the ATS sees</a>).</p>
    <candid-interview token="${escapeHtml(token)}" endpoint="/candid"></candid-interview>
  </main>
</body>
</html>`;

const app = express();
app.disable('x-powered-by');
app.use('/candid', candid.router);
app.get('/candid.js', (_req, res) => res.sendFile(widgetBundle));
app.get('/candid.js.map', (_req, res) => res.sendFile(`${widgetBundle}.map`));
// Lazily loaded chunks and their files (VAD worklet, model, wasm): the widget's default
// assets-base is the `assets/` folder next to candid.js.
app.use('/assets', express.static(path.join(path.dirname(widgetBundle), 'assets')));
app.use(express.static(path.join(root, 'public')));

// Fake ATS: each visit is a new candidate with a fresh session.
app.get('/', async (_req, res) => {
  const session = await candid.sessions.create({ interviewId, candidate: { externalId: `demo-${randomBytes(4).toString('hex')}` } });
  res.type('html').send(careersPage(session));
});

// What the ATS backend reads back (GET /v1/sessions/{id} in-process).
app.get('/ats/sessions/:id', async (req, res) => {
  res.json(await candid.sessions.get(req.params.id));
});

app.use((error, _req, res, _next) => {
  res.status(error.status ?? 500).json(error.toJSON?.() ?? { error: { code: 'INTERNAL', message: String(error.message ?? error) } });
});

const server = app.listen(port, () => {
  console.log(`Candid demo on http://localhost:${port}  (data in ${dataDir})`);
});
const stop = () => server.close(() => candid.close().then(() => process.exit(0)));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
