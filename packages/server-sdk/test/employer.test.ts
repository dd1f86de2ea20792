// Who is asking and whether AI runs: the interview's `employer`, the configured default, what
// `GET /v1/session` tells the widget (`employer`, `aiEvaluation`, the disclosure without the AI
// sections), what a consent may store when no AI runs, and migration 9 on an existing database.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCandid } from '../src/index.js';
import { optionsFromEnv, resolveOptions } from '../src/config.js';
import { AI_ONLY_ITEMS, disclosureOf } from '../src/compliance/disclosure.js';
import { resolvePolicy } from '../src/compliance/policy.js';
import { migrate, migrations } from '../src/db/migrations.js';
import { openDatabase } from '../src/db/open-database.js';
import { effectiveEmployer } from '../src/employer.js';
import type { Interview } from '../src/types.js';
import { type FakeOpenAI, startFakeOpenAI } from './helpers/fake-openai.js';
import { type TestDatabase, testDatabases } from './helpers/databases.js';
import { QUESTIONS, type TestServer, api, startInstance, startTestServer } from './helpers/server.js';

const NORTHWIND = {
  name: 'Northwind Robotics',
  logoUrl: 'https://northwind.example/logo.svg',
  contactEmail: 'careers@northwind.example',
  contactUrl: 'https://northwind.example/contact',
  privacyUrl: 'https://northwind.example/privacy',
};
const NOBODY = { logoUrl: null, contactEmail: null, contactUrl: null, privacyUrl: null };

async function interviewWith(server: TestServer, extra: Record<string, unknown>) {
  const created = await api(server.endpoint, 'POST', '/v1/interviews', { title: 'Support Specialist', questions: QUESTIONS, ...extra });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  return created.json;
}

/** What the widget reads for a new session of the interview. */
async function candidateView(server: TestServer, interviewId: string) {
  const session = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId, candidate: { externalId: `c-${randomBytes(3).toString('hex')}` } });
  const view = await api(server.endpoint, 'GET', '/v1/session', undefined, session.json.token);
  assert.equal(view.status, 200, JSON.stringify(view.json));
  return { token: session.json.token as string, sessionId: session.json.sessionId as string, view: view.json };
}

const consentBody = (view: { notice: { version: string } | null }, aiEvaluation: boolean) => ({
  noticeVersion: view.notice?.version ?? null,
  choices: { recording: true, aiEvaluation, productImprovement: false },
  ageConfirmed: true,
});

