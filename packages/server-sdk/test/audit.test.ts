import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { type TestServer, API_KEY, QUESTIONS, api, startTestServer } from './helpers/server.js';
import { type TestDatabase, testDatabases } from './helpers/databases.js';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

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
