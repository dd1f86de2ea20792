import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestServer, API_KEY, QUESTIONS, api, startTestServer } from './helpers/server.js';
import { type TestDatabase, testDatabases } from './helpers/databases.js';
import { runCli } from './helpers/cli.js';


type Db = { query: (sql: string, params?: unknown[]) => Promise<{ rows: any[] }> };
const dbOf = (server: TestServer) => (server.candid.rights as unknown as { audit: { db: Db } }).audit.db;

/** Changes one row behind the append-only trigger's back, the way an attacker with DB access would. */
async function tamper(db: Db, sql: string, params: unknown[]) {
  await db.query('alter table audit_log disable trigger audit_log_append_only');
  try {
    await db.query(sql, params);
  } finally {
    await db.query('alter table audit_log enable trigger audit_log_append_only');
  }
}

/** Env for the CLI to open the same database as the server. */
function cliEnv(server: TestServer, database: TestDatabase): Record<string, string> {
  const options = server.candid.options;
  return {
    CANDID_DATA_DIR: server.dataDir,
    CANDID_SECRET: 's'.repeat(40),
    ...(database.name === 'postgres' ? { DATABASE_URL: options.databaseUrl!, CANDID_DB_SCHEMA: options.databaseSchema } : {}),
  };
}

for (const database of testDatabases) describe(`audit log [${database.name}]`, () => {
  let server: TestServer;
  let sessionId: string;
  const candidateName = `Zelda Auditfree ${Date.now()}`;
  before(async () => {
    server = await startTestServer({}, database);
    const interview = await api(server.endpoint, 'POST', '/v1/interviews', { title: 'Audit', questions: QUESTIONS });
    const session = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: 'c-audit', name: candidateName, email: 'zelda@example.org' }, accommodations: { timeMultiplier: 1.5 } });
    sessionId = session.json.sessionId;
    const consent = await api(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: null, choices: { recording: true, aiEvaluation: true }, ageConfirmed: true }, session.json.token);
    assert.equal(consent.status, 201);
    await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/token`);
    await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/restrict`, { kind: 'restrict', reason: 'candidate contests accuracy' });
    await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/restrict/lift`, { reason: 'resolved' });
    await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/reviews`, { reviewer: 'rita', decision: 'advance', rationale: 'Strong examples.' });
  });
  after(() => server.close());

  it('records actor, action, object and request id for ATS, candidate and system actions, with no content', async () => {
    const res = await fetch(`${server.endpoint}/v1/audit`, { headers: { authorization: `Bearer ${API_KEY}`, 'x-request-id': 'req-audit-export-1' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^application\/x-ndjson/);
    const text = await res.text();
    const rows = text.trim().split('\n').map((line) => JSON.parse(line));
    const actions = rows.map((r) => `${r.actorType}:${r.action}`);
    for (const expected of ['ats:config_change', 'ats:token_issued', 'ats:accommodation_granted', 'candidate:consent_change', 'ats:restrict', 'ats:restriction_lifted', 'ats:decision_recorded']) {
      assert.ok(actions.includes(expected), `${expected} in ${actions.join(', ')}`);
    }
    const consent = rows.find((r) => r.action === 'consent_change');
    assert.equal(consent.actorId, sessionId);
    assert.equal(consent.sessionId, sessionId);
    assert.match(consent.requestId, /^[0-9a-f-]{36}$/, 'the request id of the consent call');
    const ats = rows.find((r) => r.action === 'token_issued');
    assert.match(ats.actorId, /^key_[0-9a-f]{12}$/, 'the API key id, never the key');
    assert.ok(!text.includes(API_KEY));
    assert.ok(!text.includes(candidateName) && !text.includes('zelda@example.org') && !text.includes('Strong examples'), 'no names, e-mail or rationale');
    assert.deepEqual(rows.map((r) => r.seq), rows.map((_, i) => rows[0].seq + i), 'contiguous sequence');
  });

  it('exports only the requested period and refuses a malformed one', async () => {
    const all = await server.candid.rights.audit.verify();
    assert.ok(all.ok);
    const future = await api(server.endpoint, 'GET', `/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
    assert.equal(future.status, 200);
    assert.equal(future.json, null, 'nothing after an hour from now');
    const bad = await api(server.endpoint, 'GET', '/v1/audit?from=yesterday');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'VALIDATION_FAILED');
    const unauth = await api(server.endpoint, 'GET', '/v1/audit', undefined, null);
    assert.equal(unauth.status, 401);
  });

  it('serializes concurrent appends into one unbroken chain', async () => {
    const audit = server.candid.rights.audit;
    await Promise.all(Array.from({ length: 25 }, (_, i) => audit.append({ type: 'system', id: 'test' }, { action: 'config_change', objectType: 'system', objectId: `n${i}` })));
    const result = await audit.verify();
    assert.ok(result.ok, JSON.stringify(result));
  });

  it('refuses updates and deletes at the database level', async () => {
    const db = dbOf(server);
    await assert.rejects(db.query(`update audit_log set action = 'export' where seq = 1`), /append-only/);
    await assert.rejects(db.query('delete from audit_log where seq = 1'), /append-only/);
  });

  it('names the altered row, whichever row and field is altered', async () => {
    const db = dbOf(server);
    const { rows } = await db.query('select seq, id, action, actor_id, detail, at from audit_log order by seq');
    assert.ok(rows.length >= 10);
    for (const row of rows) {
      const seq = Number(row.seq);
      const field = ['action', 'actor_id', 'detail', 'at'][seq % 4]!;
      const altered = field === 'detail' ? JSON.stringify({ forged: true }) : field === 'at' ? new Date(row.at.getTime() + 1000) : `${row[field] ?? ''}x`;
      await tamper(db, `update audit_log set ${field} = $2 where seq = $1`, [seq, altered]);
      const result = await server.candid.rights.audit.verify();
      await tamper(db, `update audit_log set ${field} = $2 where seq = $1`, [seq, field === 'detail' ? JSON.stringify(row.detail) : row[field]]);
      assert.equal(result.ok, false, `altering ${field} of row ${seq} is detected`);
      assert.equal(!result.ok && result.firstBad.seq, seq, `row ${seq} is named`);
    }
    assert.ok((await server.candid.rights.audit.verify()).ok, 'restored');
  });

  it('`candid audit verify` exits 0 on an intact chain and 1 naming the first bad row (seq and id)', async () => {
    const db = dbOf(server);
    const { rows } = await db.query('select seq, id, object_id from audit_log order by seq limit 1 offset 4');
    const target = rows[0];
    // PGlite allows one process per data directory: the server lets go while the CLI runs.
    if (database.name === 'pglite') await server.candid.close();
    const env = cliEnv(server, database);
    const ok = await runCli(['audit', 'verify'], env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /audit log OK/);
    if (database.name === 'pglite') await server.candid.start();

    const live = dbOf(server);
    // A forged hash that still links: the content check names this row.
    await tamper(live, `update audit_log set object_id = 'ses_forged' where seq = $1`, [Number(target.seq)]);
    if (database.name === 'pglite') await server.candid.close();
    const broken = await runCli(['audit', 'verify'], env);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, new RegExp(`seq ${target.seq} \\(id ${target.id}\\)`));
    const exported = await runCli(['audit', 'export', '--from', '2000-01-01'], env);
    assert.equal(exported.code, 0, exported.stderr);
    assert.ok(exported.stdout.trim().split('\n').length >= 10);
    assert.equal((await runCli(['audit', '--help'], env)).code, 0);
    if (database.name === 'pglite') await server.candid.start();
    await tamper(dbOf(server), 'update audit_log set object_id = $2 where seq = $1', [Number(target.seq), target.object_id]);
    assert.ok((await server.candid.rights.audit.verify()).ok);
  });

  it('detects a deleted row as a gap in the sequence', async () => {
    const db = dbOf(server);
    const { rows } = await db.query('select max(seq) as seq from audit_log');
    const last = Number(rows[0].seq);
    await tamper(db, 'delete from audit_log where seq = $1', [last - 2]);
    const result = await server.candid.rights.audit.verify();
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.firstBad.seq, last - 1);
  });
});

// Attack run: TRUNCATE skipped the row triggers and `verify` then said OK on 0 rows; deleting the
// oldest rows (the prune setting is a plain GUC anyone can set) passed too. Now the chain must
// start at seq 1 or at a retention checkpoint and end at the recorded head.
for (const database of testDatabases) describe(`audit log anchors [${database.name}]`, () => {
  let server: TestServer;
  type TxDb = Db & { transaction: <T>(work: (tx: Db) => Promise<T>) => Promise<T> };
  const db = () => dbOf(server) as TxDb;
  const appendRows = (n: number, tag: string) =>
    Promise.all(Array.from({ length: n }, (_, i) => server.candid.rights.audit.append({ type: 'system', id: 'test' }, { action: 'config_change', objectType: 'system', objectId: `${tag}${i}` })));
  /** What an attacker with table access does: the guard triggers off, the statement, the triggers back on. */
  async function behindTriggers(sql: string, params: unknown[] = []) {
    const triggers = ['audit_log_append_only', 'audit_log_no_truncate'];
    for (const t of triggers) await db().query(`alter table audit_log disable trigger ${t}`);
    try {
      await db().query(sql, params);
    } finally {
      for (const t of triggers) await db().query(`alter table audit_log enable trigger ${t}`);
    }
  }
  before(async () => {
    server = await startTestServer({}, database);
  });
  after(() => server.close());

  it('refuses TRUNCATE on the audit log, its anchors and every other append-only table', async () => {
    await appendRows(5, 'a');
    for (const table of ['audit_log', 'audit_checkpoints', 'audit_head', 'consent_records', 'consent_withdrawals', 'erasure_receipts', 'reviews']) {
      await assert.rejects(db().query(`truncate ${table} cascade`), /append-only|only moves forward/, `TRUNCATE ${table}`);
    }
    await assert.rejects(db().query('delete from audit_head'), /only moves forward/);
    await assert.rejects(db().query('update audit_head set last_seq = 0'), /only moves forward/);
    // The prune setting alone no longer lets rows go: a checkpoint must cover them.
    await assert.rejects(
      db().transaction(async (tx) => {
        await tx.query(`select set_config('candid.audit_prune', 'on', true)`);
        await tx.query('delete from audit_log where seq <= 2');
      }),
      /append-only/,
    );
    const ok = await server.candid.rights.audit.verify();
    assert.ok(ok.ok && ok.rows === 5 && ok.firstSeq === 1 && ok.headSeq === 5, JSON.stringify(ok));
  });

  it('retention pruning leaves a checkpoint the chain verifies from, even when every row is pruned', async () => {
    const audit = server.candid.rights.audit;
    await appendRows(4, 'old');
    const cutoff = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await appendRows(3, 'new');
    assert.equal(await audit.pruneThrough(cutoff), 9, 'the nine older rows go');
    let result = await audit.verify();
    assert.ok(result.ok && result.rows === 3 && result.firstSeq === 10 && result.headSeq === 12, JSON.stringify(result));
    const checkpoint = (await audit.checkpoints()).at(-1)!;
    assert.deepEqual([checkpoint.seq, checkpoint.prunedRows], [10, 9]);

    // A whole year without activity: every row pruned, and the log still verifies as empty.
    assert.equal(await audit.pruneThrough(new Date(Date.now() + 60_000)), 3);
    result = await audit.verify();
    assert.ok(result.ok && result.rows === 0 && result.headSeq === 12, JSON.stringify(result));
    await appendRows(5, 'later');
    result = await audit.verify();
    assert.ok(result.ok && result.firstSeq === 13 && result.lastSeq === 17, JSON.stringify(result));
  });

  it('fails verification when rows are deleted at the head or the tail, or the table is emptied', async () => {
    const { rows } = await db().query('select * from audit_log order by seq');
    const [first, last] = [Number(rows[0].seq), Number(rows.at(-1).seq)];
    const restore = async () => {
      await behindTriggers('delete from audit_log');
      for (const r of rows) {
        await behindTriggers(
          `insert into audit_log (seq, id, at, actor_type, actor_id, action, object_type, object_id, session_id, request_id, detail, prev_hash, hash)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [r.seq, r.id, r.at, r.actor_type, r.actor_id, r.action, r.object_type, r.object_id, r.session_id, r.request_id, JSON.stringify(r.detail), r.prev_hash, r.hash],
        );
      }
      assert.ok((await server.candid.rights.audit.verify()).ok, 'restored');
    };

    // The head: the chain no longer starts at seq 1 or at a checkpoint.
    await behindTriggers('delete from audit_log where seq < $1', [first + 2]);
    let result = await server.candid.rights.audit.verify();
    assert.ok(!result.ok && result.firstBad.seq === first + 2 && /no retention checkpoint/.test(result.firstBad.reason), JSON.stringify(result));
    await restore();

    // Emptied: TRUNCATE with its trigger dropped.
    await behindTriggers('truncate audit_log');
    result = await server.candid.rights.audit.verify();
    assert.ok(!result.ok && result.rows === 0 && new RegExp(`empty, but ${last} row\\(s\\) were written`).test(result.firstBad.reason), JSON.stringify(result));
    if (database.name === 'pglite') await server.candid.close();
    const cli = await runCli(['audit', 'verify'], cliEnv(server, database));
    assert.equal(cli.code, 1, cli.stdout);
    assert.match(cli.stderr, /audit log BROKEN at seq 1: the audit log is empty, but \d+ row\(s\) were written/);
    if (database.name === 'pglite') await server.candid.start();
    await restore();

    // The tail: the chain ends before the head; the next append continues after the head.
    await behindTriggers('delete from audit_log where seq > $1', [last - 2]);
    result = await server.candid.rights.audit.verify();
    assert.ok(!result.ok && result.firstBad.seq === last - 1 && /deleted from the tail/.test(result.firstBad.reason), JSON.stringify(result));
    await appendRows(1, 'after-cut');
    result = await server.candid.rights.audit.verify();
    assert.ok(!result.ok && result.firstBad.seq === last + 1 && /sequence gap/.test(result.firstBad.reason), JSON.stringify(result));
  });
});
