// Attack run, class 4: two configurations on one data directory (the demo's generated secret,
// then `npx candid serve` with another CANDID_SECRET or CANDID_MASTER_KEYS) made every old session
// answer 500 DATA_INTEGRITY, with no warning at start. Now the start is refused with a typed error
// naming what differs and what to do.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { type Candid, createCandid } from '../src/index.js';
import type { CandidOptions } from '../src/config.js';
import { CandidError } from '../src/errors.js';
import { type TestDatabase, testDatabases } from './helpers/databases.js';
import { runCli } from './helpers/cli.js';


const typed = (code: string, pattern: RegExp) => (e: unknown) => e instanceof CandidError && e.code === code && pattern.test(e.message);

for (const database of testDatabases) describe(`start-up master key check [${database.name}]`, () => {
  let dataDir: string;
  const db = (database as TestDatabase).options();
  const demoSecret = randomBytes(32).toString('base64url');
  const open = async (overrides: Partial<CandidOptions>): Promise<Candid> => {
    const candid = createCandid({ dataDir, secret: demoSecret, ...db, workers: false, ...overrides }, { logger: pino({ level: 'silent' }) });
    await candid.start();
    return candid;
  };
  const cliEnv = (extra: Record<string, string>) => ({
    CANDID_DATA_DIR: dataDir,
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl, CANDID_DB_SCHEMA: db.databaseSchema! } : {}),
    ...extra,
  });
  let sessionId: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-keycheck-'));
    // The demo's first start: no master keys, the key derived from its secret; one candidate.
    const candid = await open({});
    const interview = await candid.interviews.create({ title: 'Key check', questions: [{ id: 'q1', prompt: 'Hello?' }] });
    sessionId = (await candid.sessions.create({ interviewId: interview.id, candidate: { externalId: 'c-key', name: 'Keyla Check' } })).sessionId;
    await candid.close();
  });
  after(async () => {
    await database.cleanup(db);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses `candid serve` with another CANDID_SECRET, naming it, and starts again with the right one', async () => {
    const served = await runCli(['serve', '--host', '127.0.0.1', '--port', '0'], cliEnv({ CANDID_SECRET: randomBytes(32).toString('hex') }));
    assert.equal(served.code, 1, served.stdout + served.stderr);
    assert.match(served.stderr, /MASTER_KEY_MISMATCH: CANDID_SECRET differs from the one this database was written with/);
    assert.match(served.stderr, /data keys of 1 session\(s\)/);
    if (database.name === 'pglite') assert.ok(served.stderr.includes(path.join(dataDir, 'secret')), 'names where a generated secret is kept');
    // `keys status` still runs, to look into it.
    const status = await runCli(['keys', 'status'], cliEnv({ CANDID_SECRET: randomBytes(32).toString('hex') }));
    assert.equal(status.code, 0, status.stderr);
    assert.equal(JSON.parse(status.stdout).dataKeys[0].kid, 'secret-v1');

    const candid = await open({});
    try {
      assert.equal((await candid.sessions.get(sessionId)).candidate.name, 'Keyla Check', 'nothing was changed by the refused starts');
    } finally {
      await candid.close();
    }
  });

  it('refuses CANDID_MASTER_KEYS that do not include the key the data is under, and a key id reused for other bytes', async () => {
    const k1 = randomBytes(32).toString('base64');
    await assert.rejects(open({ encryption: { keys: [{ id: 'k1', key: k1 }] } }), typed('ENCRYPTION_KEY_MISSING', /1 session\(s\).*"secret-v1".*written without master keys/s));

    // A database on real keys, then the same id with other bytes.
    const keyed = { ...(db.databaseSchema ? { databaseSchema: `${db.databaseSchema}_k` } : {}), dataDir: path.join(dataDir, 'keyed') };
    const first = createCandid({ secret: demoSecret, ...db, ...keyed, workers: false, encryption: { keys: [{ id: 'k1', key: k1 }] } }, { logger: pino({ level: 'silent' }) });
    await first.start();
    const interview = await first.interviews.create({ title: 'Keyed', questions: [{ id: 'q1', prompt: 'Hello?' }] });
    await first.sessions.create({ interviewId: interview.id, candidate: { externalId: 'c-k1', name: 'Kay One' } });
    await first.close();
    const second = createCandid({ secret: demoSecret, ...db, ...keyed, workers: false, encryption: { keys: [{ id: 'k1', key: randomBytes(32).toString('base64') }] } }, { logger: pino({ level: 'silent' }) });
    await assert.rejects(second.start(), typed('MASTER_KEY_MISMATCH', /Master key "k1" in CANDID_MASTER_KEYS is not the key this database was written with/));
    if (keyed.databaseSchema) await database.cleanup({ databaseSchema: keyed.databaseSchema });
  });

  it('checks a database from before the check by one of its data keys, and lets a key go that wraps nothing any more', async () => {
    let candid = await open({});
    const dbq = (candid.rights as unknown as { audit: { db: { query: (sql: string) => Promise<unknown> } } }).audit.db;
    await dbq.query('delete from master_key_checks');
    await candid.close();
    await assert.rejects(open({ secret: randomBytes(32).toString('hex') }), typed('MASTER_KEY_MISMATCH', /CANDID_SECRET differs/));

    candid = await open({});
    await candid.rights.erasure.eraseSession(sessionId, { type: 'system', id: 'test' }, 'test_data');
    await candid.close();
    // Nothing is wrapped under the old key now: another secret may take over this data directory.
    const other = await open({ secret: randomBytes(32).toString('hex') });
    await other.close();
  });
});
