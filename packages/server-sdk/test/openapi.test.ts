import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { DataStore } from '@tus/utils';
import { pino } from 'pino';
import { resolveOptions } from '../src/config.js';
import { ErrorCodes } from '../src/errors.js';
import { createRouter } from '../src/http/router.js';
import type { Services } from '../src/services/index.js';
import type { MediaStorage } from '../src/storage/media-storage.js';
import { testDatabases } from './helpers/databases.js';
import { type JsonSchema, assertValid, resolveRef, validate } from './helpers/json-schema.js';
import { API_KEY, QUESTIONS, type TestServer, api, consentedSession, startTestServer } from './helpers/server.js';
import { createUpload, patchUpload } from './helpers/tus.js';
import { fakeWebm } from './helpers/media-fixtures.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- the document is walked as plain JSON */
type Doc = any;

const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'] as const;
const schemaRef = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

async function fetchDocument(server: TestServer): Promise<{ status: number; contentType: string | null; doc: Doc }> {
  const res = await fetch(`${server.endpoint}/v1/openapi.json`);
  return { status: res.status, contentType: res.headers.get('content-type'), doc: await res.json() };
}

function operations(doc: Doc): Array<{ method: string; path: string; op: any }> {
  return Object.entries(doc.paths as Record<string, any>).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ method, path, op: item[method] })),
  );
}

/** Every `$ref` string anywhere in a JSON value. */
function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

/**
 * The routes the Express router really has, from its layer stack: `{ path → methods }` with paths in
 * OpenAPI form (`:id` → `{id}`; the tus wildcard → `{uploadId}`). `ALL` marks `router.all` routes.
 * Express layers are not public API; this reads `route.path`, `route.methods` and nested `handle.stack`.
 */
function servedRoutes(): Map<string, Set<string>> {
  const router = createRouter({
    config: resolveOptions({ secret: 'x'.repeat(32), apiKeys: ['k'.repeat(32)] }),
    services: {} as Services,
    storage: { kind: 'stub', datastore: new DataStore() } as unknown as MediaStorage,
    locker: undefined,
    logger: pino({ level: 'silent' }),
  }) as unknown as { stack: any[] };
  const routes = new Map<string, Set<string>>();
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const methods = Object.keys(layer.route.methods).filter((m) => layer.route.methods[m]).map((m) => (m === '_all' ? 'ALL' : m));
        for (const raw of [layer.route.path].flat() as string[]) {
          const path = raw.replace(/:(\w+)/g, '{$1}').replace('/{*rest}', '/{uploadId}');
          const set = routes.get(path) ?? new Set<string>();
          methods.forEach((m) => set.add(m));
          routes.set(path, set);
        }
      } else if (Array.isArray(layer.handle?.stack)) {
        // Nested routers are mounted without a path (router.use(candidateRoutes(...))).
        assert.equal(layer.rawPath, '/', 'nested routers are mounted at the root');
        walk(layer.handle.stack);
      }
    }
  };
  walk(router.stack);
  return routes;
}

