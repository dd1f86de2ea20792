import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { contentDisposition, mediaContentType, parseMediaType } from '../src/http/media-type.js';
import { uploadMetadataIssues } from '../src/http/upload-metadata.js';
import { containerOfMimeType } from '../src/media/sniff.js';
import { parseBoundedDate } from '../src/validation.js';
import { testDatabases } from './helpers/databases.js';
import { API_KEY, QUESTIONS, type TestServer, api, consentedSession, startTestServer } from './helpers/server.js';
import { EBML } from './helpers/media-fixtures.js';

/**
 * Class 2 of the attack run: strings from clients reached response headers and dates reached
 * PostgreSQL unchecked. A `mimeType` with CR/LF in tus `Upload-Metadata` was stored and later made
 * the media route answer 500; an `expiresAt` far in the future made `POST /v1/sessions` answer 500.
 *
 * Stored fields echoed in a response header, and where (all covered below):
 * - `uploads.mime_type` → `answer_media.mime_type` → media route `Content-Type` (and the pipeline's
 *   webm rendition type, the S3 object's ContentType, the transcription upload's part type);
 * - `renditions.mime_type` → media route `Content-Type` (`?rendition=`);
 * - `answer_media.sha256` → media route `ETag`;
 * - the tus upload's metadata → `Upload-Metadata` on HEAD (base64, as tus stores it), and
 *   `contentType` / `cacheControl` keys → the S3 object's headers (now refused);
 * - ids (answer, session) → `Content-Disposition` filenames (media, export).
 */

type Db = { query: (sql: string, params?: unknown[]) => Promise<{ rows: any[] }> }; // eslint-disable-line @typescript-eslint/no-explicit-any
const dbOf = (server: TestServer) => (server.candid.sessions as unknown as { db: Db }).db;
const b64 = (text: string) => Buffer.from(text).toString('base64');
const metadata = (meta: Record<string, string>) => Object.entries(meta).map(([k, v]) => `${k} ${b64(v)}`).join(',');

/** Would Node accept this as a header value? (setHeader throws ERR_INVALID_CHAR otherwise: the 500s.) */
function isHeaderSafe(value: string): boolean {
  try {
    http.validateHeaderValue('x-test', value);
    return true;
  } catch {
    return false;
  }
}

/** A small seeded generator (mulberry32), so a failing case replays. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick };
}

const NASTY = ['\r', '\n', '\r\n', '\u0000', '\t', '\u007f', '\u0085', '\u2028', 'é', '"', "'", ';', ',', '=', ' ', '/', '\\', '<', '>', '%0d%0a', 'X-Injected: 1', '\ud800', '💥', 'codecs=', ';codecs="', '"', 'charset=utf-8'];
const VALID = ['video/webm', 'video/mp4', 'audio/webm', 'audio/mp4', 'audio/ogg', 'video/webm;codecs=vp8,opus', 'video/webm; codecs="vp8, opus"', 'audio/ogg;codecs=opus', 'application/vnd.apple.mpegurl'];

/** Hostile variants of media types: valid ones cut, spliced and salted with CR/LF and friends. */
function hostileStrings(seed: number, count: number): string[] {
  const gen = prng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = gen.pick(VALID);
    const edits = 1 + gen.int(3);
    for (let e = 0; e < edits; e++) {
      const at = gen.int(s.length + 1);
      const roll = gen.next();
      if (roll < 0.6) s = s.slice(0, at) + gen.pick(NASTY) + s.slice(at);
      else if (roll < 0.8) s = s.slice(0, at) + s.slice(at + 1 + gen.int(3));
      else s = s + gen.pick(NASTY).repeat(1 + gen.int(60));
    }
    out.push(s);
  }
  return out;
}

