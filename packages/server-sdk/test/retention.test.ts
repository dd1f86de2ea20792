import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseTar } from '../src/rights/tar.js';
import type { FakeOpenAI } from './helpers/fake-openai.js';
import { RIGHTS_INTERVIEW, filesUnder, runSession, settled, RIGHTS_SETUPS, type RightsServer, startRightsServer } from './helpers/rights-fixtures.js';
import type { TestS3 } from './helpers/s3rver.js';
import { type TestServer, api, startTestServer } from './helpers/server.js';
import { makeRecordings } from './helpers/media-fixtures.js';
import { optionsFromEnv, resolveOptions } from '../src/config.js';
import { testDatabases } from './helpers/databases.js';

const DAY = 24 * 60 * 60 * 1000;
const setups = RIGHTS_SETUPS(testDatabases);

for (const { database, storage } of setups) describe(`retention sweep [${database.name}, ${storage}]`, () => {
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

  /** Names of stored objects (files) that belong to these ids. */
  async function objectsOf(ids: string[]): Promise<string[]> {
    const found: string[] = [];
    for await (const file of filesUnder(s3 ? s3.directory : `${server.dataDir}/media`)) if (ids.some((id) => file.includes(id))) found.push(file);
    return found;
  }
  const session = async (id: string) => (await api(server.endpoint, 'GET', `/v1/sessions/${id}`)).json;
  const sweep = (days: number) => server.candid.rights.retention.sweep({ now: new Date(Date.now() + days * DAY) });

  it('deletes exactly what is due per data type as the clock moves forward, with receipts; a legal hold keeps everything', async () => {
    const short = { ...RIGHTS_INTERVIEW, title: 'Short retention', retention: { mediaDays: 30, evaluationDays: 90, incompleteUploadDays: 1 } };
    const a = await runSession(server, recordings, { externalId: 'ats-a', name: 'A', email: 'a@example.org' }, { interview: short, leftover: true });
    const held = await runSession(server, recordings, { externalId: 'ats-h', name: 'H', email: 'h@example.org' }, { interview: short, leftover: true });
    const b = await runSession(server, recordings, { externalId: 'ats-b', name: 'B', email: 'b@example.org' }); // defaults: 365 / 730 / 1
    const [sa, sh, sb] = [await settled(server, a.sessionId), await settled(server, held.sessionId), await settled(server, b.sessionId)];
    for (const s of [sa, sh, sb]) assert.equal(s.evaluation.status, 'scored');
    assert.equal((await api(server.endpoint, 'POST', `/v1/sessions/${held.sessionId}/legal-hold`, { reason: 'litigation hold 2026-17' })).status, 200);
    const committed = (s: any) => s.answers.flatMap((x: any) => [x.id, ...x.media.map((m: any) => m.uploadId)]);
    assert.ok((await objectsOf([a.leftover!])).length > 0, 'the abandoned take is stored');

    // Nothing is due yet, nor a day before the leftover's 24 hours end.
    let result = await sweep(0);
    assert.deepEqual([result.media, result.evaluations, result.uploads], [[], [], []]);
    result = await sweep(0.9);
    assert.deepEqual(result.uploads, []);

    // After 24 h: only the leftover upload (never committed) goes; the held session's stays.
    result = await sweep(1.1);
    assert.deepEqual([result.media, result.evaluations, result.uploads], [[], [], [a.leftover]]);
    assert.deepEqual(await objectsOf([a.leftover!]), []);
    assert.ok((await objectsOf([held.leftover!])).length > 0, 'legal hold');
    assert.ok((await objectsOf(committed(sa))).length >= 8, 'committed answers untouched');

    // Day 29: still nothing; day 31: the short interview's media (originals and renditions), only.
    assert.deepEqual((await sweep(29)).media, []);
    result = await sweep(31);
    assert.deepEqual([result.media, result.evaluations, result.uploads], [[a.sessionId], [], []]);
    assert.deepEqual(await objectsOf(committed(sa)), [], 'originals and renditions gone');
    assert.ok((await objectsOf(committed(sb))).length >= 8, "the default interview's media stays");
    assert.ok((await objectsOf(committed(sh))).length >= 8, 'the held session stays');
    let sa31 = await session(a.sessionId);
    assert.ok(sa31.answers.every((x: any) => x.transcript && x.renditions.length === 0), 'transcripts kept, renditions gone');
    assert.equal(sa31.evaluation.status, 'scored');

    // The export says what expired instead of failing.
    const { stream } = await server.candid.rights.export.open(a.sessionId, { type: 'system', id: 'test' });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const doc = JSON.parse(parseTar(Buffer.concat(chunks)).get('export.json')!.toString());
    assert.ok(doc.files.length === 4 && doc.files.every((f: any) => /retention policy/.test(f.missing)));

    // Day 91: its transcripts and scores; day 366: the default interview's media; nothing twice.
    result = await sweep(91);
    assert.deepEqual([result.media, result.evaluations, result.uploads], [[], [a.sessionId], []]);
    sa31 = await session(a.sessionId);
    assert.ok(sa31.answers.every((x: any) => x.transcript === null));
    assert.equal(sa31.evaluation, null);
    assert.equal((await session(b.sessionId)).evaluation.status, 'scored');
    result = await sweep(366);
    assert.deepEqual([result.media, result.evaluations, result.uploads], [[b.sessionId], [], [b.leftover].filter(Boolean)]);
    assert.ok(result.auditRows > 0, 'audit rows older than 12 months are pruned');
    assert.ok((await server.candid.rights.audit.verify()).ok, 'the pruned chain still verifies');
    assert.ok((await objectsOf(committed(sh))).length >= 8, 'the held session is never swept');
    result = await sweep(366);
    assert.deepEqual([result.media, result.evaluations, result.uploads, result.receipts], [[], [], [], []]);

    // Receipts, and the webhook that tells the ATS.
    const receipts = (await api(server.endpoint, 'GET', `/v1/sessions/${a.sessionId}/receipts`)).json.receipts;
    assert.deepEqual(receipts.map((r: any) => `${r.kind}:${r.dataTypes.join(',')}`), ['retention:uploads', 'retention:media', 'retention:evaluation']);
    assert.ok(receipts[0].items.some((i: any) => i.what.includes(a.leftover) && i.result === 'deleted'));
    assert.equal(receipts[2].items.find((i: any) => i.what === 'transcripts').count, 2);
    const expired = await server.candid.webhooks.listDeliveries({ sessionId: a.sessionId, eventType: 'retention.expired' });
    assert.equal(expired.deliveries.length, 3);
  });

  it('after the proof period (4 years) the whole session goes, consent and receipts included; a legal hold keeps it', async () => {
    const db = server.candid.sessions.db;
    const p = await runSession(server, recordings, { externalId: 'ats-proof', name: 'P', email: 'p@example.org' });
    const erased = await runSession(server, recordings, { externalId: 'ats-erased', name: 'E', email: 'e@example.org' });
    const held = await runSession(server, recordings, { externalId: 'ats-proof-held', name: 'PH', email: 'ph@example.org' });
    for (const id of [p.sessionId, erased.sessionId, held.sessionId]) await settled(server, id);
    assert.equal((await api(server.endpoint, 'POST', '/v1/session/requests', { type: 'human_review', message: 'Please have a person look.' }, p.token)).status, 201);
    assert.equal((await api(server.endpoint, 'POST', `/v1/sessions/${p.sessionId}/reviews`, { reviewer: 'rita', decision: 'advance', rationale: 'Strong examples.' })).status, 201);
    assert.equal((await api(server.endpoint, 'POST', `/v1/session/consent/withdraw`, {}, p.token)).status, 200);
    assert.equal((await api(server.endpoint, 'DELETE', `/v1/sessions/${erased.sessionId}?reason=candidate%20asked`)).status, 200);
    assert.equal((await api(server.endpoint, 'POST', `/v1/sessions/${held.sessionId}/legal-hold`, { reason: 'litigation hold 2026-18' })).status, 200);
    const stored = await session(p.sessionId);
    const objectIds = stored.answers.flatMap((x: any) => [x.id, ...x.media.map((m: any) => m.uploadId)]);

    /** Rows about a session, per table (the session row itself under `sessions`). */
    const rowsOf = async (sessionId: string) => {
      const count = async (sql: string) => (await db.query<{ n: number }>(`select count(*)::int as n from ${sql}`, [sessionId])).rows[0]!.n;
      const byAnswer = 'where answer_id in (select id from answers where session_id = $1)';
      return {
        sessions: await count('sessions where id = $1'),
        consent_records: await count('consent_records where session_id = $1'),
        consent_withdrawals: await count('consent_withdrawals where session_id = $1'),
        erasure_receipts: await count('erasure_receipts where session_id = $1'),
        answers: await count('answers where session_id = $1'),
        answer_media: await count(`answer_media ${byAnswer}`),
        answer_steps: await count(`answer_steps ${byAnswer}`),
        uploads: await count('uploads where session_id = $1'),
        candidate_requests: await count('candidate_requests where session_id = $1'),
        reviews: await count('reviews where session_id = $1'),
        webhook_events: await count(`webhook_events where session_id = $1 and type <> 'retention.expired'`),
      };
    };

    // A day before four years: content is long gone (media at 365, evaluation at 730 days), proof stays.
    let result = await sweep(1460);
    assert.ok(!result.proof.includes(p.sessionId) && !result.proof.includes(erased.sessionId));
    let left = await rowsOf(p.sessionId);
    assert.deepEqual([left.sessions, left.consent_records, left.consent_withdrawals, left.reviews, left.candidate_requests], [1, 1, 1, 1, 1]);
    assert.ok(left.erasure_receipts >= 2, 'media and evaluation receipts');
    assert.equal((await rowsOf(erased.sessionId)).erasure_receipts, 1, "the erasure's receipt");
    assert.equal((await api(server.endpoint, 'GET', `/v1/sessions/${p.sessionId}`)).status, 200);
    // Outside the sweep, the proof is as immutable as before.
    for (const table of ['consent_records', 'consent_withdrawals', 'erasure_receipts']) {
      await assert.rejects(db.query(`delete from ${table} where session_id = $1`, [p.sessionId]), /immutable/, `${table}: delete`);
      await assert.rejects(db.query(`update ${table} set session_id = session_id where session_id = $1`, [p.sessionId]), /immutable/, `${table}: update`);
    }

    // After four years: everything about the two sessions is deleted, nothing about the held one.
    result = await sweep(1462);
    assert.ok(result.proof.includes(p.sessionId) && result.proof.includes(erased.sessionId), JSON.stringify(result.proof));
    assert.ok(!result.proof.includes(held.sessionId), 'legal hold');
    for (const id of [p.sessionId, erased.sessionId]) {
      left = await rowsOf(id);
      assert.deepEqual(Object.entries(left).filter(([, n]) => n > 0), [], `nothing left of ${id}`);
      assert.equal((await api(server.endpoint, 'GET', `/v1/sessions/${id}`)).status, 404);
    }
    assert.deepEqual(await objectsOf(objectIds), []);
    const kept = await rowsOf(held.sessionId);
    assert.deepEqual([kept.sessions, kept.consent_records, kept.answers], [1, 1, 2], 'the held session is untouched');
    assert.ok((await objectsOf([held.sessionId, ...(await session(held.sessionId)).answers.map((a: any) => a.id)])).length > 0);

    // The ATS is told to delete its copies; the audit chain still verifies; a second sweep finds nothing.
    const told = await server.candid.webhooks.listDeliveries({ sessionId: p.sessionId, eventType: 'retention.expired' });
    assert.deepEqual(told.deliveries.map((d: any) => d.payload.data.dataTypes), [['proof']]);
    assert.ok((await server.candid.rights.audit.verify()).ok);
    assert.deepEqual((await sweep(1462)).proof, []);
  });

  it('queues the daily sweep job at start', async () => {
    const db = (server.candid.rights as unknown as { audit: { db: { query: (sql: string) => Promise<{ rows: any[] }> } } }).audit.db;
    const { rows } = await db.query(`select state, start_after, singleton_key from ${server.candid.options.databaseSchema}_jobs.job where name = 'candid.retention.sweep'`);
    assert.ok(rows.length >= 1, 'a sweep is scheduled');
    assert.ok(rows.some((r) => r.state === 'created' && /^sweep:\d{4}-\d{2}-\d{2}$/.test(r.singleton_key)));
  });

  it('refuses retention outside what the interview allows', async () => {
    const res = await api(server.endpoint, 'POST', '/v1/interviews', { ...RIGHTS_INTERVIEW, retention: { mediaDays: 0, incompleteUploadDays: 31 } });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json.error.issues.map((i: any) => i.path).sort(), ['retention/incompleteUploadDays', 'retention/mediaDays']);
  });
});