for (const database of testDatabases) describe(`employer and AI flag, without OpenAI [${database.name}]`, () => {
  let server: TestServer;
  let bare: TestServer;
  before(async () => {
    [server, bare] = await Promise.all([startTestServer({ employer: NORTHWIND }, database), startTestServer({}, database)]);
  });
  after(() => Promise.all([server.close(), bare.close()]));

  it("stores the interview's own employer and returns it from the ATS routes and in-process", async () => {
    const own = { name: 'Contoso Retail', contactEmail: 'jobs@contoso.example', privacyUrl: 'http://contoso.example/privacy' };
    const created = await interviewWith(server, { employer: own });
    assert.deepEqual(created.employer, { ...NOBODY, ...own });
    const read = await api(server.endpoint, 'GET', `/v1/interviews/${created.id}`);
    assert.deepEqual(read.json.employer, created.employer);
    // In-process, the same shape.
    assert.deepEqual((await server.candid.interviews.get(created.id)).employer, created.employer);
    const plain = await interviewWith(server, {});
    assert.equal(plain.employer, null, 'no employer of its own: null, the default applies at session time');
    assert.equal((await interviewWith(server, { employer: null })).employer, null);
  });

  it("GET /v1/session names the interview's employer, else the configured default; unset fields are null", async () => {
    const own = await interviewWith(server, { employer: { name: 'Contoso Retail', contactEmail: 'jobs@contoso.example' } });
    const { view } = await candidateView(server, own.id);
    // Another employer takes nothing from the default: no Northwind logo next to Contoso's name.
    assert.deepEqual(view.employer, { name: 'Contoso Retail', logoUrl: null, contactEmail: 'jobs@contoso.example', contactUrl: null, privacyUrl: null });
    assert.equal(view.aiEvaluation, false);

    const plain = await interviewWith(server, {});
    assert.deepEqual((await candidateView(server, plain.id)).view.employer, NORTHWIND, 'the configured default');

    // Same employer (name compared case-insensitively): field by field, the interview's value, else the default's.
    const sameName = await interviewWith(server, { employer: { name: ' northwind robotics', contactEmail: 'support-jobs@northwind.example', logoUrl: null } });
    assert.deepEqual((await candidateView(server, sameName.id)).view.employer, { ...NORTHWIND, name: ' northwind robotics', contactEmail: 'support-jobs@northwind.example' });

    // No default configured: the interview's own, or null.
    const onBare = await interviewWith(bare, {});
    assert.equal((await candidateView(bare, onBare.id)).view.employer, null);
    const ownOnBare = await interviewWith(bare, { employer: { name: 'Fabrikam' } });
    assert.deepEqual((await candidateView(bare, ownOnBare.id)).view.employer, { name: 'Fabrikam', ...NOBODY });
  });

  it('refuses a bad employer with 400 VALIDATION_FAILED listing every path', async () => {
    const bad = await api(server.endpoint, 'POST', '/v1/interviews', {
      title: 'Bad employer',
      questions: QUESTIONS,
      employer: { name: '  ', logoUrl: 'ftp://northwind.example/logo.svg', contactEmail: 'careers at northwind', contactUrl: '/contact', privacyUrl: 42, website: 'https://x.example' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(bad.json.error.issues.map((i: { path: string }) => i.path).sort(), [
      'employer/contactEmail',
      'employer/contactUrl',
      'employer/logoUrl',
      'employer/name',
      'employer/privacyUrl',
      'employer/website',
    ]);
    for (const [employer, issue] of [
      ['Northwind', 'employer'],
      [{ logoUrl: NORTHWIND.logoUrl }, 'employer/name'],
      [{ name: 'x'.repeat(201) }, 'employer/name'],
      [{ name: 'N', contactEmail: 'careers@northwind' }, 'employer/contactEmail'],
      [{ name: 'N', contactEmail: '"Jobs" <jobs@northwind.example>' }, 'employer/contactEmail'],
      [{ name: 'N', logoUrl: 'javascript:alert(1)' }, 'employer/logoUrl'],
    ] as const) {
      const res = await api(server.endpoint, 'POST', '/v1/interviews', { title: 'T', questions: QUESTIONS, employer });
      assert.equal(res.status, 400, JSON.stringify(employer));
      assert.deepEqual(res.json.error.issues.map((i: { path: string }) => i.path), [issue], JSON.stringify(res.json.error.issues));
    }
    await assert.rejects(server.candid.interviews.create({ title: 'T', questions: QUESTIONS, employer: { name: 'N', privacyUrl: 'privacy' } }), (error: { code?: string; issues?: Array<{ path: string }> }) => {
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.deepEqual(error.issues?.map((i) => i.path), ['employer/privacyUrl']);
      return true;
    });
  });

  it('without AI: aiEvaluation false and no C2, C3, C5 unless the employer wrote them', async () => {
    const plain = await interviewWith(server, {});
    const { view } = await candidateView(server, plain.id);
    assert.equal(view.aiEvaluation, false);
    assert.deepEqual(view.disclosure.items, ['C6', 'C9', 'C10', 'C11']);
    for (const item of AI_ONLY_ITEMS) assert.ok(!view.disclosure.items.includes(item), item);

    // The EU pack lists C2, C3 and C5 too: they still describe nothing that happens here.
    const sections = { C1: 'Northwind Robotics GmbH, privacy@northwind.example', C3: 'A recruiter watches every answer.', C4: 'Communication.', C7: 'Hiring.', C8: 'Our recruiters.', C13: 'Optional.' };
    const eu = await interviewWith(server, { jurisdictions: ['EU'], notice: { version: 'v1', markdown: '', sections } });
    const euView = (await candidateView(server, eu.id)).view;
    assert.deepEqual(euView.disclosure.items, ['C1', 'C3', 'C4', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11', 'C13'], 'C3 stays: the employer wrote it');
  });

  it('without AI: a consent with aiEvaluation true is stored, returned and read back as false', async () => {
    const plain = await interviewWith(server, {});
    const { token, sessionId, view } = await candidateView(server, plain.id);
    const res = await api(server.endpoint, 'POST', '/v1/session/consent', consentBody(view, true), token);
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.equal(res.json.status, 'consented');
    assert.deepEqual(res.json.consent.choices, { recording: true, aiEvaluation: false, productImprovement: false });
    assert.equal(res.json.consent.noticeSha256, view.disclosure.sha256);
    assert.equal((await api(server.endpoint, 'GET', '/v1/session', undefined, token)).json.consent.aiEvaluation, false);
    const ats = await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}`);
    assert.equal(ats.json.consents[0].choices.aiEvaluation, false);
    const stored = await (server.candid.sessions as unknown as { db: { query: (sql: string, p: unknown[]) => Promise<{ rows: Array<{ ai_evaluation: boolean }> }> } }).db.query(
      'select ai_evaluation from consent_records where session_id = $1',
      [sessionId],
    );
    assert.deepEqual(stored.rows.map((r) => r.ai_evaluation), [false], 'the database holds false too');
  });
});

for (const database of testDatabases) describe(`AI flag with an OpenAI-compatible server [${database.name}]`, () => {
  let fake: FakeOpenAI;
  let server: TestServer;
  before(async () => {
    fake = await startFakeOpenAI();
    server = await startTestServer({ openai: { apiKey: 'sk-test', baseURL: fake.baseURL } }, database);
  });
  after(async () => {
    await server.close();
    await fake.close();
  });

  it('aiEvaluation is true, the AI sections are shown, and an AI consent is kept', async () => {
    const interview = await interviewWith(server, {});
    const { token, view } = await candidateView(server, interview.id);
    assert.equal(view.aiEvaluation, true);
    assert.equal(view.employer, null, 'no default configured, none on the interview');
    assert.deepEqual(view.disclosure.items, ['C2', 'C3', 'C5', 'C6', 'C9', 'C10', 'C11']);
    const res = await api(server.endpoint, 'POST', '/v1/session/consent', consentBody(view, true), token);
    assert.equal(res.status, 201);
    assert.equal(res.json.consent.choices.aiEvaluation, true);
    const declined = await candidateView(server, interview.id);
    const refused = await api(server.endpoint, 'POST', '/v1/session/consent', consentBody(declined.view, false), declined.token);
    assert.equal(refused.json.consent.choices.aiEvaluation, false);
  });
});

describe('disclosure hash and employer fallback (units)', () => {
  const interview = {
    id: 'int_00000000000000000000000000000000',
    title: 'T',
    locale: 'en',
    questions: [{ id: 'q1', prompt: 'P', thinkSeconds: 30, answerSeconds: 60, maxRetakes: 1, competencies: [{ id: 'c', description: 'd' }], promptVideoUrl: null, captionsUrl: null }],
    practiceQuestion: null,
    notice: null,
    retention: { mediaDays: 365, evaluationDays: 730, incompleteUploadDays: 1 },
    flow: { introVideoUrl: null, introCaptionsUrl: null, allowTimeExtension: true, minimumAge: 16 },
    jurisdictions: [],
    employer: null,
    createdAt: new Date(0).toISOString(),
  } satisfies Interview;
  const policy = resolvePolicy([]);

  it('the sha256 changes with the items, the AI flag and the employer', () => {
    const on = disclosureOf(interview, policy, { aiEvaluation: true, employer: null });
    const off = disclosureOf(interview, policy, { aiEvaluation: false, employer: null });
    assert.deepEqual(on.items, ['C2', 'C3', 'C4', 'C5', 'C6', 'C9', 'C10', 'C11']);
    assert.deepEqual(off.items, ['C4', 'C6', 'C9', 'C10', 'C11']);
    assert.notEqual(on.sha256, off.sha256);
    const named = disclosureOf(interview, policy, { aiEvaluation: false, employer: { name: 'Northwind Robotics', ...NOBODY } });
    assert.notEqual(named.sha256, off.sha256);
    assert.equal(disclosureOf(interview, policy, { aiEvaluation: false, employer: null }).sha256, off.sha256, 'deterministic');
  });

  it('effectiveEmployer never mixes two employers', () => {
    const fallback = { ...NORTHWIND };
    assert.equal(effectiveEmployer(null, null), null);
    assert.deepEqual(effectiveEmployer(null, fallback), NORTHWIND);
    assert.deepEqual(effectiveEmployer({ name: 'Contoso', ...NOBODY }, fallback), { name: 'Contoso', ...NOBODY });
    assert.deepEqual(effectiveEmployer({ name: 'NORTHWIND ROBOTICS', ...NOBODY, privacyUrl: 'https://n.example/p' }, fallback), { ...NORTHWIND, name: 'NORTHWIND ROBOTICS', privacyUrl: 'https://n.example/p' });
  });
});

describe('employer configuration', () => {
  const secret = 's'.repeat(40);

  it('optionsFromEnv reads CANDID_EMPLOYER_*; empty variables are unset', () => {
    const env = {
      CANDID_EMPLOYER_NAME: NORTHWIND.name,
      CANDID_EMPLOYER_LOGO_URL: NORTHWIND.logoUrl,
      CANDID_EMPLOYER_CONTACT_EMAIL: NORTHWIND.contactEmail,
      CANDID_EMPLOYER_CONTACT_URL: '',
      CANDID_EMPLOYER_PRIVACY_URL: NORTHWIND.privacyUrl,
    };
    const options = optionsFromEnv(env);
    assert.deepEqual(options.employer, { name: NORTHWIND.name, logoUrl: NORTHWIND.logoUrl, contactEmail: NORTHWIND.contactEmail, privacyUrl: NORTHWIND.privacyUrl });
    assert.deepEqual(resolveOptions({ secret, ...options }).employer, { ...NORTHWIND, contactUrl: null });
    assert.equal(optionsFromEnv({}).employer, undefined);
    assert.equal(resolveOptions({ secret }).employer, null);
  });

  it('refuses bad values at start, naming the option and its variable', () => {
    assert.throws(() => resolveOptions({ secret, ...optionsFromEnv({ CANDID_EMPLOYER_LOGO_URL: NORTHWIND.logoUrl }) }), /`employer\.name` \(env CANDID_EMPLOYER_NAME\) must be a non-empty string/);
    assert.throws(
      () => createCandid({ secret, employer: { name: 'N', logoUrl: 'logo.svg', contactEmail: 'nobody' } }),
      (error: Error) => {
        assert.ok(error instanceof TypeError);
        assert.match(error.message, /`employer\.logoUrl` \(env CANDID_EMPLOYER_LOGO_URL\) must be an absolute URL/);
        assert.match(error.message, /`employer\.contactEmail` \(env CANDID_EMPLOYER_CONTACT_EMAIL\) must be an e-mail address/);
        return true;
      },
    );
    assert.throws(() => resolveOptions({ secret, employer: { name: 'N', website: 'https://n.example' } as never }), /`employer\.website` is not a known field/);
  });
});

/** Applies the migrations before `last` the way `migrate` does, as an older release left the database. */
async function migrateUpTo(db: Awaited<ReturnType<typeof openDatabase>>, schema: string, last: number) {
  await db.transaction(async (tx) => {
    await tx.exec(`create schema if not exists ${schema}`);
    await tx.exec(`create table if not exists ${schema}.migrations (id integer primary key, name text not null, applied_at timestamptz not null default now())`);
    for (const migration of migrations.filter((m) => m.id <= last)) {
      await tx.exec(migration.sql);
      await tx.query(`insert into ${schema}.migrations (id, name) values ($1, $2)`, [migration.id, migration.name]);
    }
  });
}

for (const database of testDatabases) describe(`migration 9 on an existing database [${database.name}]`, () => {
  let dataDir: string;
  let dbOptions: ReturnType<TestDatabase['options']>;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-employer-migration-'));
    dbOptions = database.options();
  });
  after(async () => {
    await database.cleanup(dbOptions);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('adds the column to a database at migration 8; its interviews read as employer null and get the default', async () => {
    const schema = dbOptions.databaseSchema ?? 'candid';
    assert.ok(migrations.some((m) => m.id === 9));
    const old = await openDatabase({ url: dbOptions.databaseUrl, pgliteDirectory: path.join(dataDir, 'db'), schema });
    const id = `int_${randomBytes(16).toString('hex')}`;
    try {
      await migrateUpTo(old, schema, 8);
      await old.query(`insert into interviews (id, title, locale, questions) values ($1, 'Old role', 'en', $2)`, [id, JSON.stringify([{ id: 'q1', prompt: 'Hello?', thinkSeconds: 5, answerSeconds: 60, maxRetakes: 1, competencies: [] }])]);
      // Migration 9 and whatever came after it; nothing before.
      assert.deepEqual(await migrate(old, schema), migrations.filter((m) => m.id > 8).map((m) => m.id), 'only the newer migrations run');
      const columns = await old.query<{ column_name: string; data_type: string }>(
        `select column_name, data_type from information_schema.columns where table_schema = $1 and table_name = 'interviews' and column_name = 'employer'`,
        [schema],
      );
      assert.deepEqual(columns.rows, [{ column_name: 'employer', data_type: 'jsonb' }]);
      assert.deepEqual(await migrate(old, schema), [], 'and only once');
    } finally {
      await old.close();
    }

    const instance = await startInstance(dataDir, randomBytes(32).toString('hex'), dbOptions, { employer: NORTHWIND });
    try {
      const read = await api(instance.endpoint, 'GET', `/v1/interviews/${id}`);
      assert.equal(read.status, 200, JSON.stringify(read.json));
      assert.equal(read.json.employer, null);
      const session = await api(instance.endpoint, 'POST', '/v1/sessions', { interviewId: id, candidate: { externalId: 'old-1' } });
      const view = await api(instance.endpoint, 'GET', '/v1/session', undefined, session.json.token);
      assert.deepEqual(view.json.employer, NORTHWIND);
      const fresh = await api(instance.endpoint, 'POST', '/v1/interviews', { title: 'New role', questions: QUESTIONS, employer: { name: 'Fabrikam' } });
      assert.deepEqual(fresh.json.employer, { name: 'Fabrikam', ...NOBODY });
    } finally {
      await instance.close();
    }
  });
});
