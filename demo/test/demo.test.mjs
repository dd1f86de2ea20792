// The demo end to end: startDemo() on port 0 with a temp data dir, the fake ATS's /ats/api, the
// pages, Candid's media through the ATS backend, a real OpenAI-compatible loopback server for the
// AI steps, and real Chromium for playback, the React page and the admin forms.
// Run: node --import tsx --test demo/test/demo.test.mjs   (after `npm run build`)
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAI } from '../../packages/server-sdk/test/helpers/fake-openai.ts';
import { makeRecordings } from '../../packages/server-sdk/test/helpers/media-fixtures.ts';
import http from 'node:http';
import { startDemo } from '../app.mjs';
import { AtsStore } from '../lib/ats-store.mjs';
import { allowedHosts, exposureWarning, isLoopbackHost } from '../lib/host-check.mjs';
import { ensureDemoInterview } from '../lib/demo-interview.mjs';
import { openApiDocument } from '@candid/server-sdk';
import * as labels from '../public/js/labels.js';
import { launchBrowser, openPage } from './browser.mjs';
import { answerEverything, tokenOf } from './candidate.mjs';

process.env.LOG_LEVEL ??= 'silent'; // Candid's own log lines

const FAST_JOBS = { jobs: { pollingSeconds: 0.5, maintenanceSeconds: 1, retryDelaySeconds: 1 } };

