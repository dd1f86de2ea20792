// A bounded, seeded fuzz run against a real server: mutated tus headers, JSON bodies for every JSON
// route of the OpenAPI document, and mangled tokens. No answer may be a 5xx, and every 4xx must be
// the API's JSON error (`{ error: { code } }`). CANDID_FUZZ_SECONDS (default 30) bounds it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { SignJWT, base64url } from 'jose';
import { openApiDocument } from '../packages/server-sdk/src/http/openapi.js';
import { startTestServer, type TestServer } from '../packages/server-sdk/test/helpers/server.js';
import { API_KEY, commitAnswer, consentedSession, createInterview, fakeWebm, prng, resilientUpload, seedFor } from './helpers.js';

const SECONDS = Number(process.env.CANDID_FUZZ_SECONDS ?? 30);
const EBML = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
/** encodeURIComponent throws on lone surrogates; a URL carries their replacement character. */
const enc = (text: string) => encodeURIComponent(text.toWellFormed());

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

function send(origin: URL, request: Sent): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: origin.hostname, port: origin.port, method: request.method, path: request.path, headers: request.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, text: '' }));
      },
    );
    req.on('error', (error) => resolve({ status: -1, text: String(error) }));
    req.end(request.body);
  });
}

/** Everything the generators draw from. */
class Gen {
  constructor(readonly random: () => number) {}
  int(max: number) {
    return Math.floor(this.random() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number) {
    return this.random() < p;
  }
  /** Printable ASCII (what an HTTP header may carry). */
  ascii(max = 40) {
    return Array.from({ length: this.int(max) }, () => String.fromCharCode(32 + this.int(95))).join('');
  }
  unicode(max = 20) {
    const pool = ['a', 'é', '漢', '😀', '\u0000', '\u202e', '"', '\\', '<', "'", '%', '\n', '\ud800'];
    return Array.from({ length: this.int(max) }, () => this.pick(pool)).join('');
  }
  number(): number {
    return this.pick([0, -1, 1, 2, 59, 60, 1.5, -0.0, 1e21, Number.MAX_SAFE_INTEGER, 2 ** 31, -(2 ** 53), 1e-7, 999999999999]);
  }
  integerText() {
    return this.pick(['0', '1', '-1', '00', '1e3', ' 1', '1 ', '+1', '0x10', '99999999999999999999', '9007199254740993', '18446744073709551616', 'NaN', 'Infinity', '', '\u00b9', '1.0', this.ascii(8)]);
  }
  /** Any JSON value, nested up to `depth`. */
  json(depth = 3): unknown {
    const kind = this.int(depth > 0 ? 8 : 5);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return this.chance(0.5);
      case 2:
        return this.number();
      case 3:
        return this.chance(0.2) ? 'x'.repeat(this.pick([1000, 70_000])) : this.unicode();
      case 4:
        return this.ascii();
      case 5:
      case 6:
        return Array.from({ length: this.int(4) }, () => this.json(depth - 1));
      default:
        return Object.fromEntries(Array.from({ length: this.int(4) }, () => [this.pick(['__proto__', 'constructor', 'id', this.ascii(8)]), this.json(depth - 1)]));
    }
  }
}

/** A value that satisfies `schema` more or less: the fuzzer then mutates it. */
function fromSchema(doc: any, schema: any, gen: Gen, depth = 0): unknown {
  if (!schema || depth > 6) return gen.json(1);
  if (schema.$ref) return fromSchema(doc, doc.components.schemas[schema.$ref.split('/').pop()], gen, depth + 1);
  for (const key of ['oneOf', 'anyOf'] as const) if (schema[key]) return fromSchema(doc, gen.pick(schema[key]), gen, depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: any) => fromSchema(doc, s, gen, depth + 1)));
  if (schema.enum) return gen.pick(schema.enum);
  if (schema.const !== undefined) return schema.const;
  const type = Array.isArray(schema.type) ? gen.pick(schema.type) : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(key) || gen.chance(0.6)) out[key] = fromSchema(doc, sub, gen, depth + 1);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: gen.int(3) + (schema.minItems ?? 0) }, () => fromSchema(doc, schema.items, gen, depth + 1));
    case 'integer':
      return gen.chance(0.8) ? (schema.minimum ?? 0) + gen.int(10) : gen.number();
    case 'number':
      return gen.chance(0.8) ? gen.int(100) / 10 : gen.number();
    case 'boolean':
      return gen.chance(0.5);
    case 'string':
      return schema.format === 'date-time' ? gen.pick([new Date(Date.now() + 86_400_000).toISOString(), '2020-02-30T00:00:00Z', 'yesterday']) : gen.chance(0.8) ? `s${gen.int(1000)}` : gen.unicode();
    case 'null':
      return null;
    default:
      return gen.json(1);
  }
}

