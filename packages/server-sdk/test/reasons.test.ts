// Attack run, class 1: reasons given for restriction, legal hold and erasure are free text about
// the candidate, and were kept verbatim in the audit log, the erasure receipt and the export after
// erasure. Now they are sealed under the session's data key (erasure crypto-shreds them) or, on
// the receipt, replaced by a reason code and a keyed digest; the audit detail holds ids only.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import pg from 'pg';
import { pino } from 'pino';
import { type Candid, createCandid } from '../src/index.js';
import { migrate, migrations } from '../src/db/migrations.js';
import { openPGliteDatabase } from '../src/db/pglite-database.js';
import { AuditLog } from '../src/audit/audit-log.js';
import { MasterKeyring } from '../src/crypto/master-keys.js';
import { byteScan } from './helpers/rights-fixtures.js';
import { API_KEY, QUESTIONS, api } from './helpers/server.js';
import { TEST_DATABASE_URL, type TestDatabase, testDatabases } from './helpers/databases.js';
import { parseTar } from '../src/rights/tar.js';

type Db = { query: (sql: string, params?: unknown[]) => Promise<{ rows: any[] }> };
const dbOf = (candid: Candid) => (candid.rights as unknown as { audit: { db: Db } }).audit.db;
const unique = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;

async function exportJson(endpoint: string, sessionId: string): Promise<string> {
  const res = await fetch(`${endpoint}/v1/sessions/${sessionId}/export`, { headers: { authorization: `Bearer ${API_KEY}` } });
  assert.equal(res.status, 200);
  return parseTar(Buffer.from(await res.arrayBuffer())).get('export.json')!.toString('utf8');
}