describe('OpenAPI document (GET /v1/openapi.json)', () => {
  let server: TestServer;
  let doc: Doc;
  before(async () => {
    server = await startTestServer();
    const res = await fetchDocument(server);
    assert.equal(res.status, 200);
    doc = res.doc;
  });
  after(() => server.close());

  it('is served without credentials as JSON, OpenAPI 3.1, with the package version', async () => {
    const res = await fetchDocument(server);
    assert.equal(res.status, 200);
    assert.match(res.contentType ?? '', /^application\/json/);
    assert.match(res.doc.openapi, /^3\.1\.\d+$/);
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
    assert.equal(res.doc.info.version, pkg.version);
    assert.equal(typeof res.doc.info.title, 'string');
  });

  it('declares the two bearer security schemes', () => {
    assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['apiKey', 'sessionToken']);
    for (const scheme of Object.values(doc.components.securitySchemes) as any[]) {
      assert.equal(scheme.type, 'http');
      assert.equal(scheme.scheme, 'bearer');
    }
  });

  it('defines the named schemas, and every $ref in the document resolves', () => {
    const names = [
      'Interview', 'InterviewInput', 'Question', 'PracticeQuestion', 'Notice', 'RetentionSettings', 'Accommodations', 'Session',
      'SessionInput', 'CreatedSession', 'SessionPage', 'ConsentRecord', 'ConsentInput', 'Answer', 'AnswerMedia', 'AnswerCommit',
      'CandidateSessionView', 'Error',
    ];
    for (const name of names) assert.ok(doc.components.schemas[name], `components.schemas.${name}`);
    const refs = refsIn(doc);
    assert.ok(refs.length > 50);
    for (const ref of refs) assert.doesNotThrow(() => resolveRef(doc, ref), ref);
  });

  it("lists exactly the ErrorCodes table's codes as the error code enum", () => {
    const code = doc.components.schemas.Error.properties.error.properties.code;
    const resolved = code.$ref ? resolveRef(doc, code.$ref) : code;
    assert.deepEqual(resolved.enum, Object.keys(ErrorCodes));
    assert.deepEqual(doc.components.schemas.Error.required, ['error']);
    assert.deepEqual(doc.components.schemas.Error.properties.error.required, ['code', 'message']);
  });

  it('gives every operation a unique operationId, a summary, security, a success response and its error responses', () => {
    const ids = new Set<string>();
    for (const { method, path, op } of operations(doc)) {
      const label = `${method.toUpperCase()} ${path}`;
      assert.equal(typeof op.operationId, 'string', label);
      assert.ok(!ids.has(op.operationId), `${label}: duplicate operationId ${op.operationId}`);
      ids.add(op.operationId);
      assert.ok(op.summary, `${label}: summary`);
      assert.ok(Array.isArray(op.security), `${label}: security`);
      for (const requirement of op.security) {
        for (const scheme of Object.keys(requirement)) assert.ok(doc.components.securitySchemes[scheme], `${label}: scheme ${scheme}`);
      }
      const statuses = Object.keys(op.responses);
      assert.ok(statuses.some((s) => s.startsWith('2')), `${label}: a 2xx response`);
      if (path === '/v1/openapi.json') continue;
      assert.equal(op.security.length, 1, `${label}: authenticated`);
      assert.ok(statuses.includes('401'), `${label}: documents 401`);
      assert.ok(statuses.includes('500'), `${label}: documents 500`);
      for (const template of path.match(/\{\w+\}/g) ?? []) {
        const name = template.slice(1, -1);
        assert.ok(op.parameters?.some((p: any) => p.in === 'path' && p.name === name && p.required), `${label}: path parameter ${name}`);
      }
    }
    const expected = [
      'getCandidateSession', 'recordConsent', 'withdrawConsent', 'commitAnswer', 'completeSession', 'createUpload', 'uploadCapabilities',
      'getUploadOffset', 'appendUpload', 'deleteUpload', 'createInterview', 'getInterview', 'createSession', 'listSessions', 'getSession',
      'issueSessionToken', 'getAnswerMedia', 'getOpenApiDocument',
    ];
    for (const id of expected) assert.ok(ids.has(id), `operation ${id}`);
  });

  it('documents error responses as the Error schema, with examples whose codes have that status in ErrorCodes', () => {
    for (const { method, path, op } of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
        if (Number(status) < 400 || !response.content) continue;
        const label = `${method.toUpperCase()} ${path} ${status}`;
        const media = response.content['application/json'];
        assert.deepEqual(media.schema, schemaRef('Error'), label);
        assert.ok(Object.keys(media.examples ?? {}).length > 0, `${label}: examples`);
        for (const [code, example] of Object.entries(media.examples as Record<string, any>)) {
          assert.ok(code in ErrorCodes, `${label}: ${code} is a known code`);
          assertValid(doc, media.schema, example.value, `${label} example ${code}`, { closedObjects: true });
          // tus protocol answers keep tus's status (412 for a missing Tus-Resumable) with the nearest code.
          if (status !== '412') assert.equal(ErrorCodes[code as keyof typeof ErrorCodes].status, Number(status), `${label}: ${code}`);
        }
      }
    }
  });

  it('closes every request body schema (additionalProperties: false), nested objects included', () => {
    const open: string[] = [];
    const seen = new Set<unknown>();
    const visit = (schema: any, at: string) => {
      if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
      seen.add(schema);
      if (schema.$ref) visit(resolveRef(doc, schema.$ref), `${at}→${schema.$ref.split('/').pop()}`);
      if (schema.properties && schema.additionalProperties !== false) open.push(at);
      for (const [key, child] of Object.entries(schema.properties ?? {})) visit(child, `${at}/${key}`);
      if (schema.items) visit(schema.items, `${at}[]`);
      for (const branch of schema.anyOf ?? []) visit(branch, at);
    };
    for (const { method, path, op } of operations(doc)) {
      const body = op.requestBody?.content?.['application/json'];
      if (body) visit(body.schema, `${method.toUpperCase()} ${path}`);
    }
    assert.deepEqual(open, []);
  });

  it("accepts the contract's example request bodies, and refuses unknown fields and wrong types", () => {
    const valid: Array<[string, unknown]> = [
      ['InterviewInput', { title: 'Backend engineer', questions: [{ id: 'q1', prompt: 'Tell us…', thinkSeconds: 30, answerSeconds: 120, maxRetakes: 1 }] }],
      ['InterviewInput', { title: 'T', notice: { version: '2026-11', markdown: '# Notice' }, questions: [{ id: 'q1', prompt: 'P', competencies: [{ id: 'communication', description: 'Clear' }] }] }],
      ['InterviewInput', { title: 'T', employer: { name: 'Northwind Robotics', privacyUrl: 'https://northwind.example/privacy', logoUrl: null }, questions: [{ id: 'q1', prompt: 'P' }] }],
      ['SessionInput', { interviewId: 'int_0', candidate: { externalId: 'c-1' } }],
      ['ConsentInput', { noticeVersion: '2026-11', choices: { recording: true, aiEvaluation: true, productImprovement: false }, ageConfirmed: true }],
      ['AnswerCommit', { attempt: 1, durationMs: 3000, speechSegments: [{ startMs: 0, endMs: 900 }] }],
    ];
    for (const [name, body] of valid) assertValid(doc, schemaRef(name), body, name);
    const invalid: Array<[string, unknown]> = [
      ['InterviewInput', { title: 'T', questions: [{ id: 'q1', prompt: 'P', thinkSecond: 3 }] }],
      ['InterviewInput', { title: 42, questions: [{ id: 'q1', prompt: 'P' }] }],
      ['InterviewInput', { title: '   ', questions: [{ id: 'q1', prompt: 'P' }] }],
      ['InterviewInput', { title: 'T', employer: { name: 'N', website: 'https://n.example' }, questions: [{ id: 'q1', prompt: 'P' }] }],
      ['InterviewInput', { title: 'T', employer: { logoUrl: 'https://n.example/logo.svg' }, questions: [{ id: 'q1', prompt: 'P' }] }],
      ['SessionInput', { interviewId: 'int_0', candidate: { externalId: 'c-1', nmae: 'x' } }],
      ['ConsentInput', { choices: { recording: 'yes', aiEvaluation: true }, ageConfirmed: true }],
      ['AnswerCommit', { attempt: 0 }],
    ];
    for (const [name, body] of invalid) assert.notDeepEqual(validate(doc, schemaRef(name), body), [], `${name} should refuse ${JSON.stringify(body)}`);
  });

  it('documents exactly the paths and methods of the Express router (from its layer stack)', () => {
    const served = servedRoutes();
    const documented = new Map(Object.entries(doc.paths as Record<string, any>).map(([path, item]) => [path, new Set(METHODS.filter((m) => item[m]))]));
    assert.deepEqual([...documented.keys()].sort(), [...served.keys()].sort());
    for (const [path, methods] of served) {
      const docMethods = documented.get(path)!;
      if (methods.has('ALL')) {
        // router.all hands every method to tus; which ones tus really serves is probed below.
        for (const m of docMethods) assert.ok(['post', 'head', 'patch', 'delete', 'options'].includes(m), `${m} ${path}`);
      } else {
        assert.deepEqual([...docMethods].sort(), [...methods].sort(), path);
      }
    }
  });

  describe('probing the running server', () => {
    let s: { interviewId: string; sessionId: string; token: string };
    let uploadUrl: string;
    before(async () => {
      s = await consentedSession(server);
      const upload = await createUpload(server.endpoint, s.token, { questionId: 'q1', attempt: '1', track: 'video', mimeType: 'video/webm' });
      uploadUrl = upload.url!;
    });

    const fill = (path: string) =>
      path
        .replace('{uploadId}', new URL(uploadUrl).pathname.split('/').pop()!)
        .replace('/v1/interviews/{id}', `/v1/interviews/${s.interviewId}`)
        .replace('/v1/sessions/{id}', `/v1/sessions/${s.sessionId}`)
        .replace('{answerId}', `ans_${'0'.repeat(32)}`)
        .replace('{questionId}', 'q1');

    async function probe(method: string, path: string, auth: 'sessionToken' | 'apiKey' | null, token: string) {
      const headers: Record<string, string> = {};
      if (auth === 'apiKey') headers.authorization = `Bearer ${API_KEY}`;
      if (auth === 'sessionToken') headers.authorization = `Bearer ${token}`;
      let body: string | Uint8Array | undefined;
      if (path.startsWith('/v1/uploads')) {
        headers['tus-resumable'] = '1.0.0';
        if (method === 'post') Object.assign(headers, { 'upload-defer-length': '1', 'upload-metadata': `questionId ${btoa('q1')},attempt ${btoa('1')},track ${btoa('video')},mimeType ${btoa('video/webm')}` });
        if (method === 'patch') Object.assign(headers, { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' });
        if (method === 'patch') body = fakeWebm(100);
      } else if (method === 'post') {
        headers['content-type'] = 'application/json';
        body = '{}';
      }
      const res = await fetch(`${server.endpoint}${fill(path)}`, { method: method.toUpperCase(), headers, body });
      const text = await res.text();
      let json: any = null;
      try {
        json = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, text, json };
    }

    it('answers every documented operation (never the router-level 404)', async () => {
      const unserved: string[] = [];
      // Withdrawal ends the session: probe it with a throwaway session, and DELETE last.
      const ordered = operations(doc).sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
      for (const { method, path, op } of ordered) {
        const auth = op.security[0] ? (Object.keys(op.security[0])[0] as 'sessionToken' | 'apiKey') : null;
        const token = op.operationId === 'withdrawConsent' ? (await consentedSession(server)).token : s.token;
        // Erasure ends the session too: probe it on a throwaway one.
        const target = op.operationId === 'eraseSession' ? path.replace('{id}', (await consentedSession(server)).sessionId) : path;
        const res = await probe(method, target, auth, token);
        const routerNotFound = res.status === 404 && (method === 'head' || ['NOT_FOUND', undefined].includes(res.json?.error?.code));
        if (routerNotFound || res.status === 405 || res.status >= 500) unserved.push(`${method.toUpperCase()} ${path} → ${res.status} ${res.text.slice(0, 120)}`);
      }
      assert.deepEqual(unserved, []);
    });

    const undocumented: Array<[string, string, 'sessionToken' | 'apiKey' | null]> = [
      ['get', '/v1/uploads/{uploadId}', 'sessionToken'],
      ['put', '/v1/uploads/{uploadId}', 'sessionToken'],
      ['post', '/v1/uploads/{uploadId}', 'sessionToken'],
      ['put', '/v1/uploads', 'sessionToken'],
      ['patch', '/v1/uploads', 'sessionToken'],
      ['delete', '/v1/uploads', 'sessionToken'],
      ['get', '/v1/uploads', 'sessionToken'],
      ['delete', '/v1/session', 'sessionToken'],
      ['patch', '/v1/session', 'sessionToken'],
      ['get', '/v1/session/consent', 'sessionToken'],
      ['get', '/v1/session/answers/{questionId}', 'sessionToken'],
      ['get', '/v1/interviews', 'apiKey'],
      ['put', '/v1/interviews/{id}', 'apiKey'],
      ['delete', '/v1/interviews/{id}', 'apiKey'],
      ['post', '/v1/sessions/{id}/restriction', 'apiKey'],
      ['get', '/v1/sessions/{id}/token', 'apiKey'],
      ['post', '/v1/openapi.json', null],
      ['get', '/v2/openapi.json', null],
    ];
    for (const [method, path, auth] of undocumented) {
      it(`answers 404 JSON NOT_FOUND to undocumented ${method.toUpperCase()} ${path}`, async () => {
        const res = await probe(method, path, auth, s.token);
        assert.equal(res.status, 404, res.text.slice(0, 200));
        assert.ok(res.json, `a JSON body, got ${JSON.stringify(res.text.slice(0, 100))}`);
        const expected = path.startsWith('/v1/uploads') ? ['NOT_FOUND', 'UPLOAD_NOT_FOUND'] : ['NOT_FOUND'];
        assert.ok(expected.includes(res.json.error?.code), `code ${res.json.error?.code}`);
      });
    }
  });
});

