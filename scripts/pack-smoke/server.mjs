// Runs inside the fresh project of scripts/pack-smoke.test.mjs (not in the workspace): the README's
// Express recipe with the installed @candid/server-sdk on embedded PGlite, then the candidate's
// first request. Prints `RESULT {json}` (pino's own lines go to stdout too).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { createCandid } from '@candid/server-sdk';

const dataDir = await mkdtemp(join(tmpdir(), 'candid-pack-data-'));
const candid = createCandid({ dataDir, secret: 'pack-smoke-secret-0123456789abcdef0123456789', apiKeys: ['pack-smoke-api-key-0123456789-abcdefgh'] });
await candid.start();
const app = express();
app.use('/candid', candid.router);
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));

try {
  const interview = await candid.interviews.create({
    title: 'Pack smoke',
    questions: [{ id: 'q1', prompt: 'Why this team?', thinkSeconds: 5, answerSeconds: 30, maxRetakes: 1 }],
  });
  const session = await candid.sessions.create({ interviewId: interview.id, candidate: { externalId: 'c-1' } });
  const res = await fetch(`http://127.0.0.1:${server.address().port}/candid/v1/session`, {
    headers: { Authorization: `Bearer ${session.token}` },
  });
  const body = await res.json();
  console.log(`RESULT ${JSON.stringify({ status: res.status, sessionId: session.sessionId, body, dataDirEntries: await readdir(dataDir) })}`);
} finally {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await candid.close();
  await rm(dataDir, { recursive: true, force: true });
}