for (const database of testDatabases) describe(`free-text reasons after erasure [${database.name}]`, () => {
  let candid: Candid;
  let endpoint: string;
  let close: () => Promise<void>;
  let dataDir: string;
  let postgresDataDir: string | null = null;
  const dbOptions = (database as TestDatabase).options();
  const logs: string[] = [];

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-reasons-'));
    const sink = new Writable({ write: (chunk, _enc, done) => (logs.push(chunk.toString()), done()) });
    candid = createCandid({ dataDir, secret: randomBytes(32).toString('hex'), apiKeys: [API_KEY], ...dbOptions }, { logger: pino({ level: 'debug' }, sink) });
    await candid.start();
    const app = express();
    app.use('/candid', candid.router);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/candid`;
    close = async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await candid.close();
    };
    if (database.name === 'postgres') {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      postgresDataDir = (await client.query('show data_directory')).rows[0].data_directory;
      await client.end();
    }
  });
  after(async () => {
    await close();
    await database.cleanup(dbOptions);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps no reason in clear in the audit log, the receipt, the export after erasure, the database files or the logs', async () => {
    const interview = await api(endpoint, 'POST', '/v1/interviews', { title: 'Reasons', questions: QUESTIONS });
    const session = await api(endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: unique('c') } });
    const id: string = session.json.sessionId;
    const reasons = {
      restrict: `Ms ${unique('Quillfeather')} contests the transcript of her answer`,
      lift: `Transcript of ${unique('Quillfeather')} corrected after her call`,
      hold: `Lawsuit ${unique('Quillfeather')} v. Acme, filed by her lawyer`,
      release: `Suit of ${unique('Quillfeather')} settled`,
      erase: `${unique('Quillfeather')} asked by e-mail to delete everything`,
    };

    const restricted = await api(endpoint, 'POST', `/v1/sessions/${id}/restrict`, { kind: 'restrict', reason: reasons.restrict });
    assert.equal(restricted.json.restrictionReason, reasons.restrict, 'the ATS reads its reason back while it is kept');
    assert.equal((await api(endpoint, 'POST', `/v1/sessions/${id}/restrict/lift`, { reason: reasons.lift })).status, 200);
    const held = await api(endpoint, 'POST', `/v1/sessions/${id}/legal-hold`, { reason: reasons.hold });
    assert.equal(held.json.legalHold.reason, reasons.hold);
    const refused = await api(endpoint, 'DELETE', `/v1/sessions/${id}`);
    assert.equal(refused.json.error.code, 'LEGAL_HOLD_ACTIVE');
    assert.ok(!JSON.stringify(refused.json).includes(reasons.hold), 'the refusal does not quote the hold reason');
    assert.equal((await api(endpoint, 'POST', `/v1/sessions/${id}/legal-hold/release`, { reason: reasons.release })).status, 200);

    // Before erasure: the export shows the reasons (they are the candidate's data too).
    const before = JSON.parse(await exportJson(endpoint, id));
    assert.deepEqual(
      before.reasons.map((r: any) => [r.action, r.reason]),
      [['restrict', reasons.restrict], ['restriction_lifted', reasons.lift], ['legal_hold', reasons.hold], ['legal_hold_released', reasons.release]],
    );
    const auditRows = before.audit.filter((r: any) => ['restrict', 'restriction_lifted', 'legal_hold', 'legal_hold_released'].includes(r.action));
    assert.deepEqual(auditRows.map((r: any) => r.detail.reasonId), before.reasons.map((r: any) => r.id), 'audit rows name the reason by id');

    const erased = await fetch(`${endpoint}/v1/sessions/${id}?reason=${encodeURIComponent(reasons.erase)}`, { method: 'DELETE', headers: { authorization: `Bearer ${API_KEY}` } });
    const { receipt } = await erased.json();
    assert.equal(receipt.reason, 'other');
    assert.ok(candid.rights.erasure.reasonMatches(receipt, reasons.erase), 'the digest checks the text the ATS kept');
    assert.ok(!candid.rights.erasure.reasonMatches(receipt, 'something else'));

    // After erasure: nothing anywhere says why, in words.
    const needles = Object.fromEntries(Object.entries(reasons).map(([k, v]) => [k, Buffer.from(v.split(' ').find((w) => w.includes('Quillfeather'))!)]));
    const texts = {
      audit: await (await fetch(`${endpoint}/v1/audit`, { headers: { authorization: `Bearer ${API_KEY}` } })).text(),
      receipts: JSON.stringify((await api(endpoint, 'GET', `/v1/sessions/${id}/receipts`)).json),
      exported: await exportJson(endpoint, id),
      rows: JSON.stringify((await dbOf(candid).query(
        `select (select json_agg(a) from audit_log a) as audit, (select json_agg(r) from erasure_receipts r) as receipts,
                (select json_agg(s) from session_reasons s) as reasons, (select json_agg(s) from sessions s) as sessions`,
      )).rows),
      logs: logs.join(''),
    };
    for (const [where, text] of Object.entries(texts)) {
      for (const [label, needle] of Object.entries(needles)) assert.ok(!text.includes(needle.toString()), `${label} reason in ${where}`);
    }
    const after = JSON.parse(texts.exported);
    assert.ok(after.reasons.every((r: any) => r.reason === null), 'the reasons read as null once the key is gone');
    assert.ok(logs.length > 0, 'positive control: the logger wrote');

    if (database.name === 'pglite') await dbOf(candid).query('checkpoint');
    else {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query('checkpoint');
      await client.end();
    }
    const found = await byteScan([dataDir, ...(postgresDataDir ? [postgresDataDir] : [])], { ...needles, control: Buffer.from(session.json.sessionId) });
    assert.ok(found.control!.length > 0, 'positive control: the scan reads the database files');
    for (const label of Object.keys(reasons)) assert.deepEqual(found[label], [], `${label} reason in a database file`);
  });

  it('keeps a reason that is a code as the code, and seals restriction reasons stored in clear before', async () => {
    const interview = await api(endpoint, 'POST', '/v1/interviews', { title: 'Codes', questions: QUESTIONS });
    const a = (await api(endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: unique('c') } })).json.sessionId;
    const { receipt } = (await api(endpoint, 'DELETE', `/v1/sessions/${a}?reason=data_subject_request`)).json;
    assert.deepEqual([receipt.reason, receipt.reasonDigest], ['data_subject_request', null]);

    const b = (await api(endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: unique('c') } })).json.sessionId;
    const legacy = `Written in clear by 0.1: ${unique('Quillfeather')}`;
    await dbOf(candid).query(`update sessions set restriction = 'restricted', restriction_reason = $2, legal_hold_reason = $2, legal_hold_at = now() where id = $1`, [b, legacy]);
    assert.ok((await candid.rights.restrictions.sealLegacyReasons()) >= 2);
    const { rows } = await dbOf(candid).query('select restriction_reason, legal_hold_reason from sessions where id = $1', [b]);
    assert.ok(rows[0].restriction_reason.startsWith('cdk1:') && rows[0].legal_hold_reason.startsWith('cdk1:'));
    const state = await candid.rights.restrictions.state(b);
    assert.deepEqual([state.restrictionReason, state.legalHold?.reason], [legacy, legacy]);
    assert.equal(await candid.rights.restrictions.sealLegacyReasons(), 0, 'nothing twice');
  });
});

describe('upgrading a database written before reasons were sealed and the audit log anchored', () => {
  it('turns free-text receipt reasons into a code and a digest, and anchors an audit log pruned before', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'candid-upgrade-'));
    const db = await openPGliteDatabase(dir, 'candid');
    try {
      // The schema as release 9 left it, with a receipt and an audit log whose head was pruned.
      await db.exec('create table migrations (id integer primary key, name text not null, applied_at timestamptz not null default now())');
      for (const m of migrations.filter((m) => m.id <= 9)) {
        await db.exec(m.sql);
        await db.query('insert into migrations (id, name) values ($1, $2)', [m.id, m.name]);
      }
      await db.query(
        `insert into erasure_receipts (id, session_id, kind, data_types, actor_type, reason, items) values
         ('rcp_free', 'ses_1', 'erasure', '{}', 'ats', 'Candidate Quillfeather asked by phone', '[]'),
         ('rcp_code', 'ses_2', 'erasure', '{}', 'ats', 'test_data', '[]'),
         ('rcp_ret', 'ses_3', 'retention', '{}', 'system', 'retention period ended', '[]')`,
      );
      const audit = new AuditLog(db);
      // (audit_head does not exist yet: append as release 9 did, by hand.)
      const { createHash } = await import('node:crypto');
      let prev = '0'.repeat(64);
      for (let seq = 1; seq <= 4; seq++) {
        const hash = createHash('sha256').update(prev + String(seq)).digest('hex');
        await db.query(
          `insert into audit_log (seq, id, at, actor_type, action, object_type, detail, prev_hash, hash) values ($1, $2, now(), 'system', 'config_change', 'system', '{}', $3, $4)`,
          [seq, `aud_${String(seq).padStart(32, '0')}`, prev, hash],
        );
        prev = hash;
      }
      await db.transaction(async (tx) => {
        await tx.query(`select set_config('candid.audit_prune', 'on', true)`);
        await tx.query('delete from audit_log where seq <= 2');
      });

      assert.deepEqual(await migrate(db, 'candid'), migrations.filter((m) => m.id > 9).map((m) => m.id));
      const receipts = Object.fromEntries((await db.query<{ id: string; reason: string; reason_digest: string | null }>('select id, reason, reason_digest from erasure_receipts')).rows.map((r) => [r.id, r]));
      assert.equal(receipts.rcp_free!.reason, 'other');
      assert.ok(new MasterKeyring([{ id: 'k', key: randomBytes(32) }]).digestMatches(receipts.rcp_free!.reason_digest!, 'Candidate Quillfeather asked by phone'));
      assert.deepEqual([receipts.rcp_code!.reason, receipts.rcp_code!.reason_digest], ['test_data', null]);
      assert.deepEqual([receipts.rcp_ret!.reason, receipts.rcp_ret!.reason_digest], ['retention period ended', null], 'retention receipts are the sweep\'s own words');

      // The rows pruned before checkpoints existed are covered by one checkpoint; the head is set.
      assert.deepEqual((await audit.checkpoints()).map((c) => [c.seq, c.prunedRows]), [[3, 2]]);
      assert.deepEqual(await audit.head(), { seq: 4, hash: prev });
      await audit.append({ type: 'system', id: 'upgrade' }, { action: 'config_change', objectType: 'system', objectId: null });
      const { rows } = await db.query<{ seq: string; prev_hash: string }>('select seq, prev_hash from audit_log order by seq desc limit 1');
      assert.deepEqual([Number(rows[0]!.seq), rows[0]!.prev_hash], [5, prev], 'appends continue the old chain');
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
