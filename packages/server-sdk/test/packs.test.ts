import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CandidError } from '../src/errors.js';
import { PACKS } from '../src/compliance/packs.js';
import { addBusinessDays, applyRetentionBounds, resolvePolicy, usFederalHolidays } from '../src/compliance/policy.js';
import { type FakeOpenAI, startFakeOpenAI } from './helpers/fake-openai.js';
import { makeRecordings } from './helpers/media-fixtures.js';
import { COMPLETE_NOTICE, RIGHTS_INTERVIEW, runSession } from './helpers/rights-fixtures.js';
import { type TestServer, api, startTestServer } from './helpers/server.js';

type Db = { query: (sql: string, params?: unknown[]) => Promise<{ rows: any[] }> };
const dbOf = (server: TestServer) => (server.candid.rights as unknown as { audit: { db: Db } }).audit.db;
const DEFAULTS = { mediaDays: 365, evaluationDays: 730, incompleteUploadDays: 1 };

describe('jurisdiction packs: the strictest wins', () => {
  it('takes the highest floor, the lowest ceiling, every notice item and gate, the longest delay', () => {
    const policy = resolvePolicy(['IL', 'NYC', 'CO']);
    assert.deepEqual(policy.jurisdictions.map((j) => j.id), ['CO', 'IL', 'NYC']);
    for (const item of [...PACKS.IL.requiredNotice, ...PACKS.NYC.requiredNotice, ...PACKS.CO.requiredNotice]) assert.ok(policy.requiredNotice.includes(item), item);
    assert.ok(policy.requiredNotice.includes('C12'), 'NYC bias-audit notice');
    assert.ok(policy.consentGates.includes('aiEvaluation'), 'IL: AI evaluation needs its own consent');
    assert.equal(policy.scoringDelayBusinessDays, 10);
    assert.deepEqual(policy.retention.evaluationDays, { min: 1096, max: 3650 });
    assert.equal(policy.erasureDeadlineDays, 30, 'the shortest deadline (IL, 30 days)');
    const both = resolvePolicy(['CA', 'CO']);
    assert.deepEqual(both.retention.evaluationDays, { min: 1461, max: 3650 }, 'max of the floors');
    const eu = resolvePolicy(['EU', 'IL']);
    assert.equal(eu.automatedDecisionAllowed, false, 'GDPR Art. 22 blocks it whatever IL allows');
    assert.equal(resolvePolicy(['IL']).automatedDecisionAllowed, true);
    assert.deepEqual(eu.retention.mediaDays, { min: 1, max: 365 }, 'min of the ceilings');
    assert.equal(resolvePolicy([]).minimumAge, 16);
  });

  it('moves defaults inside the bounds, refuses explicit values outside them, and reports packs that cannot be combined', () => {
    const ca = resolvePolicy(['CA']);
    assert.deepEqual(applyRetentionBounds(ca, DEFAULTS, new Set()), { mediaDays: 1461, evaluationDays: 1461, incompleteUploadDays: 1 });
    assert.throws(() => applyRetentionBounds(ca, DEFAULTS, new Set(['mediaDays'])), (e: CandidError) => e.code === 'RETENTION_OUT_OF_BOUNDS' && e.issues?.[0]?.path === 'retention/mediaDays');
    assert.throws(() => applyRetentionBounds(resolvePolicy(['EU', 'CA']), DEFAULTS, new Set()), (e: CandidError) => e.code === 'JURISDICTION_CONFLICT' && /mediaDays: at least 1461 but at most 365/.test(e.message));
  });

  it('counts business days (Monday to Friday, without US federal holidays)', () => {
    assert.equal(addBusinessDays(new Date('2026-11-20T10:00:00Z'), 1).toISOString(), '2026-11-23T10:00:00.000Z', 'Friday + 1 = Monday');
    // US federal holidays as observed (OPM's published calendars).
    assert.deepEqual([...usFederalHolidays(2026)].sort(), [
      '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
    ]);
    assert.deepEqual([...usFederalHolidays(2021)].sort(), [
      '2021-01-01', '2021-01-18', '2021-02-15', '2021-05-31', '2021-06-18', '2021-07-05', '2021-09-06', '2021-10-11', '2021-11-11', '2021-11-25', '2021-12-24', '2021-12-31',
    ], 'Saturday holidays move to Friday; New Year 2022 is observed on 31 December 2021');
    assert.ok(usFederalHolidays(2022).has('2022-06-20') && !usFederalHolidays(2022).has('2022-01-01'), 'Sunday → Monday; a Saturday New Year belongs to the year before');
    assert.equal(usFederalHolidays(2020).size, 10, 'no Juneteenth before 2021');
    // Thanksgiving (Thursday 26 November 2026) is not a business day: the tenth is 8 December.
    assert.equal(addBusinessDays(new Date('2026-11-23T10:00:00Z'), 10).toISOString(), '2026-12-08T10:00:00.000Z');
    assert.equal(addBusinessDays(new Date('2026-12-02T10:00:00Z'), 10).toISOString(), '2026-12-16T10:00:00.000Z', 'no holiday in between');
    assert.equal(addBusinessDays(new Date('2026-12-24T10:00:00Z'), 1).toISOString(), '2026-12-28T10:00:00.000Z', 'Christmas Friday and the weekend');
    // Counted in New York: Friday 21:00 there is already Saturday in UTC, and still Friday for the count.
    assert.equal(addBusinessDays(new Date('2026-11-21T02:00:00Z'), 1).toISOString(), '2026-11-24T02:00:00.000Z', 'Friday evening in New York + 1 = Monday evening');
  });
});