/** Checks one real response against the operation that documents it: status documented, body valid, error code listed. */
function conform(doc: Doc, method: string, path: string, res: { status: number; json: unknown; headers: Headers }) {
  const op = doc.paths[path]?.[method];
  assert.ok(op, `${method} ${path} is documented`);
  const label = `${method.toUpperCase()} ${path} → ${res.status}`;
  const response = op.responses[String(res.status)];
  assert.ok(response, `${label} is a documented status (documented: ${Object.keys(op.responses).join(', ')})`);
  const media = response.content?.['application/json'];
  if (!media) return;
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `${label} content type`);
  assertValid(doc, media.schema, res.json, label, { closedObjects: true });
  if (res.status >= 400) {
    const code = (res.json as { error: { code: string } }).error.code;
    assert.ok(code in (media.examples ?? {}), `${label}: ${code} is among the documented codes (${Object.keys(media.examples ?? {}).join(', ')})`);
  }
}

for (const database of testDatabases) describe(`real responses match the documented schemas [${database.name}]`, () => {
  let server: TestServer;
  let doc: Doc;
  before(async () => {
    server = await startTestServer({}, database);
    doc = (await fetchDocument(server)).doc;
  });
  after(() => server.close());

  const call = (method: string, route: string, body?: unknown, auth?: string | null) => api(server.endpoint, method.toUpperCase(), route, body, auth);

  async function commitTake(token: string, questionId: string) {
    const upload = await createUpload(server.endpoint, token, { questionId, attempt: '1', track: 'video', mimeType: 'video/webm;codecs=vp8,opus' });
    assert.equal(upload.status, 201);
    const data = fakeWebm(4000);
    const patched = await patchUpload(upload.url!, token, 0, data, { length: data.length });
    assert.equal(patched.status, 204);
    return call('post', `/v1/session/answers/${questionId}`, { attempt: 1, durationMs: 3000, speechSegments: [{ startMs: 0, endMs: 900 }] }, token);
  }

  it('interviews, sessions, the candidate view, consent, answers, media, completion and withdrawal', async () => {
    const interviewBody = {
      title: 'Product designer',
      locale: 'pt-BR',
      notice: { version: '2026-11', markdown: '# Privacy\nWe record your answers.' },
      practiceQuestion: { prompt: 'Warm up: introduce yourself.' },
      retention: { mediaDays: 30 },
      employer: { name: 'Northwind Robotics', logoUrl: 'https://northwind.example/logo.svg', contactEmail: 'careers@northwind.example' },
      questions: [
        { ...QUESTIONS[0], competencies: [{ id: 'communication', description: 'Explains clearly.' }], promptVideoUrl: 'https://cdn.example/q1.mp4', captionsUrl: 'https://cdn.example/q1.vtt' },
        QUESTIONS[1],
      ],
    };
    assertValid(doc, schemaRef('InterviewInput'), interviewBody, 'the interview request');
    const interview = await call('post', '/v1/interviews', interviewBody);
    conform(doc, 'post', '/v1/interviews', interview);
    conform(doc, 'get', '/v1/interviews/{id}', await call('get', `/v1/interviews/${interview.json.id}`));

    const sessionBody = { interviewId: interview.json.id, candidate: { externalId: 'c-1', name: 'Ada', email: 'ada@example.com' }, accommodations: { timeMultiplier: 1.5, extraRetakes: 1 } };
    assertValid(doc, schemaRef('SessionInput'), sessionBody, 'the session request');
    const a = await call('post', '/v1/sessions', sessionBody);
    conform(doc, 'post', '/v1/sessions', a);
    const b = await call('post', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: 'c-2' }, accommodations: { noTimeLimit: true, audioOnly: true } });
    conform(doc, 'post', '/v1/sessions', b);

    conform(doc, 'get', '/v1/session', await call('get', '/v1/session', undefined, a.json.token)); // before consent: consent null
    const consentBody = { noticeVersion: '2026-11', choices: { recording: true, aiEvaluation: true, productImprovement: false }, ageConfirmed: true };
    assertValid(doc, schemaRef('ConsentInput'), consentBody, 'the consent request');
    const consent = await call('post', '/v1/session/consent', consentBody, a.json.token);
    conform(doc, 'post', '/v1/session/consent', consent);
    assert.equal(consent.json.status, 'consented');

    const upload = await fetch(`${server.endpoint}/v1/uploads`, { method: 'OPTIONS', headers: { authorization: `Bearer ${a.json.token}` } });
    conform(doc, 'options', '/v1/uploads', { status: upload.status, json: null, headers: upload.headers });
    const early = await call('post', '/v1/session/complete', {}, a.json.token);
    conform(doc, 'post', '/v1/session/complete', early);
    assert.equal(early.json.error.code, 'ANSWERS_MISSING');

    const commit = await commitTake(a.json.token, 'q1');
    conform(doc, 'post', '/v1/session/answers/{questionId}', commit);
    conform(doc, 'get', '/v1/session', await call('get', '/v1/session', undefined, a.json.token));
    conform(doc, 'post', '/v1/session/answers/{questionId}', await commitTake(a.json.token, 'q2'));
    const done = await call('post', '/v1/session/complete', undefined, a.json.token);
    conform(doc, 'post', '/v1/session/complete', done);
    assert.equal(done.status, 200);

    const session = await call('get', `/v1/sessions/${a.json.sessionId}`);
    conform(doc, 'get', '/v1/sessions/{id}', session);
    assert.equal(session.json.answers.length, 2);
    assert.equal(session.json.consents.length, 1);

    const page1 = await call('get', `/v1/sessions?interviewId=${interview.json.id}&limit=1`);
    conform(doc, 'get', '/v1/sessions', page1);
    assert.equal(typeof page1.json.nextCursor, 'string');
    const page2 = await call('get', `/v1/sessions?interviewId=${interview.json.id}&limit=1&cursor=${page1.json.nextCursor}`);
    conform(doc, 'get', '/v1/sessions', page2);
    conform(doc, 'post', '/v1/sessions/{id}/token', await call('post', `/v1/sessions/${b.json.sessionId}/token`));

    const mediaUrl = `${server.endpoint}/v1/sessions/${a.json.sessionId}/media/${commit.json.answer.id}`;
    for (const range of [undefined, 'bytes=0-3', 'bytes=999999-']) {
      const res = await fetch(mediaUrl, { headers: { authorization: `Bearer ${API_KEY}`, ...(range ? { range } : {}) } });
      await res.arrayBuffer();
      conform(doc, 'get', '/v1/sessions/{id}/media/{answerId}', { status: res.status, json: null, headers: res.headers });
      const documented = Object.keys(doc.paths['/v1/sessions/{id}/media/{answerId}'].get.responses[String(res.status)].content ?? {});
      if (res.status !== 416) assert.ok(documented.includes(res.headers.get('content-type')!), `media type ${res.headers.get('content-type')}`);
    }

    // The candidate without a time limit sees answerSeconds null; then withdraws.
    const consentB = await call('post', '/v1/session/consent', { ...consentBody, choices: { recording: true, aiEvaluation: false } }, b.json.token);
    conform(doc, 'post', '/v1/session/consent', consentB);
    const viewB = await call('get', '/v1/session', undefined, b.json.token);
    conform(doc, 'get', '/v1/session', viewB);
    assert.equal(viewB.json.questions[0].answerSeconds, null);
    conform(doc, 'post', '/v1/session/consent/withdraw', await call('post', '/v1/session/consent/withdraw', undefined, b.json.token));
    const withdrawn = await call('get', '/v1/session', undefined, b.json.token);
    conform(doc, 'get', '/v1/session', withdrawn);
    assert.equal(withdrawn.json.error.code, 'SESSION_WITHDRAWN');
  });

  it('error bodies: validation issues, auth, not found, state conflicts and tus errors', async () => {
    const invalid = await call('post', '/v1/interviews', { title: '', questions: [{ id: 'q 1', prompt: 'x', thinkSecond: 3 }] });
    conform(doc, 'post', '/v1/interviews', invalid);
    assert.ok(invalid.json.error.issues.length >= 2);
    conform(doc, 'post', '/v1/interviews', await call('post', '/v1/interviews', { title: 'T', questions: QUESTIONS }, null));
    conform(doc, 'post', '/v1/interviews', await call('post', '/v1/interviews', { title: 'T', questions: QUESTIONS }, 'not-a-key'));
    conform(doc, 'get', '/v1/interviews/{id}', await call('get', `/v1/interviews/int_${'0'.repeat(32)}`));
    conform(doc, 'get', '/v1/sessions/{id}', await call('get', `/v1/sessions/ses_${'0'.repeat(32)}`));
    conform(doc, 'post', '/v1/sessions', await call('post', '/v1/sessions', { interviewId: `int_${'0'.repeat(32)}`, candidate: { externalId: 'c' } }));
    conform(doc, 'get', '/v1/sessions', await call('get', '/v1/sessions?interviewId=x&limit=0'));
    conform(doc, 'get', '/v1/session', await call('get', '/v1/session', undefined, null));
    conform(doc, 'get', '/v1/session', await call('get', '/v1/session', undefined, 'not.a.jwt'));

    const s = await consentedSession(server);
    conform(doc, 'get', '/v1/sessions/{id}/media/{answerId}', await call('get', `/v1/sessions/${s.sessionId}/media/ans_${'0'.repeat(32)}`));
    conform(doc, 'get', '/v1/sessions/{id}/media/{answerId}', await call('get', `/v1/sessions/${s.sessionId}/media/ans_${'0'.repeat(32)}?track=screen`));
    conform(doc, 'post', '/v1/session/answers/{questionId}', await call('post', '/v1/session/answers/nope', { attempt: 1 }, s.token));
    conform(doc, 'post', '/v1/session/answers/{questionId}', await call('post', '/v1/session/answers/q1', { attempt: 1 }, s.token));
    conform(doc, 'post', '/v1/session/answers/{questionId}', await call('post', '/v1/session/answers/q2', { attempt: 2 }, s.token));
    conform(doc, 'post', '/v1/session/consent', await call('post', '/v1/session/consent', { noticeVersion: 'v9', choices: { recording: true, aiEvaluation: true }, ageConfirmed: true }, s.token));

    // tus errors come back as the same JSON error shape.
    const upload = await createUpload(server.endpoint, s.token, { questionId: 'q1', attempt: '1', track: 'video', mimeType: 'video/webm' });
    await patchUpload(upload.url!, s.token, 0, fakeWebm(1000));
    const conflict = await fetch(upload.url!, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${s.token}`, 'tus-resumable': '1.0.0', 'upload-offset': '10', 'content-type': 'application/offset+octet-stream' },
      body: Buffer.from('x'),
    });
    const conflictJson = (await conflict.json()) as { error: { code: string } };
    assert.equal(conflictJson.error.code, 'UPLOAD_OFFSET_CONFLICT');
    const op = doc.paths['/v1/uploads/{uploadId}'].patch;
    assertValid(doc, op.responses['409'].content['application/json'].schema, conflictJson, 'tus 409', { closedObjects: true });
    const refused = await createUpload(server.endpoint, s.token, { questionId: 'nope', attempt: '1', track: 'video', mimeType: 'video/webm' });
    assert.equal(refused.status, 404);
    assertValid(doc, schemaRef('Error'), JSON.parse(refused.body), 'tus 404', { closedObjects: true });
    assert.ok(doc.paths['/v1/uploads'].post.responses['404'].content['application/json'].examples.QUESTION_NOT_FOUND);
  });
});