describe('media types: strict syntax (unit)', () => {
  it('accepts what browsers record, refuses anything that could leave its header', () => {
    for (const ok of ['video/webm', 'VIDEO/WEBM', 'video/webm;codecs=vp8,opus', 'video/webm; codecs="vp8, opus"', 'video/mp4;codecs=avc1.42E01E,mp4a.40.2', 'audio/ogg;codecs=opus', 'audio/webm;Codecs=opus']) {
      assert.ok(parseMediaType(ok), ok);
      assert.ok(containerOfMimeType(ok), ok);
    }
    for (const bad of ['video/webm\r\nX-Injected: 1', 'video/webm\n', 'video/webm\r', ' video/webm', 'video/webm ', 'video/webm;charset=utf-8', 'video/webm;codecs=vp8;x=1', 'video/webm;codecs="vp8', 'video/webm;codecs=', 'video/webm;codecs=vp8\r\n', 'video/webm\u0000', 'video/wébm', 'video', 'video/', '/webm', `video/webm;codecs=${'a'.repeat(100)}`]) {
      assert.equal(parseMediaType(bad), null, JSON.stringify(bad));
      assert.equal(containerOfMimeType(bad), null, JSON.stringify(bad));
    }
    assert.equal(mediaContentType('video/webm;codecs=vp8,opus'), 'video/webm');
    assert.equal(mediaContentType('video/webm\r\nX-Injected: 1'), 'application/octet-stream');
    assert.equal(mediaContentType('text/html'), 'application/octet-stream');
  });

  it('fuzz: whatever the parser accepts, and whatever the media route would send, is a valid header value', () => {
    for (const value of hostileStrings(0xc0ffee, 5000)) {
      const parsed = parseMediaType(value);
      if (parsed) assert.ok(isHeaderSafe(value), `accepted ${JSON.stringify(value)}`);
      if (containerOfMimeType(value)) assert.ok(parsed, `container for ${JSON.stringify(value)}`);
      const sent = mediaContentType(value);
      assert.ok(isHeaderSafe(sent) && /^[a-z0-9.+/-]+$/.test(sent), JSON.stringify(sent));
      assert.ok(isHeaderSafe(contentDisposition('inline', value)), `disposition for ${JSON.stringify(value)}`);
      const issues = uploadMetadataIssues({ mimeType: value, filename: value });
      if (issues.length === 0) assert.ok(isHeaderSafe(value), `metadata ${JSON.stringify(value)}`);
    }
  });

  it('dates: ISO 8601 only, real calendar dates, within 1970–9999 and the given bounds', () => {
    for (const bad of ['+275760-09-13T00:00:00.000Z', '10000-01-01', 'March 7, 2031', '2031', '2030-02-31', '2030-01-01T24:00:00Z', '2030-01-01T10:00:00', '1969-12-31', '', 'null']) {
      assert.equal(typeof parseBoundedDate(bad), 'string', bad);
    }
    assert.ok(parseBoundedDate('2030-01-31T12:00:00.123+02:00') instanceof Date);
    assert.ok(parseBoundedDate('2028-02-29') instanceof Date);
    assert.equal(typeof parseBoundedDate('2030-01-01', { max: Date.UTC(2029, 0, 1) }), 'string');
  });
});