describe('jurisdiction packs over HTTP', () => {
  let server: TestServer;
  let fake: FakeOpenAI;
  let recordings: { video: Buffer; audio: Buffer };
  before(async () => {
    recordings = await makeRecordings();
    fake = await startFakeOpenAI();
    server = await startTestServer({ openai: { apiKey: 'sk-test', baseURL: fake.baseURL }, jobs: { pollingSeconds: 0.5, maintenanceSeconds: 1, retryDelaySeconds: 1 } });
  });
  after(async () => {
    await server.close();
    await fake.close();
  });

  it('validates jurisdictions and retention at interview creation', async () => {
    const unknown = await api(server.endpoint, 'POST', '/v1/interviews', { ...RIGHTS_INTERVIEW, jurisdictions: ['EU', 'XX'] });
    assert.deepEqual([unknown.status, unknown.json.error.issues[0].path], [400, 'jurisdictions/1']);
    const conflict = await api(server.endpoint, 'POST', '/v1/interviews', { ...RIGHTS_INTERVIEW, jurisdictions: ['EU', 'CA'] });
    assert.deepEqual([conflict.status, conflict.json.error.code], [400, 'JURISDICTION_CONFLICT']);
    const tooLong = await api(server.endpoint, 'POST', '/v1/interviews', { ...RIGHTS_INTERVIEW, notice: COMPLETE_NOTICE, jurisdictions: ['EU'], retention: { mediaDays: 400 } });
    assert.deepEqual([tooLong.status, tooLong.json.error.code, tooLong.json.error.issues[0].path], [400, 'RETENTION_OUT_OF_BOUNDS', 'retention/mediaDays']);
    const ca = await api(server.endpoint, 'POST', '/v1/interviews', { ...RIGHTS_INTERVIEW, jurisdictions: ['CA', 'CO'] });
    assert.equal(ca.status, 201);
    assert.deepEqual(ca.json.jurisdictions, ['CA', 'CO']);
    assert.deepEqual(ca.json.retention, { mediaDays: 1461, evaluationDays: 1461, incompleteUploadDays: 1 }, 'FEHA four-year floor applied to the defaults');
  });

  it('refuses a notice that does not cover what the jurisdictions require, naming each item and pack', async () => {
    const eu = await api(server.endpoint, 'POST', '/v1/interviews', { ...RIGHTS_INTERVIEW, jurisdictions: ['EU'], notice: { version: 'v1', markdown: 'We record you.' } });
    assert.equal(eu.status, 400);
    assert.equal(eu.json.error.code, 'NOTICE_INCOMPLETE');
    // C4: q2 names no competencies, so Candid cannot state what it is scored on.
    assert.deepEqual(eu.json.error.issues.map((i: any) => i.path), ['notice/sections/C1', 'notice/sections/C4', 'notice/sections/C7', 'notice/sections/C8', 'notice/sections/C13']);
    assert.match(eu.json.error.issues[0].message, /required by EU: Employer identity/);

    const nycOnly = { ...COMPLETE_NOTICE, sections: { C4: COMPLETE_NOTICE.sections.C4 } };
    const nyc = await api(server.endpoint, 'POST', '/v1/interviews', { ...RIGHTS_INTERVIEW, jurisdictions: ['NYC', 'IL'], notice: nycOnly });
    assert.deepEqual([nyc.status, nyc.json.error.code, nyc.json.error.issues.map((i: any) => i.path)], [400, 'NOTICE_INCOMPLETE', ['notice/sections/C12']]);
    assert.match(nyc.json.error.issues[0].message, /required by NYC: Bias-audit/);

    // Blank sections cover nothing; every question naming competencies covers C4.
    const withCompetencies = RIGHTS_INTERVIEW.questions.map((q) => ({ ...q, competencies: [{ id: 'clarity', description: 'Explains clearly.' }] }));
    const blank = await api(server.endpoint, 'POST', '/v1/interviews', { ...RIGHTS_INTERVIEW, questions: withCompetencies, jurisdictions: ['NYC'], notice: { version: 'v1', sections: { C12: '   ' } } });
    assert.deepEqual([blank.status, blank.json.error.issues.map((i: any) => i.path)], [400, ['notice/sections/C12']]);
    const covered = await api(server.endpoint, 'POST', '/v1/interviews', { ...RIGHTS_INTERVIEW, questions: withCompetencies, jurisdictions: ['NYC'], notice: { version: 'v1', sections: { C12: 'https://acme.example/audit' } } });
    assert.equal(covered.status, 201, JSON.stringify(covered.json));
    assert.deepEqual(covered.json.notice, { version: 'v1', markdown: '', sections: { C12: 'https://acme.example/audit' } });

    // Without a pack, Candid's standard sections cover the baseline: no notice is needed at all.
    const plain = await api(server.endpoint, 'POST', '/v1/interviews', RIGHTS_INTERVIEW);
    assert.equal(plain.status, 201);
    const unknownItem = await api(server.endpoint, 'POST', '/v1/interviews', { ...RIGHTS_INTERVIEW, notice: { version: 'v1', markdown: 'x', sections: { C14: 'boxes' } } });
    assert.deepEqual([unknownItem.status, unknownItem.json.error.issues[0].path], [400, 'notice/sections/C14']);
  });

  it('tells the widget which notice items to show, with their facts', async () => {
    const interview = await api(server.endpoint, 'POST', '/v1/interviews', { ...RIGHTS_INTERVIEW, notice: COMPLETE_NOTICE, jurisdictions: ['EU'] });
    assert.equal(interview.status, 201, JSON.stringify(interview.json));
    const session = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: 'p-d' } });
    const view = (await api(server.endpoint, 'GET', '/v1/session', undefined, session.json.token)).json;
    assert.deepEqual(view.disclosure.items, ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11', 'C12', 'C13']);
    assert.deepEqual(view.disclosure.retention, { mediaDays: interview.json.retention.mediaDays, evaluationDays: interview.json.retention.evaluationDays });
    assert.match(view.disclosure.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(view.notice.sections, COMPLETE_NOTICE.sections);

    // No pack, no competencies, no sections: only Candid's standard items.
    const plain = await api(server.endpoint, 'POST', '/v1/interviews', { ...RIGHTS_INTERVIEW, questions: [{ id: 'q1', prompt: 'Hi?' }] });
    const plainSession = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: plain.json.id, candidate: { externalId: 'p-e' } });
    const plainView = (await api(server.endpoint, 'GET', '/v1/session', undefined, plainSession.json.token)).json;
    assert.deepEqual(plainView.disclosure.items, ['C2', 'C3', 'C5', 'C6', 'C9', 'C10', 'C11']);
    assert.notEqual(plainView.disclosure.sha256, view.disclosure.sha256);
  });

  it('returns the resolved policy to the widget', async () => {
    const interview = await api(server.endpoint, 'POST', '/v1/interviews', { ...RIGHTS_INTERVIEW, notice: COMPLETE_NOTICE, jurisdictions: ['IL', 'EU'] });
    const session = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: 'p-1' } });
    const view = await api(server.endpoint, 'GET', '/v1/session', undefined, session.json.token);
    assert.equal(view.status, 200);
    const { policy } = view.json;
    assert.deepEqual(policy.jurisdictions.map((j: any) => j.id), ['EU', 'IL']);
    assert.ok(policy.requiredNotice.includes('C1') && policy.requiredNotice.includes('C14'));
    assert.ok(policy.consentGates.includes('aiEvaluation'));
    assert.equal(policy.automatedDecisionAllowed, false);
    assert.equal(policy.minimumAge, 16);
    assert.deepEqual(policy.retention.mediaDays, { min: 1, max: 365 });
  });

  it('NYC: scoring waits until 10 business days after the notice was delivered', async () => {
    const nyc = { ...RIGHTS_INTERVIEW, notice: COMPLETE_NOTICE, jurisdictions: ['NYC'] };
    const { sessionId } = await runSession(server, recordings, { externalId: 'p-nyc', name: 'N', email: 'n@example.org' }, { interview: nyc });
    const deadline = Date.now() + 60_000;
    let s: any;
    for (;;) {
      s = (await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}`)).json;
      if (s.answers.every((a: any) => a.processing.transcription.status === 'done')) break;
      assert.ok(Date.now() < deadline, 'transcription finishes');
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 1500)); // a worker would have scored by now
    s = (await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}`)).json;
    assert.equal(s.evaluation.status, 'pending', 'not scored yet');
    const { rows } = await dbOf(server).query(
      `select s.notice_delivered_at, j.start_after from sessions s, ${server.candid.options.databaseSchema}_jobs.job j
       where s.id = $1 and j.name = 'candid.session.score' and j.data->>'sessionId' = $1 and j.state = 'created'`,
      [sessionId],
    );
    assert.equal(rows.length, 1, 'one scoring job, deferred');
    assert.ok(rows[0].notice_delivered_at, 'the notice delivery was recorded');
    const expected = addBusinessDays(rows[0].notice_delivered_at, 10).getTime();
    assert.ok(Math.abs(rows[0].start_after.getTime() - expected) < 60_000, `${rows[0].start_after.toISOString()} ≈ ${new Date(expected).toISOString()}`);
  });
});