/** One random change somewhere in a JSON value. */
function mutate(value: unknown, gen: Gen): unknown {
  if (value && typeof value === 'object' && gen.chance(0.75)) {
    const copy: any = Array.isArray(value) ? [...value] : { ...value };
    const keys = Object.keys(copy);
    if (keys.length && gen.chance(0.8)) {
      const key = gen.pick(keys);
      if (gen.chance(0.2)) delete copy[key];
      else copy[key] = mutate(copy[key], gen);
    } else copy[gen.ascii(6)] = gen.json(1);
    return copy;
  }
  return gen.json(2);
}

describe('fuzz: tus headers, JSON bodies and tokens', () => {
  let server: TestServer;
  const secret = randomBytes(32).toString('hex');
  before(async () => {
    server = await startTestServer({ apiKeys: [API_KEY], secret, rateLimitPerMinute: 1_000_000, authFailuresPerMinute: 1_000_000 });
  });
  after(() => server.close());

  it(`finds no 5xx and no 4xx without a JSON error code (${SECONDS} s)`, async () => {
    const gen = new Gen(prng(seedFor('fuzz')));
    const origin = new URL(server.endpoint);
    const base = origin.pathname; // /candid
    const doc: any = openApiDocument();
    const interviewId = await createInterview(server.endpoint, 'Fuzz');

    // Real ids for path parameters: a session with a committed answer, and one with an open upload.
    const committed = await consentedSession(server.endpoint, interviewId, 'fuzz-committed');
    await resilientUpload(server.endpoint, committed.token, fakeWebm(70_000), { chunk: 64 * 1024 });
    const answer = await commitAnswer(server.endpoint, committed.token);
    const tokens: string[] = [];
    const uploads: string[] = [];
    const freshSession = async () => {
      const s = await consentedSession(server.endpoint, interviewId, `fuzz-${gen.int(1e9)}`);
      const created = await fetch(`${server.endpoint}/v1/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.token}`, 'tus-resumable': '1.0.0', 'upload-defer-length': '1', 'upload-metadata': `questionId ${Buffer.from('q1').toString('base64')},attempt MQ==,track dmlkZW8=,mimeType dmlkZW8vd2VibQ==` },
      });
      const location = created.headers.get('location');
      if (location) uploads.push(location.split('/').pop()!);
      tokens.push(s.token);
      return s;
    };
    for (let i = 0; i < 3; i++) await freshSession();
    const sessionId = committed.sessionId;

    const signed = (claims: Record<string, unknown>, key: string = secret, alg = 'HS256') =>
      new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(key));
    const now = Math.floor(Date.now() / 1000);
    const goodClaims = { sub: sessionId, aud: 'candid-widget', iss: 'candid', iat: now, exp: now + 3600 };
    const badTokens: string[] = [
      await signed(goodClaims, randomBytes(32).toString('hex')), // re-signed with another key
      await signed({ ...goodClaims, exp: now - 10 }), // expired
      await signed({ ...goodClaims, aud: 'someone-else' }),
      await signed({ ...goodClaims, iss: 'not-candid' }),
      await signed({ ...goodClaims, sub: undefined }),
      await signed({ ...goodClaims, sub: 'ses_00000000000000000000000000000000' }),
      await signed({ ...goodClaims, sub: "'; drop table sessions; --" }),
      await signed({ ...goodClaims, sub: 12345 }),
      await signed({ ...goodClaims, exp: 'tomorrow' }),
      await signed({ ...goodClaims, nbf: now + 3600 }),
      await signed(goodClaims, secret, 'HS512'),
      `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url.encode(JSON.stringify(goodClaims))}.`,
      `${base64url.encode('{not json')}.${base64url.encode(JSON.stringify(goodClaims))}.sig`,
      '',
      'a.b',
      'a.b.c.d',
      'x'.repeat(9000),
      API_KEY,
    ];
    const mangle = (token: string) =>
      gen.pick([
        () => token.slice(0, gen.int(token.length)),
        () => token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'),
        () => token.split('.').reverse().join('.'),
        () => `${token}.${token}`,
        () => token.replace(/[A-Za-z]/, '%'),
      ])();
    const authHeader = (kind: 'session' | 'apiKey'): Record<string, string> => {
      const roll = gen.random();
      if (roll < 0.55) return { authorization: `Bearer ${kind === 'session' ? gen.pick(tokens) : API_KEY}` };
      if (roll < 0.65) return {};
      if (roll < 0.8) return { authorization: `Bearer ${gen.pick(badTokens)}` };
      if (roll < 0.9) return { authorization: `Bearer ${mangle(gen.pick(tokens))}` };
      return { authorization: gen.pick(['Bearer', 'Bearer  ', 'Basic dXNlcjpwYXNz', `bearer ${gen.pick(tokens)}`, gen.ascii(30), `Bearer ${kind === 'session' ? API_KEY : gen.pick(tokens)}`]) };
    };
    const idFor = (name: string) => {
      const real: Record<string, string[]> = { questionId: ['q1', 'q2'], id: [sessionId, interviewId], answerId: [answer.id], uploadId: uploads };
      if (gen.chance(0.7) && real[name]?.length) return gen.pick(real[name]!);
      return gen.pick(['', 'ses_', 'upl_zz', '..', '%E0%A4%A', '%00', 'x'.repeat(300), enc(gen.unicode(6)), 'msg_123', 'ans_00000000000000000000000000000000']);
    };

    const tusRequest = (): Sent => {
      const item = gen.chance(0.75);
      const method = gen.chance(0.9) ? (item ? gen.pick(['PATCH', 'PATCH', 'HEAD', 'DELETE', 'OPTIONS']) : gen.pick(['POST', 'POST', 'OPTIONS'])) : gen.pick(['GET', 'PUT', 'POST', 'PATCH']);
      const path = item ? `${base}/v1/uploads/${idFor('uploadId')}` : `${base}/v1/uploads${gen.pick(['', '/', '?x=1'])}`;
      const headers: Record<string, string> = { ...authHeader('session') };
      const maybe = (name: string, value: () => string, p = 0.6) => {
        if (gen.chance(p)) headers[name] = value();
      };
      maybe('tus-resumable', () => (gen.chance(0.85) ? '1.0.0' : gen.pick(['0.2.2', '1.0', '', gen.ascii(10)])), 0.9);
      maybe('upload-offset', () => (gen.chance(0.5) ? String(gen.int(200_000)) : gen.integerText()));
      maybe('upload-length', () => (gen.chance(0.5) ? String(gen.int(200_000)) : gen.integerText()), 0.35);
      maybe('upload-defer-length', () => gen.pick(['1', '0', '2', '', 'true', gen.ascii(4)]), 0.35);
      maybe('upload-metadata', () =>
        gen.pick([
          () => `questionId ${Buffer.from(gen.pick(['q1', 'q2', 'nope', ''])).toString('base64')},attempt ${Buffer.from(gen.integerText()).toString('base64')},track ${Buffer.from(gen.pick(['video', 'audio', 'screen'])).toString('base64')},mimeType ${Buffer.from(gen.pick(['video/webm', 'audio/ogg', 'video/mp4', 'text/html', ''])).toString('base64')}`,
          () => gen.ascii(60),
          () => `questionId ${gen.ascii(10)}`,
          () => 'a b,a c,a d',
          () => `k ${'QQ=='.repeat(gen.pick([1, 50, 500]))}`,
          () => (gen.chance(0.05) ? `k ${'QQ=='.repeat(5000)}` : 'k'), // over Node's 16 KiB header limit: 431 from Node itself
          () => `questionId ${Buffer.from(gen.unicode(10)).toString('base64')}`,
        ])(),
      );
      maybe('x-forwarded-proto', () => gen.pick(['http', 'https', 'ftp', '']), 0.05);
      maybe('tus-version', () => gen.pick(['1.0.0', '0.2.2']), 0.03);
      maybe('content-type', () => gen.pick(['application/offset+octet-stream', 'application/json', 'text/plain', '', gen.ascii(20)]), 0.6);
      maybe('upload-concat', () => gen.pick(['partial', 'final;/a /b']), 0.05);
      let body: Buffer | undefined;
      if (method === 'PATCH' || (method === 'POST' && gen.chance(0.3))) {
        const size = gen.pick([0, 1, 7, 8, 100, 4096, 70_000]);
        body = Buffer.alloc(size, gen.int(256));
        if (gen.chance(0.6)) EBML.copy(body, 0, 0, Math.min(4, size));
      }
      return { method, path, headers, body };
    };

    const jsonRoutes: Array<{ method: string; template: string; schema: any; security: string }> = [];
    const otherRoutes: Array<{ method: string; template: string; security: string }> = [];
    for (const [template, ops] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        if (!op || typeof op !== 'object' || !['get', 'post', 'put', 'patch', 'delete'].includes(method) || template.startsWith('/v1/uploads')) continue;
        const security = Object.keys(op.security?.[0] ?? {})[0] ?? 'none';
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (schema) jsonRoutes.push({ method: method.toUpperCase(), template, schema, security });
        else otherRoutes.push({ method: method.toUpperCase(), template, security });
      }
    }
    assert.ok(jsonRoutes.length >= 5, `too few JSON routes found in the OpenAPI document (${jsonRoutes.length})`);
    const fillPath = (template: string) => base + template.replace(/\{(\w+)\}/g, (_m, name) => idFor(name));

    const jsonRequest = (): Sent => {
      const route = gen.pick(jsonRoutes);
      const valid = fromSchema(doc, route.schema, gen);
      const roll = gen.random();
      const value = roll < 0.3 ? valid : roll < 0.8 ? mutate(mutate(valid, gen), gen) : gen.json(4);
      let text = JSON.stringify(value) ?? 'null';
      if (gen.chance(0.05)) text = text.slice(0, gen.int(text.length)); // truncated JSON
      if (gen.chance(0.02)) text = `[${'['.repeat(5000)}`; // deep nesting
      if (gen.chance(0.02)) text = JSON.stringify({ pad: 'x'.repeat(2_000_000) }); // over the body limit
      const headers: Record<string, string> = { ...authHeader(route.security === 'apiKey' ? 'apiKey' : 'session'), 'content-type': gen.chance(0.9) ? 'application/json' : gen.pick(['text/plain', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', gen.ascii(15)]) };
      if (gen.chance(0.05)) headers['content-encoding'] = gen.pick(['gzip', 'br', 'identity', 'bogus']);
      return { method: route.method, path: fillPath(route.template), headers, body: Buffer.from(text) };
    };

    const otherRequest = (): Sent => {
      const route = gen.pick(otherRoutes);
      const query = gen.chance(0.6)
        ? `?${Array.from({ length: gen.int(4) + 1 }, () => `${gen.pick(['interviewId', 'status', 'limit', 'cursor', 'track', 'rendition', 'x', 'interviewId[]', 'limit'])}=${enc(gen.chance(0.5) ? gen.pick([interviewId, 'invited', '5', '0', '-1', 'video', 'audio', 'mp4', 'webm']) : gen.unicode(8))}`).join('&')}`
        : '';
      const headers: Record<string, string> = { ...authHeader(route.security === 'apiKey' ? 'apiKey' : 'session') };
      if (gen.chance(0.2)) headers.range = gen.pick(['bytes=0-3', 'bytes=-5', 'bytes=5-', 'bytes=9999999-', 'bytes=3-1', 'bytes=0-1,4-5', 'items=0-1', gen.ascii(12)]);
      return { method: route.method, path: fillPath(route.template) + query, headers, body: route.method === 'POST' && gen.chance(0.5) ? Buffer.from(gen.ascii(50)) : undefined };
    };

    const tally = { requests: 0, tus: 0, json: 0, other: 0, byStatus: {} as Record<string, number> };
    const problems: string[] = [];
    const deadline = Date.now() + SECONDS * 1000;
    const worker = async () => {
      while (Date.now() < deadline) {
        // Sessions get closed (withdrawn, completed) by the fuzz itself: keep live ones around.
        if (tally.requests % 150 === 149) await freshSession();
        const roll = gen.random();
        const kind = roll < 0.45 ? 'tus' : roll < 0.85 ? 'json' : 'other';
        const request = kind === 'tus' ? tusRequest() : kind === 'json' ? jsonRequest() : otherRequest();
        tally.requests++;
        tally[kind]++;
        const reply = await send(origin, request);
        tally.byStatus[reply.status] = (tally.byStatus[reply.status] ?? 0) + 1;
        const summary = () => `${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers).slice(0, 600)} body=${request.body?.subarray(0, 200).toString('utf8') ?? ''} → ${reply.status} ${reply.text.slice(0, 300)}`;
        if (reply.status >= 500 || reply.status < 0) {
          problems.push(`5xx/no answer: ${summary()}`);
          continue;
        }
        // HEAD has no body; a 416 Range refusal carries only Content-Range; 431 (headers over 16 KiB)
        // comes from Node's HTTP parser before any handler runs, so no router can shape it.
        if (reply.status >= 400 && request.method !== 'HEAD' && reply.status !== 416 && reply.status !== 431) {
          let code: unknown;
          try {
            code = JSON.parse(reply.text)?.error?.code;
          } catch {}
          if (typeof code !== 'string') problems.push(`4xx without a JSON error code: ${summary()}`);
        }
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    console.log(`[faults] fuzz: ${tally.requests} requests (${tally.tus} tus, ${tally.json} JSON, ${tally.other} other) in ${SECONDS} s; statuses ${JSON.stringify(tally.byStatus)}; ${problems.length} problems`);
    for (const problem of problems.slice(0, 10)) console.log(`[faults] fuzz problem: ${problem}`);
    assert.ok(tally.requests > 200, `too few requests to mean anything (${tally.requests})`);
    assert.deepEqual(problems, []);
  });
});