for (const database of testDatabases) {
  describe(`client strings never reach a header or the database unchecked [${database.name}]`, () => {
    let server: TestServer;
    let s: { interviewId: string; sessionId: string; token: string };
    let answerId: string;
    const media = (query = '', method = 'GET') =>
      fetch(`${server.endpoint}/v1/sessions/${s.sessionId}/media/${answerId}${query}`, { method, headers: { authorization: `Bearer ${API_KEY}` } });
    const create = (meta: string, token = s.token) =>
      fetch(`${server.endpoint}/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0', 'upload-defer-length': '1', 'upload-metadata': meta } });

    before(async () => {
      server = await startTestServer({ workers: false, rateLimitPerMinute: 1_000_000 }, database);
      s = await consentedSession(server);
      const created = await create(metadata({ questionId: 'q1', attempt: '1', track: 'video', mimeType: 'video/webm; codecs="vp8, opus"' }));
      assert.equal(created.status, 201, await created.text());
      const url = new URL(created.headers.get('location')!, server.endpoint).href;
      const body = Buffer.concat([EBML, randomBytes(1996)]);
      const patched = await fetch(url, { method: 'PATCH', headers: { authorization: `Bearer ${s.token}`, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'upload-length': '2000', 'content-type': 'application/offset+octet-stream' }, body });
      assert.equal(patched.status, 204, await patched.text());
      const commit = await api(server.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1, durationMs: 2000 }, s.token);
      assert.equal(commit.status, 200, JSON.stringify(commit.json));
      answerId = commit.json.answer.id;
    });
    after(() => server.close());

    it('a CR/LF mimeType (or another header-bound key) in Upload-Metadata is a 400 at creation; nothing is stored', async () => {
      const before = (await dbOf(server).query('select count(*)::int as n from uploads')).rows[0].n;
      for (const mimeType of ['video/webm\r\nX-Injected: 1', 'video/webm\n', 'video/webm;codecs=vp8\r\n', 'video/webm;charset=utf-8']) {
        const res = await create(metadata({ questionId: 'q2', attempt: '1', track: 'video', mimeType }));
        const json = await res.json();
        assert.equal(res.status, 400, JSON.stringify(mimeType));
        assert.equal(json.error.code, 'VALIDATION_FAILED');
        assert.deepEqual(json.error.issues.map((i: { path: string }) => i.path), ['Upload-Metadata/mimeType']);
      }
      // @tus/s3-store copies these into the S3 object's headers.
      for (const [key, value] of [['contentType', 'video/webm\r\nX-Injected: 1'], ['cacheControl', 'public, max-age=31536000']]) {
        const res = await create(metadata({ questionId: 'q2', attempt: '1', track: 'video', mimeType: 'video/webm', [key!]: value! }));
        const json = await res.json();
        assert.equal(res.status, 400, key);
        assert.deepEqual(json.error.issues.map((i: { path: string }) => i.path), [`Upload-Metadata/${key}`]);
      }
      const unsupported = await create(metadata({ questionId: 'q2', attempt: '1', track: 'video', mimeType: 'text/html' }));
      assert.equal(unsupported.status, 415);
      assert.equal((await dbOf(server).query('select count(*)::int as n from uploads')).rows[0].n, before);
    });

    it('the media route checks stored values again: a row holding CR/LF answers 200 as octet-stream, never 500', async () => {
      const db = dbOf(server);
      const [original] = (await db.query('select mime_type, sha256 from answer_media where answer_id = $1', [answerId])).rows;
      try {
        await db.query('update answer_media set mime_type = $2, sha256 = $3 where answer_id = $1', [answerId, 'video/webm\r\nX-Injected: 1', 'abc"\r\nX-Etag-Injected: 1']);
        const res = await media();
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'application/octet-stream');
        assert.equal(res.headers.get('x-injected'), null);
        assert.equal(res.headers.get('x-etag-injected'), null);
        assert.equal(res.headers.get('etag'), '"abcX-Etag-Injected1"');
        assert.equal(res.headers.get('content-disposition'), `inline; filename="${answerId}-video.bin"`);
        assert.equal((await res.arrayBuffer()).byteLength, 2000);
      } finally {
        await db.query('update answer_media set mime_type = $2, sha256 = $3 where answer_id = $1', [answerId, original.mime_type, original.sha256]);
      }
      const res = await media();
      assert.equal(res.headers.get('content-type'), 'video/webm');
      assert.equal(res.headers.get('content-disposition'), `inline; filename="${answerId}-video.webm"`);
      await res.arrayBuffer();
    });

    it('expiresAt far in the future, or not ISO 8601, is a 400 VALIDATION_FAILED (was a 500); within 366 days it is kept', async () => {
      const day = 86_400_000;
      for (const expiresAt of ['+275760-09-13T00:00:00.000Z', '+100000-01-01T00:00:00Z', '10000-01-01', '9999-12-31T00:00:00Z', new Date(Date.now() + 367 * day).toISOString(), 'March 7, 2031', '2031-02-31', 12345]) {
        const res = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: s.interviewId, candidate: { externalId: 'c-date' }, expiresAt });
        assert.equal(res.status, 400, `${JSON.stringify(expiresAt)}: ${JSON.stringify(res.json)}`);
        assert.equal(res.json.error.code, 'VALIDATION_FAILED');
        assert.deepEqual(res.json.error.issues.map((i: { path: string }) => i.path), ['expiresAt']);
      }
      const inAYear = new Date(Date.now() + 365 * day).toISOString();
      const ok = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: s.interviewId, candidate: { externalId: 'c-date' }, expiresAt: inAYear });
      assert.equal(ok.status, 201, JSON.stringify(ok.json));
      assert.equal((await api(server.endpoint, 'GET', `/v1/sessions/${ok.json.sessionId}`)).json.expiresAt, inAYear);
    });

    it('audit `from`/`to` beyond 1970–9999 are a 400 (the response used to be cut after its headers)', async () => {
      for (const query of ['from=%2B275760-09-13T00%3A00%3A00.000Z', 'to=-000001-01-01', 'from=0000-01-01', 'from=2030-13-01']) {
        const res = await api(server.endpoint, 'GET', `/v1/audit?${query}`);
        assert.equal(res.status, 400, query);
        assert.equal(res.json.error.code, 'VALIDATION_FAILED');
      }
      const ok = await fetch(`${server.endpoint}/v1/audit?from=2000-01-01&to=9999-12-31`, { headers: { authorization: `Bearer ${API_KEY}` } });
      assert.equal(ok.status, 200);
      await ok.text();
    });

    it('fuzz: hostile values in every stored field a header echoes never give a 5xx or an unsafe header', async () => {
      const db = dbOf(server);
      const values = hostileStrings(0x5eed + (database.name === 'postgres' ? 1 : 0), 60);
      const [original] = (await db.query('select mime_type, sha256 from answer_media where answer_id = $1', [answerId])).rows;
      await db.query(`insert into renditions (answer_id, kind, storage_key, mime_type, size_bytes, duration_ms) values ($1, 'mp4', 'derived/none', 'video/mp4', 10, null)`, [answerId]);
      const problems: string[] = [];
      const check = (label: string, res: Response, expected: number[]) => {
        if (!expected.includes(res.status)) problems.push(`${label} → ${res.status}`);
        const type = res.headers.get('content-type') ?? '';
        if (res.status < 300 && !['video/webm', 'video/mp4', 'audio/webm', 'audio/mp4', 'audio/ogg', 'application/vnd.apple.mpegurl', 'application/octet-stream'].includes(type)) problems.push(`${label} → Content-Type ${JSON.stringify(type)}`);
        for (const name of res.headers.keys()) if (!/^(x-request-id|x-content-type-options|content-security-policy|content-disposition|content-type|content-length|content-range|accept-ranges|etag|cache-control|date|connection|keep-alive|access-control-[a-z-]+|vary|retry-after|x-powered-by)$/.test(name)) problems.push(`${label} → unexpected header ${name}`);
      };
      try {
        for (const [i, value] of values.entries()) {
          const label = `#${i} ${JSON.stringify(value).slice(0, 80)}`;
          // Stored answer media (mime type and sha256), as if written before any check.
          await db.query('update answer_media set mime_type = $2, sha256 = $3 where answer_id = $1', [answerId, value.replace(/\u0000|[\ud800-\udfff]/g, ''), value.replace(/\u0000|[\ud800-\udfff]/g, '')]);
          const original = await media(i % 3 === 0 ? '' : '?track=video', i % 2 ? 'HEAD' : 'GET');
          check(`media ${label}`, original, [200]);
          await original.arrayBuffer();
          // A rendition row (HEAD: its file need not exist).
          await db.query(`update renditions set mime_type = $2 where answer_id = $1 and kind = 'mp4'`, [answerId, value.replace(/\u0000|[\ud800-\udfff]/g, '')]);
          const rendition = await media('?rendition=mp4', 'HEAD');
          check(`rendition ${label}`, rendition, [200]);
          // Through the front door: tus creation with the value as mimeType and as a tolerated key.
          const created = await create(metadata({ questionId: 'q2', attempt: '1', track: 'video', mimeType: value, ...(i % 4 === 0 ? { filename: value } : {}) }));
          if (created.status >= 500 || ![201, 400, 415, 429].includes(created.status)) problems.push(`creation ${label} → ${created.status} ${await created.text()}`);
          else if (created.status === 201) {
            const url = new URL(created.headers.get('location')!, server.endpoint).href;
            const head = await fetch(url, { method: 'HEAD', headers: { authorization: `Bearer ${s.token}`, 'tus-resumable': '1.0.0' } });
            if (head.status !== 200) problems.push(`HEAD after creation ${label} → ${head.status}`);
            await fetch(url, { method: 'DELETE', headers: { authorization: `Bearer ${s.token}`, 'tus-resumable': '1.0.0' } });
          } else await created.text();
        }
        // Whatever was stored through the API parses strictly.
        for (const { mime_type } of (await db.query('select mime_type from uploads')).rows) assert.ok(parseMediaType(mime_type), JSON.stringify(mime_type));
      } finally {
        await db.query('update answer_media set mime_type = $2, sha256 = $3 where answer_id = $1', [answerId, original.mime_type, original.sha256]);
        await db.query(`delete from renditions where answer_id = $1 and kind = 'mp4'`, [answerId]);
      }
      assert.deepEqual(problems, []);
    });
  });
}

void QUESTIONS;