async function startTestDemo(options = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-demo-'));
  const demo = await startDemo({ port: 0, dataDir, secret: 'demo-test-secret-0123456789-abcdefghijkl', candidOptions: FAST_JOBS, ...options });
  return {
    ...demo,
    endpoint: `${demo.url}/candid`,
    async close() {
      await demo.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function json(demo, method, route, body) {
  const response = await fetch(`${demo.url}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** A request with headers fetch() will not send as given (Host, Origin, Sec-Fetch-Site, Cookie); `host: null`: none. */
function raw(demo, method, route, { host, ...headers } = {}, body) {
  const { port } = new URL(demo.url);
  return new Promise((resolve, reject) => {
    const sent = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers, ...(host ? { host } : {}) };
    const req = http.request({ host: '127.0.0.1', port, method, path: route, headers: sent, setHost: host !== null }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let json = null;
        try {
          json = JSON.parse(text);
        } catch {}
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** The careers (or React) page's script: its visitor's token, and the cookie that names the session. */
async function visitorSession(demo, page = 'careers', cookie) {
  const res = await raw(demo, 'POST', '/candidate-session', cookie ? { cookie } : {}, { page });
  assert.ok([200, 201].includes(res.status), res.text);
  const setCookie = res.headers['set-cookie']?.[0];
  const sessionId = JSON.parse(Buffer.from(res.json.token.split('.')[1], 'base64url').toString()).sub;
  return { ...res.json, status: res.status, sessionId, cookie: setCookie ? setCookie.split(';')[0] : cookie, setCookie };
}

const page = async (demo, route) => {
  const response = await fetch(`${demo.url}${route}`);
  return { status: response.status, html: await response.text(), headers: response.headers };
};

/** Polls the reviewer's detail until `done(detail)` holds. */
async function detailWhen(demo, sessionId, done, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await json(demo, 'GET', `/ats/api/sessions/${sessionId}`);
    if (done(body)) return body;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(body.answers?.map((a) => a.processing))} ${JSON.stringify(body.ai)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
const mediaSettled = (detail) => detail.answers.length > 0 && detail.answers.every((a) => !['pending', 'running'].includes(a.processing.media.status));

const INTERVIEW_FORM = {
  title: 'Support <b>lead</b>',
  locale: 'en',
  jurisdictions: [],
  noticeVersion: 'v7',
  noticeMarkdown: 'We record your answers for this role.',
  questions: [{ prompt: 'Tell us about an unhappy customer you helped.', thinkSeconds: '10', answerSeconds: '60', maxRetakes: '1', competencies: 'customer_focus: Resolves the customer problem.\nownership: Takes responsibility.' }],
};

// Both demos (with and without AI), the recordings and Chromium start together: each takes seconds.
let recordings;
let plainDemo;
let fake;
let aiDemo;
let browser;
before(async () => {
  [recordings, plainDemo, [fake, aiDemo], browser] = await Promise.all([
    makeRecordings(), // real VP8/Opus webm + Opus-only webm (ffmpeg)
    startTestDemo(),
    startFakeOpenAI().then(async (server) => [server, await startTestDemo({ openai: { apiKey: 'sk-demo-test', baseURL: server.baseURL } })]),
    launchBrowser(),
  ]);
});
after(async () => {
  await browser?.close();
  await Promise.all([plainDemo?.close(), aiDemo?.close()]);
  await fake?.close();
});

describe('demo without an OpenAI key', () => {
  let demo;
  let interview;
  let invited;
  before(() => {
    demo = plainDemo;
  });

  it('the admin API creates an interview and a session; the link page embeds the widget with that token', async () => {
    const created = await json(demo, 'POST', '/ats/api/interviews', INTERVIEW_FORM);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    interview = created.body;
    assert.deepEqual(interview.questions[0].competencies.map((c) => c.id), ['customer_focus', 'ownership']);
    assert.equal(interview.questions[0].thinkSeconds, 10);
    assert.deepEqual(interview.notice, { version: 'v7', markdown: 'We record your answers for this role.' });

    const list = await json(demo, 'GET', '/ats/api/interviews');
    assert.ok(list.body.interviews.some((i) => i.id === interview.id));
    const admin = await page(demo, '/ats');
    assert.match(admin.html, /Support &lt;b&gt;lead&lt;\/b&gt;/, 'the title is escaped');
    assert.doesNotMatch(admin.html, /<b>lead/);

    const session = await json(demo, 'POST', `/ats/api/interviews/${interview.id}/sessions`, { externalId: 'ats-4711', name: 'Jane Example', email: 'jane@example.com' });
    assert.equal(session.status, 201, JSON.stringify(session.body));
    invited = { ...session.body, token: tokenOf(session.body.link) };
    assert.match(invited.link, new RegExp(`^${demo.url}/interview\\?token=`));

    const link = await page(demo, new URL(invited.link).pathname + new URL(invited.link).search);
    assert.equal(link.status, 200);
    const element = /<candid-interview token="([^"]+)" endpoint="\/candid"><\/candid-interview>/.exec(link.html);
    assert.ok(element, 'the page has a <candid-interview>');
    assert.equal(element[1], invited.token);
    assert.equal(link.headers.get('cache-control'), 'no-store');
    assert.equal(link.headers.get('referrer-policy'), 'no-referrer');
    assert.match(link.headers.get('content-security-policy'), /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(link.html, /<script>|<script [^>]*>[^<]+<\/script>| on[a-z]+="/, 'no inline script or handler');

    // The token really opens the session (Candid's candidate API).
    const candidateView = await fetch(`${demo.endpoint}/v1/session`, { headers: { authorization: `Bearer ${invited.token}` } });
    assert.equal((await candidateView.json()).sessionId, invited.sessionId);
    // A broken link says so instead of rendering a widget.
    assert.equal((await page(demo, '/interview?token=%3Cscript%3E')).status, 401);
  });

  it('keeps the fake ATS’s interviews across restarts, including a file an older demo wrote', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'candid-demo-store-'));
    try {
      const [demoInterview] = (await json(demo, 'GET', '/ats/api/interviews')).body.interviews.filter((i) => i.title === 'Customer Support Specialist');
      await writeFile(path.join(dir, 'demo-ats.json'), JSON.stringify({ interviewId: demoInterview.id })); // the old format
      const store = await new AtsStore(dir).load();
      assert.equal(await ensureDemoInterview(demo.candid, store), demoInterview.id, 'the same interview, not a new one');
      await store.addInterview(interview.id);
      const reloaded = await new AtsStore(dir).load();
      assert.deepEqual(reloaded.interviewIds, [interview.id, demoInterview.id]);
      assert.equal(JSON.parse(await readFile(path.join(dir, 'demo-ats.json'), 'utf8')).demoInterviewId, demoInterview.id);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports typed errors: the demo’s own checks and Candid’s validation', async () => {
    const mine = await json(demo, 'POST', '/ats/api/interviews', { ...INTERVIEW_FORM, title: ' ', questions: [{ prompt: 'Why?', thinkSeconds: 'ten', competencies: 'no colon here' }] });
    assert.equal(mine.status, 400);
    assert.equal(mine.body.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(mine.body.error.issues.map((i) => i.path).sort(), ['questions/0/competencies', 'questions/0/thinkSeconds', 'title']);

    const candids = await json(demo, 'POST', '/ats/api/interviews', { ...INTERVIEW_FORM, locale: 'not a locale', questions: [{ prompt: 'Why?', answerSeconds: '99999' }] });
    assert.equal(candids.status, 400);
    assert.equal(candids.body.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(candids.body.error.issues.map((i) => i.path).sort(), ['locale', 'questions/0/answerSeconds']);

    // Jurisdictions: the EU pack needs the employer's own notice sections; the form carries them.
    const eu = { ...INTERVIEW_FORM, jurisdictions: ['EU'] };
    const incomplete = await json(demo, 'POST', '/ats/api/interviews', eu);
    assert.equal(incomplete.body.error.code, 'NOTICE_INCOMPLETE', JSON.stringify(incomplete.body));
    const sections = { C1: 'Acme GmbH, privacy@acme.example', C7: 'Hiring (consent).', C8: 'Our ATS vendor, in the EU.', C12: '', C13: 'Optional: ask for a call instead.' };
    const complete = await json(demo, 'POST', '/ats/api/interviews', { ...eu, noticeSections: sections });
    assert.equal(complete.status, 201, JSON.stringify(complete.body));
    assert.deepEqual(Object.keys(complete.body.notice.sections).sort(), ['C1', 'C13', 'C7', 'C8'], 'empty sections are left out');
    const notMine = await json(demo, 'POST', '/ats/api/interviews', { ...eu, noticeSections: { C2: 'Candid writes this one' } });
    assert.deepEqual(notMine.body.error.issues.map((i) => i.path), ['noticeSections/C2']);

    const unknown = await json(demo, 'POST', '/ats/api/interviews/int_00000000000000000000000000000000/sessions', { externalId: 'x' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'INTERVIEW_NOT_FOUND');
    const noCandidate = await json(demo, 'POST', `/ats/api/interviews/${interview.id}/sessions`, { name: 'No id' });
    assert.deepEqual(noCandidate.body.error.issues, [{ path: 'externalId', message: 'is required (your ATS id for this candidate)' }]);
  });

  it('candidate pages link to no admin, reviewer or ATS page; the operator pages link to the candidate pages, labelled', async () => {
    const invitedPath = new URL(invited.link).pathname + new URL(invited.link).search;
    for (const route of ['/', '/react', invitedPath, '/privacy', '/interview?token=not-a-token']) {
      const { html } = await page(demo, route);
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
      assert.ok(hrefs.length >= 2, `${route}: ${hrefs}`);
      assert.deepEqual(hrefs.filter((href) => /\/(ats|review)\b/.test(new URL(href, demo.url).pathname)), [], `${route} links to an operator page`);
      assert.doesNotMatch(html, /ATS admin|Reviewer|operator/i, route);
      // The employer's brand instead: logo and name, privacy notice and contact.
      assert.match(html, /<a class="brand-home" href="\/"><img src="http:\/\/[^"]+\/northwind-logo\.svg" alt="" width="36" height="36"><span>Northwind Robotics<\/span><\/a>/, route);
      assert.ok(hrefs.includes(`${demo.url}/privacy`) && hrefs.includes('mailto:careers@northwind-robotics.example'), `${route}: ${hrefs}`);
    }
    // The invitation names the role of its session (the admin's interview, escaped).
    assert.match((await page(demo, invitedPath)).html, /<h1>Support &lt;b&gt;lead&lt;\/b&gt;<\/h1>/);

    for (const route of ['/ats', `/ats/interviews/${interview.id}`, '/review', '/ats/interviews/int_00000000000000000000000000000000']) {
      const { html } = await page(demo, route);
      assert.match(html, /<a href="\/"[^>]*>Careers page \(candidate view\)<\/a>/, route);
      assert.match(html, /<a href="\/review"[^>]*>Reviewer<\/a>/, route);
      assert.match(html, /Candid demo <span class="badge">operator<\/span>/, route);
    }
  });

  it('the demo interview names its employer (logo and privacy notice served by the demo) and offers no AI here', async () => {
    const careers = await page(demo, '/');
    const { token } = await visitorSession(demo);
    const view = await (await fetch(`${demo.endpoint}/v1/session`, { headers: { authorization: `Bearer ${token}` } })).json();
    assert.equal(view.interview.title, 'Customer Support Specialist');
    assert.deepEqual(view.employer, {
      name: 'Northwind Robotics',
      logoUrl: `${demo.url}/northwind-logo.svg`,
      contactEmail: 'careers@northwind-robotics.example',
      contactUrl: null,
      privacyUrl: `${demo.url}/privacy`,
    });
    // No OpenAI here: no AI box, no AI sections, and a notice that says so.
    assert.equal(view.aiEvaluation, false);
    assert.deepEqual(view.disclosure.items.filter((item) => ['C2', 'C3', 'C5'].includes(item)), []);
    assert.match(view.notice.markdown, /^Northwind Robotics records your video answers .* No AI is used in this demo: a person at Northwind Robotics watches your answers/);
    assert.doesNotMatch(view.notice.markdown, /AI evaluation/);

    const logo = await fetch(view.employer.logoUrl);
    assert.equal(logo.status, 200);
    assert.match(logo.headers.get('content-type'), /^image\/svg\+xml/);
    assert.match(await logo.text(), /^<svg [^>]*viewBox="0 0 64 64"/);
    const privacy = await page(demo, new URL(view.employer.privacyUrl).pathname);
    assert.equal(privacy.status, 200);
    assert.match(privacy.html, /No AI is used on your answers in this demo\./);
    // The page's CSP lets the logo in from the demo's public origin (127.0.0.1 or localhost alike).
    assert.match(careers.headers.get('content-security-policy'), new RegExp(`img-src 'self' data: ${demo.url.replace(/[.]/g, '\\.')};`));
  });

  it('the admin form names the configured employer and warns when an interview has no notice of its own, also after creation', async () => {
    const admin = (await page(demo, '/ats')).html;
    assert.match(admin, /<input name="employerName" maxlength="200" value="Northwind Robotics">/);
    assert.match(admin, /Prefilled with this server's default employer, <strong>Northwind Robotics<\/strong>/);
    // The warning sits in the notice fieldset, next to its fields.
    const noticeFieldset = /<legend>Privacy notice \(shown on the consent screen\)<\/legend>.*?<\/fieldset>/s.exec(admin)?.[0] ?? '';
    assert.match(noticeFieldset, /<p class="warning" id="notice-warning">Without a notice of its own, the consent screen shows only Candid's\s+standard sections, which do not say who is asking or why\./);
    assert.match(noticeFieldset, /name="noticeMarkdown"/);

    const bare = await json(demo, 'POST', '/ats/api/interviews', { ...INTERVIEW_FORM, title: 'No notice', noticeVersion: '', noticeMarkdown: '' });
    assert.equal(bare.status, 201, JSON.stringify(bare.body));
    assert.equal(bare.body.notice, null);
    assert.equal(bare.body.employer, null, 'no employer fields: the default applies');
    const created = (await page(demo, `/ats/interviews/${bare.body.id}`)).html;
    assert.match(created, /<p class="warning" id="notice-warning">No privacy notice of its own/);
    assert.match(created, /Candidates learn the employer, Northwind Robotics, from the first screen only\./);
    assert.match(created, /Employer shown to candidates: <strong>Northwind Robotics<\/strong> \(from the server&#39;s default employer\)/);
    assert.doesNotMatch((await page(demo, `/ats/interviews/${interview.id}`)).html, /notice-warning/, 'an interview with a notice gets no warning');

    const own = await json(demo, 'POST', '/ats/api/interviews', { ...INTERVIEW_FORM, employerName: 'Contoso Retail', employerContactEmail: 'jobs@contoso.example' });
    assert.equal(own.status, 201, JSON.stringify(own.body));
    assert.deepEqual(own.body.employer, { name: 'Contoso Retail', logoUrl: null, contactEmail: 'jobs@contoso.example', contactUrl: null, privacyUrl: null });
    assert.match((await page(demo, `/ats/interviews/${own.body.id}`)).html, /Employer shown to candidates: <strong>Contoso Retail<\/strong> \(from this interview\)/);
    const noName = await json(demo, 'POST', '/ats/api/interviews', { ...INTERVIEW_FORM, employerLogoUrl: 'https://contoso.example/logo.svg' });
    assert.deepEqual(noName.body.error.issues.map((i) => i.path), ['employerName']);
    const badUrl = await json(demo, 'POST', '/ats/api/interviews', { ...INTERVIEW_FORM, employerName: 'Contoso', employerLogoUrl: 'logo.svg' });
    assert.equal(badUrl.body.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(badUrl.body.error.issues.map((i) => i.path), ['employer/logoUrl'], 'Candid checks the URL');
  });

  it('has a plain-English label for every status, decision and step value Candid can send', () => {
    const { schemas } = openApiDocument().components;
    const covered = (table, values, what) => assert.deepEqual(values.filter((v) => !Object.hasOwn(table, v)), [], `${what} without a label`);
    covered(labels.SESSION_STATUS, schemas.SessionStatus.enum, 'session statuses');
    covered(labels.STEP_STATUS, schemas.StepState.properties.status.enum, 'step statuses');
    covered(labels.STEP, Object.keys(schemas.Answer.properties.processing.properties), 'steps');
    covered(labels.EVALUATION, schemas.Evaluation.properties.status.enum, 'evaluation statuses');
    covered(labels.REQUEST_TYPE, schemas.CandidateRequest.properties.type.enum, 'request types');
    covered(labels.REQUEST_STATUS, schemas.CandidateRequest.properties.status.enum, 'request statuses');
    assert.equal(labels.label(labels.DECISION, 'advance'), 'Advance to the next stage');
    assert.equal(labels.label(labels.SESSION_STATUS, 'toString'), 'Unknown (toString)', 'own keys only');
    assert.equal(labels.stepLabel('media', 'running'), 'Video processing: in progress');
  });

  it('the reviewer lists the session; its committed answer plays through the ATS backend with range requests', async () => {
    await answerEverything(demo.endpoint, invited.token, recordings);

    const list = await json(demo, 'GET', '/ats/api/sessions');
    assert.equal(list.body.aiConfigured, false);
    const row = list.body.sessions.find((s) => s.id === invited.sessionId);
    // No AI on this server: the candidate's "AI evaluation: true" was stored as false (Part A).
    assert.deepEqual({ ...row, createdAt: undefined }, {
      id: invited.sessionId, candidate: { name: 'Jane Example', externalId: 'ats-4711', display: 'Jane Example' }, interview: { id: interview.id, title: 'Support <b>lead</b>' }, status: 'completed',
      consent: 'recording', createdAt: undefined, answers: 1, evaluation: 'skipped', decided: false,
    });
    // The reviewer names the candidate the ATS invited, its own id second, and says everything in words.
    const listHtml = (await page(demo, '/review')).html;
    const listRow = new RegExp(`<tr data-session-id="${invited.sessionId}">.*?</tr>`, 's').exec(listHtml)?.[0] ?? '';
    assert.match(listRow, /<a href="\/review\/ses_[0-9a-f]+">Jane Example<\/a><span class="note block">ats-4711<\/span>/);
    for (const words of ['>Finished<', '>Recording only, no AI<', '>AI not configured<', '>Awaiting a decision<']) assert.ok(listRow.includes(words), `${words} in ${listRow}`);
    for (const raw of ['>completed<', '>recording<', '>skipped<', '>open<', '>not configured<']) assert.ok(!listRow.includes(raw), `no raw ${raw}`);

    const detail = await detailWhen(demo, invited.sessionId, mediaSettled, 'the media step');
    const [answer] = detail.answers;
    assert.equal(answer.prompt, INTERVIEW_FORM.questions[0].prompt);
    assert.ok(answer.sources.length >= 1);
    // Every listed source is playable: a Range request gets exactly those bytes (206).
    for (const source of answer.sources) {
      const response = await fetch(`${demo.url}${source.url}`, { headers: { range: 'bytes=0-99' } });
      assert.equal(response.status, 206, `${source.label}: ${response.status}`);
      assert.match(response.headers.get('content-range'), /^bytes 0-99\/\d+$/);
      assert.equal(response.headers.get('content-type'), source.type);
      assert.equal((await response.arrayBuffer()).byteLength, 100);
    }
    const original = answer.sources.at(-1);
    assert.equal(original.label, 'original video upload');
    const whole = await fetch(`${demo.url}${original.url}`);
    assert.equal(Buffer.compare(Buffer.from(await whole.arrayBuffer()), recordings.video), 0, 'the original upload comes back byte for byte');
    assert.equal((await fetch(`${demo.url}${original.url}`, { headers: { range: `bytes=${recordings.video.length}-` } })).status, 416);
    const badQuery = await json(demo, 'GET', `/ats/api/sessions/${invited.sessionId}/media/${answer.id}?rendition=../../secret`);
    assert.equal(badQuery.body.error.code, 'VALIDATION_FAILED');

    assert.equal(detail.ai.configured, false);
    // The transcription step is skipped (no AI) right after the media step.
    const settled = await detailWhen(demo, invited.sessionId, (d) => !d.progress.busy, 'the end of processing');
    assert.deepEqual(settled.progress, { busy: false, summary: 'Everything is processed.' });
    assert.equal(settled.answers[0].processing.transcription.status, 'skipped');
    const review = await page(demo, `/review/${invited.sessionId}`);
    assert.match(review.html, /<h1>Jane Example <span class="subtitle">Support &lt;b&gt;lead&lt;\/b&gt;<\/span><\/h1>/);
    assert.match(review.html, /<dt>ATS id<\/dt><dd><code>ats-4711<\/code><\/dd>/);
    assert.match(review.html, /Video processing: done/);
    assert.doesNotMatch(review.html, /media: |<dd id="session-status">completed/);
    assert.doesNotMatch(review.html, /id="progress"/, 'nothing to wait for: no polling');
    assert.match(review.html, /Transcription and scoring are not configured/);
    assert.doesNotMatch(review.html, /class="scores"/, 'no empty score table');
    const escape = (text) => text.replace(/[?&]/g, (c) => (c === '?' ? '\\?' : '&amp;'));
    assert.match(review.html, new RegExp(`<video id="media-${answer.id}" controls preload="metadata" playsinline data-hls="${escape(answer.hls)}"><source src="${escape(answer.sources[0].url)}"`));

    // The HLS rendition through the ATS backend: the playlist, and the media it names relative to itself.
    assert.match(answer.hls, /\?rendition=hls$/);
    const playlist = await fetch(`${demo.url}${answer.hls}`);
    assert.equal(playlist.status, 200);
    assert.equal(playlist.headers.get('content-type'), 'application/vnd.apple.mpegurl');
    const text = await playlist.text();
    const [, length, start] = /#EXT-X-MAP:URI="\?rendition=fmp4",BYTERANGE="(\d+)@(\d+)"/.exec(text) ?? [];
    assert.ok(length, text);
    const init = await fetch(new URL('?rendition=fmp4', `${demo.url}${answer.hls}`), { headers: { range: `bytes=${start}-${Number(start) + Number(length) - 1}` } });
    assert.equal(init.status, 206);
    assert.equal(Buffer.from(await init.arrayBuffer()).subarray(4, 8).toString(), 'ftyp', 'the init section is an mp4 header');
  });

  it('the decision form stores a review that the session detail shows', async () => {
    const refused = await json(demo, 'POST', `/ats/api/sessions/${invited.sessionId}/reviews`, { reviewer: 'Robin', decision: 'hire-now', rationale: '' });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body.error.issues.map((i) => i.path), ['decision', 'rationale']);

    const stored = await json(demo, 'POST', `/ats/api/sessions/${invited.sessionId}/reviews`, { reviewer: 'Robin', decision: 'advance', rationale: 'Concrete example, <clear> outcome.' });
    assert.equal(stored.status, 201, JSON.stringify(stored.body));
    const detail = await json(demo, 'GET', `/ats/api/sessions/${invited.sessionId}`);
    assert.deepEqual(detail.body.reviews.map(({ reviewer, decision, rationale }) => ({ reviewer, decision, rationale })), [{ reviewer: 'Robin', decision: 'advance', rationale: 'Concrete example, <clear> outcome.' }]);
    const candidSide = await json(demo, 'GET', `/ats/sessions/${invited.sessionId}`);
    assert.equal(candidSide.body.reviews[0].id, stored.body.review.id, 'Candid stored it');
    const decided = (await page(demo, `/review/${invited.sessionId}`)).html;
    assert.match(decided, /Concrete example, &lt;clear&gt; outcome\./);
    assert.match(decided, /<strong>Advance to the next stage<\/strong> by Robin/);
    assert.doesNotMatch(decided, /<strong>advance<\/strong>/);
    assert.match((await page(demo, '/review')).html, />Decision recorded</);
  });
});

describe('who may talk to the demo', () => {
  let demo;
  let demoInterviewId;
  before(async () => {
    demo = plainDemo;
    demoInterviewId = (await json(demo, 'GET', '/ats/api/interviews')).body.interviews.find((i) => i.title === 'Customer Support Specialist').id;
  });
  const sessionCount = async () => (await demo.candid.sessions.list({ interviewId: demoInterviewId, limit: 200 })).sessions.length;

  it('fetching the careers and React pages creates no session; their script gets one per browser, reused on reload', async () => {
    const before = await sessionCount();
    for (let i = 0; i < 5; i++) {
      for (const route of ['/', '/react']) assert.equal((await page(demo, route)).status, 200);
    }
    assert.equal(await sessionCount(), before, 'GET / and GET /react write nothing');
    assert.doesNotMatch((await page(demo, '/')).html, /token=/, 'no token in the page');

    const first = await visitorSession(demo);
    assert.equal(first.status, 201);
    assert.match(first.setCookie, /^candid_demo_careers=ses_[0-9a-f]+\.[\w-]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    assert.equal(await sessionCount(), before + 1);
    // The same browser again (a reload): the same session, a fresh token, nothing created.
    const again = await visitorSession(demo, 'careers', first.cookie);
    assert.deepEqual([again.status, again.resumed, again.sessionId], [200, true, first.sessionId]);
    // Another browser, a forged cookie, the React page: each its own session.
    const other = await visitorSession(demo);
    const forged = await visitorSession(demo, 'careers', `candid_demo_careers=${other.sessionId}.${'A'.repeat(43)}`);
    const react = await visitorSession(demo, 'react', first.cookie);
    assert.equal(new Set([first.sessionId, other.sessionId, forged.sessionId, react.sessionId]).size, 4);
    assert.match(react.setCookie, /^candid_demo_react=/);
    assert.equal(await sessionCount(), before + 4);
    // Once the candidate has finished, the next visit is a new application.
    await answerEverything(demo.endpoint, first.token, recordings, { aiEvaluation: false });
    const afterDone = await visitorSession(demo, 'careers', first.cookie);
    assert.equal(afterDone.status, 201);
    assert.notEqual(afterDone.sessionId, first.sessionId);
    const refused = await raw(demo, 'POST', '/candidate-session', {}, { page: 'ats' });
    assert.equal(refused.json.error.code, 'VALIDATION_FAILED');
  });

  it('answers only for its own host names: 421 Misdirected Request for any other Host (DNS rebinding)', async () => {
    const { port } = new URL(demo.url);
    for (const route of ['/ats/api/sessions', '/ats/api/interviews', '/', '/review', '/candid/v1/openapi.json']) {
      const res = await raw(demo, 'GET', route, { host: `rebind.attacker.example:${port}` });
      assert.equal(res.status, 421, route);
      assert.doesNotMatch(res.text, /jane@example\.com|ses_|127\.0\.0\.1/, `${route}: nothing of the demo in the answer`);
    }
    const minted = await raw(demo, 'POST', `/ats/api/sessions/ses_00000000000000000000000000000000/link`, { host: `rebind.attacker.example:${port}` }, {});
    assert.equal(minted.status, 421, 'no link naming another origin');
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `LOCALHOST:${port}`]) assert.equal((await raw(demo, 'GET', '/ats/api/sessions', { host })).status, 200, host);
    assert.equal((await raw(demo, 'GET', '/ats/api/sessions', { host: `localhost:${Number(port) + 1}` })).status, 421, 'another port');
    // No Host at all: Node's HTTP server refuses it before the demo sees it (400).
    assert.equal((await raw(demo, 'GET', '/ats/api/sessions', { host: null })).status, 400, 'no Host');
    assert.deepEqual([...demo.hosts].sort(), [`127.0.0.1:${port}`, `[::1]:${port}`, `localhost:${port}`]);

    // The allowlist from HOST, PORT and PUBLIC_URL.
    const interfaces = { lo: [{ address: '127.0.0.1' }, { address: '::1' }], eth0: [{ address: '192.0.2.7' }, { address: 'fe80::1' }] };
    assert.deepEqual([...allowedHosts({ host: '127.0.0.1', port: 3000, publicUrl: 'https://jobs.example.com', interfaces })].sort(), ['127.0.0.1:3000', '[::1]:3000', 'jobs.example.com', 'localhost:3000']);
    assert.deepEqual([...allowedHosts({ host: '0.0.0.0', port: 3000, interfaces })].sort(), ['127.0.0.1:3000', '192.0.2.7:3000', '[::1]:3000', '[fe80::1]:3000', 'localhost:3000']);
    assert.deepEqual([...allowedHosts({ host: '192.0.2.7', port: 80, publicUrl: 'http://192.0.2.7:8080/', interfaces })].sort(), ['127.0.0.1', '127.0.0.1:80', '192.0.2.7', '192.0.2.7:80', '192.0.2.7:8080', '[::1]', '[::1]:80', 'localhost', 'localhost:80']);
  });

  it('its JSON routes refuse what other sites make a browser send (Origin, Sec-Fetch-Site)', async () => {
    const { host } = new URL(demo.url);
    const attacks = [
      ['POST', '/ats/api/interviews', { origin: 'http://attacker.example', 'sec-fetch-site': 'cross-site' }, INTERVIEW_FORM],
      ['POST', '/ats/api/interviews', { origin: 'http://attacker.example' }, INTERVIEW_FORM], // an older browser: Origin alone
      ['POST', '/ats/api/interviews', { origin: 'null' }, INTERVIEW_FORM], // a sandboxed frame
      ['POST', '/ats/api/interviews', { 'sec-fetch-site': 'same-site' }, INTERVIEW_FORM],
      ['GET', '/ats/api/sessions', { 'sec-fetch-site': 'cross-site' }],
      ['GET', '/ats/api/interviews', { origin: `http://localhost:${new URL(demo.url).port}` }], // another origin, even this machine's
      ['POST', '/candidate-session', { origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' }, { page: 'careers' }],
    ];
    const interviews = (await json(demo, 'GET', '/ats/api/interviews')).body.interviews.length;
    const sessions = await sessionCount();
    for (const [method, route, headers, body] of attacks) {
      const res = await raw(demo, method, route, headers, body);
      assert.equal(res.status, 403, `${method} ${route} ${JSON.stringify(headers)}: ${res.text}`);
      assert.equal(res.json.error.code, 'CROSS_ORIGIN_REFUSED');
    }
    assert.equal((await json(demo, 'GET', '/ats/api/interviews')).body.interviews.length, interviews, 'nothing created');
    assert.equal(await sessionCount(), sessions);
    // The demo's own pages (what Chromium sends from them), a typed URL, and clients that are no browser.
    const own = await raw(demo, 'POST', '/ats/api/interviews', { origin: demo.url, 'sec-fetch-site': 'same-origin' }, INTERVIEW_FORM);
    assert.equal(own.status, 201, own.text);
    assert.equal((await raw(demo, 'GET', '/ats/api/sessions', { 'sec-fetch-site': 'none' })).status, 200);
    assert.equal((await raw(demo, 'POST', '/ats/api/interviews', { 'sec-fetch-site': 'none' }, INTERVIEW_FORM)).status, 403, 'none only for GET');
    assert.equal((await json(demo, 'GET', '/ats/api/sessions')).status, 200);
    assert.equal(host, new URL(demo.url).host);
  });

  it('every operator route checks the tenant: a session of an interview this ATS did not create is not found', async () => {
    const foreign = await demo.candid.interviews.create({ title: 'Another tenant', questions: [{ id: 'q1', prompt: 'Why?' }] });
    const session = await demo.candid.sessions.create({ interviewId: foreign.id, candidate: { externalId: 'other-tenant-1', email: 'someone@other.example' } });
    for (const route of [`/ats/sessions/${session.sessionId}`, `/ats/api/sessions/${session.sessionId}`]) {
      const res = await json(demo, 'GET', route);
      assert.equal(res.status, 404, route);
      assert.equal(res.body.error.code, 'SESSION_NOT_FOUND', route);
      assert.doesNotMatch(JSON.stringify(res.body), /someone@other/);
    }
    for (const route of [`/review/${session.sessionId}`, `/ats/interviews/${foreign.id}`]) {
      const res = await page(demo, route);
      assert.equal(res.status, 404, route);
      assert.doesNotMatch(res.html, /someone@other|Another tenant/, route);
    }
    assert.equal((await json(demo, 'POST', `/ats/api/sessions/${session.sessionId}/link`, {})).status, 404);
    assert.ok(!(await json(demo, 'GET', '/ats/api/sessions')).body.sessions.some((s) => s.sessionId === session.sessionId || s.id === session.sessionId));
  });

  it('warns loudly at start when HOST lets other machines in, and then answers by its interface addresses', async () => {
    assert.equal(exposureWarning({ host: '127.0.0.1', url: 'http://127.0.0.1:3000' }), null);
    for (const host of ['localhost', '::1', '[::1]', '127.0.0.2']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['192.168.1.10', 'demo.example', '::']) assert.match(exposureWarning({ host, url: 'http://x:3000' }), /WARNING: HOST=.*NO LOGIN/s, host);
    const warnings = [];
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-demo-exposed-'));
    const exposed = await startDemo({ port: 0, host: '0.0.0.0', dataDir, secret: 'demo-test-secret-0123456789-abcdefghijkl', candidOptions: FAST_JOBS, warn: (m) => warnings.push(m) });
    try {
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /^!{96}\n!! WARNING: HOST=0\.0\.0\.0 .*have NO LOGIN/s);
      const { port } = new URL(exposed.url);
      const lan = Object.values(os.networkInterfaces()).flat().find((a) => a.family === 'IPv4' && !a.internal);
      if (lan) assert.ok(exposed.hosts.has(`${lan.address}:${port}`), [...exposed.hosts].join(' '));
      assert.equal((await raw(exposed, 'GET', '/ats/api/sessions', { host: `rebind.attacker.example:${port}` })).status, 421);
    } finally {
      await exposed.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('demo with an OpenAI-compatible server (and real Chromium)', () => {
  let demo;
  let sessionId;
  before(() => {
    demo = aiDemo;
  });

  it('shows the transcript with timestamps and the AI scores with evidence, as a recommendation', async () => {
    const interview = (await json(demo, 'POST', '/ats/api/interviews', INTERVIEW_FORM)).body;
    const created = (await json(demo, 'POST', `/ats/api/interviews/${interview.id}/sessions`, { externalId: 'ats-ai-1' })).body;
    sessionId = created.sessionId;
    await answerEverything(demo.endpoint, tokenOf(created.link), recordings);

    const detail = await detailWhen(demo, sessionId, (d) => d.ai.status === 'scored' || d.ai.status === 'failed' || d.ai.status === 'skipped', 'scoring');
    assert.equal(detail.ai.status, 'scored', detail.ai.detail);
    assert.equal(detail.ai.humanReviewRequired, true);
    const [answer] = detail.answers;
    assert.deepEqual(answer.transcript.segments.map((s) => s.startMs), [400, 2100]);
    assert.deepEqual(answer.scores.map((s) => [s.competencyId, s.level, s.topLevel]), [['customer_focus', 4, 4], ['ownership', 4, 4]]);
    assert.deepEqual(answer.scores[0].evidence, ['I calmed the customer down,']);

    const html = (await page(demo, `/review/${sessionId}`)).html;
    assert.doesNotMatch(html, /not configured/);
    assert.match(html, /AI scores are a recommendation/);
    assert.match(html, /<dt>Human review required<\/dt><dd>yes<\/dd>/);
    assert.match(html, new RegExp(`data-seek="2\\.10" data-media="media-${answer.id}">0:02</button> story and refunded the order`));
    assert.match(html, /<q>I calmed the customer down,<\/q>/);
    assert.match(html, /Not used \(not found in the transcript\): <q>words the candidate never said<\/q>/);
  });

  it('with AI configured, the demo interview offers the AI box and its notice says what the AI does', async () => {
    const { token } = await visitorSession(demo);
    const view = await (await fetch(`${demo.endpoint}/v1/session`, { headers: { authorization: `Bearer ${token}` } })).json();
    assert.equal(view.aiEvaluation, true);
    assert.deepEqual(view.disclosure.items.filter((item) => ['C2', 'C3', 'C5'].includes(item)), ['C2', 'C3', 'C5']);
    assert.match(view.notice.markdown, /If you tick "AI evaluation", an AI model transcribes your spoken answers .* Without that tick, no AI is used\./);
    assert.doesNotMatch(view.notice.markdown, /No AI is used in this demo/);
    assert.equal(view.employer.name, 'Northwind Robotics');
  });

  it('the reviewer page polls while processing runs and updates itself when it ends (Chromium, under the CSP)', async () => {
    const interview = (await json(demo, 'POST', '/ats/api/interviews', INTERVIEW_FORM)).body;
    const created = (await json(demo, 'POST', `/ats/api/interviews/${interview.id}/sessions`, { externalId: 'ats-ai-2', name: 'Sam Candidate' })).body;
    fake.holdNextChatMs = 4_000; // a slow model: scoring is still running when the page opens
    await answerEverything(demo.endpoint, tokenOf(created.link), recordings);
    const busy = (await json(demo, 'GET', `/ats/api/sessions/${created.sessionId}`)).body;
    assert.equal(busy.progress.busy, true, JSON.stringify(busy.progress));
    assert.match(busy.progress.summary, /^Still waiting for .*This page updates by itself when everything is done\.$/);

    const { page: tab, problems } = await openPage(browser, `${demo.url}/review/${created.sessionId}`);
    assert.match(await tab.$eval('#progress', (line) => line.textContent), /Still waiting for/);
    assert.equal(await tab.$eval('#progress', (line) => line.dataset.poll), `/ats/api/sessions/${created.sessionId}`);
    await tab.evaluate(() => {
      window.beforeUpdate = true; // gone once the page reloads
    });
    await tab.waitForFunction(() => !window.beforeUpdate && document.readyState === 'complete' && !document.getElementById('progress'), { timeout: 30_000 });
    assert.match(await tab.$eval('#ai-status', (facts) => facts.textContent), /Scored \(a recommendation\)/);
    assert.ok(await tab.$('.transcript'), 'the transcript is on the page without a manual reload');
    assert.equal(await tab.$eval('h1', (h) => h.firstChild.textContent.trim()), 'Sam Candidate');
    const polled = await tab.evaluate(() => performance.getEntriesByType('navigation')[0].type);
    assert.equal(polled, 'reload');
    assert.deepEqual(problems, []);
    await tab.close();
  });

  it('the reviewer page plays the HLS rendition with hls.js and seeks from the transcript in Chromium, under the CSP', async () => {
    const { page: tab, problems } = await openPage(browser, `${demo.url}/review/${sessionId}`);
    // The <source> list can load its metadata before the hls.js chunk arrives (a loaded machine):
    // wait for the page to have chosen its player, then for that player's metadata.
    await tab.waitForFunction(() => {
      const video = document.querySelector('video');
      return video?.dataset.player && video.readyState >= 1 && (video.dataset.player !== 'hls.js' || video.currentSrc.startsWith('blob:'));
    }, { timeout: 15_000 });
    const playing = await tab.evaluate(() => {
      const video = document.querySelector('video');
      return { player: video.dataset.player, src: video.currentSrc, duration: video.duration };
    });
    assert.equal(playing.player, 'hls.js');
    assert.match(playing.src, /^blob:/, 'Media Source Extensions, fed by hls.js');
    assert.ok(playing.duration > 1.5, `duration ${playing.duration}`);
    // hls.js fetched the playlist and byte ranges of the fragmented mp4, through the ATS backend.
    const fetched = await tab.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/media/')));
    assert.ok(fetched.some((n) => n.endsWith('?rendition=hls')), `playlist: ${fetched}`);
    assert.ok(fetched.some((n) => n.endsWith('?rendition=fmp4')), `segments: ${fetched}`);
    assert.ok(fetched.every((n) => /\/ats\/api\/sessions\/ses_[0-9a-f]+\/media\/ans_[0-9a-f]+\?/.test(n)), 'no request reaches Candid directly');

    // Browsers without MSE or HLS get the <source> list: its first entry (the mp4) plays.
    const mp4Metadata = await tab.evaluate(async () => {
      const video = document.createElement('video');
      video.preload = 'metadata';
      video.src = document.querySelector('video source').src;
      await new Promise((resolve, reject) => {
        video.onloadedmetadata = resolve;
        video.onerror = () => reject(new Error(`media error ${video.error?.code}`));
      });
      return { duration: video.duration, src: video.currentSrc };
    });
    assert.match(mp4Metadata.src, /\?rendition=mp4$/);
    assert.ok(mp4Metadata.duration > 1.5);

    // Without ffmpeg on the server only the original upload exists: it plays too.
    const originalMetadata = await tab.evaluate(async () => {
      const video = document.createElement('video');
      video.preload = 'metadata';
      video.src = [...document.querySelectorAll('video source')].at(-1).src;
      await new Promise((resolve, reject) => {
        video.onloadedmetadata = resolve;
        video.onerror = () => reject(new Error(`media error ${video.error?.code}`));
      });
      return { readyState: video.readyState, src: video.currentSrc };
    });
    assert.ok(originalMetadata.readyState >= 1);
    assert.match(originalMetadata.src, /\?track=video$/);

    await tab.click('button[data-seek="2.10"]');
    await tab.waitForFunction(() => Math.abs(document.querySelector('video').currentTime - 2.1) < 0.3, { timeout: 5_000 });

    // The decision form, through the page's own script.
    await tab.type('#decision-form input[name="reviewer"]', 'Sam Reviewer');
    await tab.click('#decision-form input[value="hold"]');
    await tab.type('#decision-form textarea[name="rationale"]', 'Wants a second opinion on ownership.');
    await tab.click('#decision-form button[type="submit"]');
    await tab.waitForFunction(() => document.querySelector('#decisions')?.textContent.includes('Wants a second opinion'), { timeout: 5_000 });
    const stored = await json(demo, 'GET', `/ats/api/sessions/${sessionId}`);
    assert.deepEqual(stored.body.reviews.map((r) => [r.reviewer, r.decision]), [['Sam Reviewer', 'hold']]);
    assert.deepEqual(problems, []);
    await tab.close();
  });

  it('the careers page runs the script-tag widget under the CSP', async () => {
    const { page: tab, problems } = await openPage(browser, `${demo.url}/`);
    await tab.waitForFunction(() => document.querySelector('candid-interview')?.getAttribute('phase') === 'consent', { timeout: 15_000 });
    assert.deepEqual(problems, []);
    await tab.close();
  });

  it('the React page renders <candid-interview> through @candid/react and shows the phase from useCandidState', async () => {
    const { page: tab, problems } = await openPage(browser, `${demo.url}/react`);
    await tab.waitForFunction(() => document.getElementById('phase')?.textContent === 'consent', { timeout: 15_000 });
    const widget = await tab.evaluate(() => {
      const element = document.querySelector('#react-root candid-interview');
      return { defined: Boolean(customElements.get('candid-interview')), token: element?.token?.length > 0, endpoint: element?.endpoint, phase: element?.getAttribute('phase') };
    });
    assert.deepEqual(widget, { defined: true, token: true, endpoint: '/candid', phase: 'consent' });
    assert.deepEqual(problems, []);
    await tab.close();
  });

  it('the admin pages create an interview, invite a candidate and copy the link', async () => {
    const context = browser.defaultBrowserContext();
    await context.overridePermissions(demo.url, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    const { page: tab, problems } = await openPage(browser, `${demo.url}/ats`);
    // The "no notice of its own" warning shows while the notice is empty.
    assert.equal(await tab.$eval('#notice-warning', (warning) => warning.hidden), false);
    await tab.type('textarea[name="noticeMarkdown"]', 'We record your answers.');
    assert.equal(await tab.$eval('#notice-warning', (warning) => warning.hidden), true);
    await tab.$eval('textarea[name="noticeMarkdown"]', (notice) => {
      notice.value = '';
      notice.dispatchEvent(new Event('input'));
    });
    assert.equal(await tab.$eval('#notice-warning', (warning) => warning.hidden), false);
    await tab.type('input[name="title"]', 'Night shift lead');
    await tab.type('#questions [data-field="prompt"]', 'How do you keep a team calm?');
    await tab.click('#add-question');
    await tab.type('#questions [data-question]:nth-child(2) [data-field="prompt"]', 'And yourself?');
    await Promise.all([tab.waitForNavigation(), tab.click('#interview-form button[type="submit"]')]);
    assert.match(tab.url(), /\/ats\/interviews\/int_[0-9a-f]+$/);
    assert.equal(await tab.$$eval('ol.questions > li', (items) => items.length), 2);
    assert.ok(await tab.$('#notice-warning'), 'created without a notice: the warning stays after creation');

    await tab.type('#invite-form input[name="externalId"]', 'night-7');
    await tab.click('#invite-form button[type="submit"]');
    await tab.waitForFunction(() => document.getElementById('candidate-link')?.value.includes('/interview?token='), { timeout: 5_000 });
    const link = await tab.$eval('#candidate-link', (input) => input.value);
    await tab.click('button[data-copy="candidate-link"]');
    await tab.waitForFunction(() => document.querySelector('button[data-copy]').textContent === 'Copied', { timeout: 5_000 });
    assert.equal(await tab.evaluate(() => navigator.clipboard.readText()), link);

    // A refused form shows Candid's code and message.
    // (Only spaces: the browser's `required` lets it through, the server does not.)
    await tab.$eval('#invite-form input[name="externalId"]', (input) => {
      input.value = '   ';
    });
    await tab.click('#invite-form button[type="submit"]');
    await tab.waitForSelector('#invite-error .error code');
    assert.equal(await tab.$eval('#invite-error .error code', (code) => code.textContent), 'VALIDATION_FAILED');
    assert.match(await tab.$eval('#invite-error', (box) => box.textContent), /externalId is required/);
    assert.deepEqual(problems.filter((p) => !p.includes('400 (Bad Request)')), []);
    await tab.close();
  });
});
