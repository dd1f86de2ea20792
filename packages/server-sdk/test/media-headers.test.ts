import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ffmpeg } from '../src/media/ffmpeg.js';
import { testDatabases } from './helpers/databases.js';
import { makeRecordings } from './helpers/media-fixtures.js';
import { API_KEY, type TestServer, api, consentedSession, startTestServer } from './helpers/server.js';
import { createUpload, patchUpload } from './helpers/tus.js';

/**
 * Class 3 of the attack run (headers): media responses carried no `X-Content-Type-Options:
 * nosniff`, no `Content-Disposition` and no CSP. Every media, rendition and export response now
 * has all three (inline for what a <video> plays, attachment with a safe filename for downloads),
 * and every other response of the router, JSON and tus included, has nosniff.
 */

const CSP = "default-src 'none'; sandbox";
const auth = { authorization: `Bearer ${API_KEY}` };

function assertStoredFileHeaders(res: Response, label: string, disposition: RegExp): void {
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${label}: nosniff`);
  assert.equal(res.headers.get('content-security-policy'), CSP, `${label}: CSP`);
  assert.match(res.headers.get('content-disposition') ?? '', disposition, `${label}: Content-Disposition`);
}

const hasFfmpeg = (await Ffmpeg.detect('ffmpeg')) !== null;

for (const database of testDatabases) {
  describe(`media, rendition and export responses carry nosniff, Content-Disposition and a CSP [${database.name}]`, () => {
    let server: TestServer;
    let s: { interviewId: string; sessionId: string; token: string };
    let answer: { id: string; renditions: Array<{ kind: string }> };
    before(async () => {
      server = await startTestServer({ jobs: { pollingSeconds: 0.5 } }, database);
      s = await consentedSession(server);
      const bytes = hasFfmpeg ? (await makeRecordings()).video : Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(996)]);
      const upload = await createUpload(server.endpoint, s.token, { questionId: 'q1', attempt: '1', track: 'video', mimeType: 'video/webm;codecs=vp8,opus' });
      assert.equal(upload.status, 201, upload.body);
      assert.equal((await patchUpload(upload.url!, s.token, 0, bytes, { length: bytes.length })).status, 204);
      const commit = await api(server.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1, durationMs: 2000 }, s.token);
      assert.equal(commit.status, 200, JSON.stringify(commit.json));
      // Wait for the media step (renditions), when ffmpeg is there to make them.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const session = (await api(server.endpoint, 'GET', `/v1/sessions/${s.sessionId}`)).json;
        answer = session.answers[0];
        const status = session.answers[0].processing.media.status;
        if (!['pending', 'running'].includes(status) || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    });
    after(() => server.close());

    it('the original: GET, HEAD, 206 and 416 are inline with a filename built from the answer id', async () => {
      const url = `${server.endpoint}/v1/sessions/${s.sessionId}/media/${answer.id}`;
      const inline = new RegExp(`^inline; filename="${answer.id}-video\\.webm"$`);
      for (const [label, init] of [
        ['GET', { headers: auth }],
        ['HEAD', { method: 'HEAD', headers: auth }],
        ['range', { headers: { ...auth, range: 'bytes=0-3' } }],
        ['416', { headers: { ...auth, range: 'bytes=99999999-' } }],
      ] as const) {
        const res = await fetch(url, init);
        await res.arrayBuffer();
        assert.ok([200, 206, 416].includes(res.status), `${label}: ${res.status}`);
        assertStoredFileHeaders(res, label, inline);
        if (res.status !== 416) assert.equal(res.headers.get('content-type'), 'video/webm');
      }
    });

    it('every rendition (mp4, webm, hls, fmp4) is inline with its own filename', { skip: hasFfmpeg ? false : 'ffmpeg is not installed: no renditions are made' }, async () => {
      const kinds = answer.renditions.map((r) => r.kind).sort();
      assert.deepEqual(kinds, ['fmp4', 'hls', 'mp4', 'webm']);
      const extension: Record<string, string> = { mp4: 'mp4', webm: 'webm', fmp4: 'mp4', hls: 'm3u8' };
      for (const kind of kinds) {
        const res = await fetch(`${server.endpoint}/v1/sessions/${s.sessionId}/media/${answer.id}?rendition=${kind}`, { headers: { ...auth, range: 'bytes=0-15' } });
        await res.arrayBuffer();
        assert.ok([200, 206].includes(res.status), `${kind}: ${res.status}`);
        assertStoredFileHeaders(res, kind, new RegExp(`^inline; filename="${answer.id}-${kind}\\.${extension[kind]}"$`));
      }
    });

    it('the export is an attachment; the audit log export too', async () => {
      const exported = await fetch(`${server.endpoint}/v1/sessions/${s.sessionId}/export`, { headers: auth });
      await exported.arrayBuffer();
      assert.equal(exported.status, 200);
      assertStoredFileHeaders(exported, 'export', new RegExp(`^attachment; filename="candid-export-${s.sessionId}\\.tar"$`));
      const audit = await fetch(`${server.endpoint}/v1/audit?from=2020-01-01`, { headers: auth });
      await audit.text();
      assert.equal(audit.status, 200);
      assertStoredFileHeaders(audit, 'audit', /^attachment; filename="candid-audit-2020-01-01-now\.ndjson"$/);
    });

    it('every other response has nosniff: JSON, errors, the OpenAPI document, tus, CORS preflight', async () => {
      const upload = await createUpload(server.endpoint, s.token, { questionId: 'q2', attempt: '1', track: 'video', mimeType: 'video/webm' });
      const requests: Array<[string, string, RequestInit]> = [
        ['GET /v1/sessions/{id}', `/v1/sessions/${s.sessionId}`, { headers: auth }],
        ['GET /v1/session', '/v1/session', { headers: { authorization: `Bearer ${s.token}` } }],
        ['401', `/v1/sessions/${s.sessionId}`, {}],
        ['404', '/v1/nothing-here', {}],
        ['openapi', '/v1/openapi.json', {}],
        ['tus HEAD', new URL(upload.url!).pathname.replace(/^\/candid/, ''), { method: 'HEAD', headers: { authorization: `Bearer ${s.token}`, 'tus-resumable': '1.0.0' } }],
        ['tus OPTIONS', '/v1/uploads', { method: 'OPTIONS', headers: { authorization: `Bearer ${s.token}`, 'tus-resumable': '1.0.0' } }],
        ['tus error', '/v1/uploads', { method: 'POST', headers: { authorization: `Bearer ${s.token}` } }],
        ['preflight', '/v1/session', { method: 'OPTIONS', headers: { origin: 'https://careers.example', 'access-control-request-method': 'GET' } }],
      ];
      for (const [label, route, init] of requests) {
        const res = await fetch(`${server.endpoint}${route}`, init);
        await res.arrayBuffer();
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${label} (${res.status})`);
      }
    });
  });
}