describe('proof retention setting [pglite]', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ retention: { proofDays: 800 } });
  });
  after(() => server.close());

  it('an operator may shorten the proof period, but never below the interview\'s own retention', async () => {
    const recordings = await makeRecordings();
    const plain = await runSession(server, recordings, { externalId: 'ats-800', name: 'N', email: 'n@example.org' }); // media 365, evaluation 730
    const longer = await runSession(server, recordings, { externalId: 'ats-900', name: 'L', email: 'l@example.org' }, {
      interview: { ...RIGHTS_INTERVIEW, title: 'Longer evaluation retention', retention: { mediaDays: 365, evaluationDays: 900 } },
    });
    const sweep = (days: number) => server.candid.rights.retention.sweep({ now: new Date(Date.now() + days * DAY) });
    assert.deepEqual((await sweep(799)).proof, []);
    assert.deepEqual((await sweep(801)).proof, [plain.sessionId], 'the operator\'s 800 days');
    assert.deepEqual((await sweep(899)).proof, []);
    assert.deepEqual((await sweep(901)).proof, [longer.sessionId], 'the interview\'s 900-day evaluation retention wins');
  });

  it('refuses retention settings outside the legal floors, from options and from the environment', () => {
    const secret = 'x'.repeat(32);
    assert.deepEqual(resolveOptions({ secret }).retention, { auditDays: 365, proofDays: 1461 });
    assert.throws(() => resolveOptions({ secret, retention: { auditDays: 90 } }), /retention\.auditDays.*183/);
    assert.throws(() => resolveOptions({ secret, retention: { proofDays: 30 } }), /retention\.proofDays.*365/);
    assert.throws(() => resolveOptions({ secret, retention: { proofDays: 1000.5 } }), /whole number/);
    const fromEnv = optionsFromEnv({ CANDID_PROOF_RETENTION_DAYS: '1096', CANDID_AUDIT_RETENTION_DAYS: '200' });
    assert.deepEqual(resolveOptions({ secret, ...fromEnv }).retention, { auditDays: 200, proofDays: 1096 });
    assert.throws(() => resolveOptions({ secret, ...optionsFromEnv({ CANDID_PROOF_RETENTION_DAYS: 'four years' }) }), /retention\.proofDays/);
  });
});
