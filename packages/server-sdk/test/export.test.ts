import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { parseTar } from '../src/rights/tar.js';
import type { FakeOpenAI } from './helpers/fake-openai.js';
import { runSession, settled, RIGHTS_SETUPS, type RightsServer, startRightsServer } from './helpers/rights-fixtures.js';
import type { TestS3 } from './helpers/s3rver.js';
import { API_KEY, type TestServer, api } from './helpers/server.js';
import { testDatabases } from './helpers/databases.js';

const exec = promisify(execFile);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const setups = RIGHTS_SETUPS(testDatabases);

async function download(server: TestServer, route: string): Promise<Buffer> {
  const res = await fetch(`${server.endpoint}${route}`, { headers: { authorization: `Bearer ${API_KEY}` } });
  assert.equal(res.status, 200, route);
  return Buffer.from(await res.arrayBuffer());
}

for (const { database, storage } of setups) describe(`export [${database.name}, ${storage}]`, () => {
  let recordings: { video: Buffer; audio: Buffer };
  let fake: FakeOpenAI;
  let s3: TestS3 | undefined;
  let server: TestServer;
  let rights: RightsServer;
  before(async () => {
    rights = await startRightsServer(database, storage);
    ({ server, fake, s3, recordings } = rights);
  });
  after(() => rights.close());

  it('round-trips: every stored file is in the archive with matching checksums, and export.json holds everything', async () => {
    const candidate = { externalId: `ats-${randomBytes(4).toString('hex')}`, name: 'Pia Export', email: 'pia@example.org' };
    const { sessionId, token } = await runSession(server, recordings, candidate, { complete: false });
    assert.equal((await api(server.endpoint, 'POST', '/v1/session/requests', { type: 'human_review', message: 'Please have a person look.' }, token)).status, 201);
    assert.equal((await api(server.endpoint, 'POST', '/v1/session/complete', {}, token)).status, 200);
    const s = await settled(server, sessionId);
    assert.equal(s.evaluation.status, 'scored');
    await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/reviews`, { reviewer: 'rita', decision: 'advance', rationale: 'Concrete example.' });

    const res = await fetch(`${server.endpoint}/v1/sessions/${sessionId}/export`, { headers: { authorization: `Bearer ${API_KEY}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/x-tar');
    assert.equal(res.headers.get('content-length'), null, 'streamed (chunked), not buffered to measure it');
    assert.match(res.headers.get('content-disposition')!, new RegExp(`candid-export-${sessionId}\\.tar`));
    const archive = Buffer.from(await res.arrayBuffer());
    const files = parseTar(archive);

    // Every stored original and rendition, byte for byte.
    const stored: Array<{ path: string; bytes: Buffer; sha: string | null }> = [];
    for (const answer of s.answers) {
      for (const media of answer.media) {
        const bytes = await download(server, `/v1/sessions/${sessionId}/media/${answer.id}?track=${media.track}`);
        assert.equal(sha256(bytes), media.sha256, 'storage still matches the checksum taken at commit');
        stored.push({ path: `media/${answer.id}-${media.track}.webm`, bytes, sha: media.sha256 });
      }
      for (const rendition of answer.renditions) {
        stored.push({ path: `renditions/${answer.id}.${rendition.kind}`, bytes: await download(server, `/v1/sessions/${sessionId}/media/${answer.id}?rendition=${rendition.kind}`), sha: null });
      }
    }
    assert.equal(stored.length, 12, '2 answers × (video, audio, and the mp4, webm, fmp4 and HLS playlist renditions)');
    for (const file of stored) {
      const inArchive = files.get(file.path);
      assert.ok(inArchive, `${file.path} is in the archive`);
      assert.equal(sha256(inArchive), sha256(file.bytes), `${file.path} bytes match`);
      if (file.sha) assert.equal(sha256(inArchive), file.sha);
    }
    assert.deepEqual([...files.keys()].sort(), [...stored.map((f) => f.path), 'export.json'].sort(), 'nothing else');

    const doc = JSON.parse(files.get('export.json')!.toString('utf8'));
    for (const listed of doc.files) {
      assert.equal(listed.missing, null);
      assert.equal(listed.sha256, sha256(files.get(listed.path)!), `export.json lists the sha256 of ${listed.path}`);
      if (listed.kind === 'original') assert.equal(listed.sha256, listed.storedSha256);
    }
    assert.deepEqual(doc.session.candidate, candidate);
    assert.equal(doc.session.consents.length, 1);
    assert.ok(doc.session.answers.every((a: any) => /refunded the order/.test(a.transcript.text)));
    assert.equal(doc.session.evaluation.status, 'scored');
    assert.match(doc.session.evaluation.promptVersion, /^score-v1-/);
    assert.match(doc.session.evaluation.rubricVersion, /^rubric-/);
    assert.ok(doc.session.evaluation.scores[0].evidence.length > 0, 'scores with evidence');
    assert.equal(doc.session.requests[0].message, 'Please have a person look.');
    assert.equal(doc.session.reviews[0].rationale, 'Concrete example.');
    assert.equal(doc.interview.questions[0].competencies[0].id, 'customer_focus', 'the rubric');
    assert.ok(doc.webhookDeliveries.some((d: any) => d.eventType === 'session.scored'), 'webhook deliveries');
    assert.ok(doc.audit.some((r: any) => r.action === 'export'), 'the audit extract includes this export');
    assert.ok(doc.audit.some((r: any) => r.action === 'score_generated'));
    // The downloads above came after the export: they are in the live log, not in the extract.
    const views = (await server.candid.rights.audit.forSession(sessionId)).filter((r: any) => r.action === 'view_media');
    assert.equal(views.length, stored.length, 'each download of a file is audited once');
    assert.ok(views.every((r: any) => r.actorType === 'ats' && /^key_/.test(r.actorId)));
    assert.ok(!doc.audit.some((r: any) => r.action === 'view_media'));

    // Any tar reads it.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'candid-export-'));
    try {
      await writeFile(path.join(dir, 'x.tar'), archive);
      const { stdout } = await exec('tar', ['-tvf', path.join(dir, 'x.tar')]);
      assert.equal(stdout.trim().split('\n').length, stored.length + 1, 'every file and export.json');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('streams in-process too, checks the caller, and 404s unknown sessions', async () => {
    const { sessionId } = await runSession(server, recordings, { externalId: 'ats-x', name: 'In Process', email: 'ip@example.org' }, { complete: false, aiEvaluation: false });
    const { stream, filename } = await server.candid.rights.export.open(sessionId, { type: 'system', id: 'test' });
    assert.equal(filename, `candid-export-${sessionId}.tar`);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const files = parseTar(Buffer.concat(chunks));
    assert.equal([...files.keys()].filter((k) => k.startsWith('media/')).length, 4);
    assert.equal((await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}/export`, undefined, null)).status, 401);
    assert.equal((await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}/export`, undefined, 'wrong-key')).status, 401);
    const missing = await api(server.endpoint, 'GET', `/v1/sessions/ses_${'0'.repeat(32)}/export`);
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, 'SESSION_NOT_FOUND');
  });
});
