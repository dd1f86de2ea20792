// The documentation cannot drift from the code: docs/http-api.md is what the OpenAPI document
// renders to now, every error code (server and widget) has a page with real guidance and a row in
// the index, no page outlives its code, and every relative link in docs/ and README.md resolves.
// Fix failures with `npm run docs` (then write the guidance of any new code's page).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as gen from '../../../scripts/gen-docs.mjs';
import { ErrorCodes } from '../src/errors.js';
import { openApiDocument } from '../src/http/openapi.js';

const ROOT: string = gen.ROOT;
const read = (file: string) => readFileSync(file, 'utf8');

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(full));
    else if (entry.name.endsWith('.md')) out.push(full);
  }
  return out.sort();
}

/** Links of a Markdown text outside fenced code and inline code: `[text](target)` and `[id]: target`. */
function linksOf(markdown: string): Array<{ target: string; line: number }> {
  const links: Array<{ target: string; line: number }> = [];
  let fence: string | null = null;
  markdown.split('\n').forEach((raw, i) => {
    const f = /^\s*(```+|~~~+)/.exec(raw);
    if (f) {
      if (fence === null) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = null;
      return;
    }
    if (fence !== null) return;
    const line = raw.replace(/`[^`]*`/g, '');
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ target: m[1]!, line: i + 1 });
    const ref = /^\s*\[[^\]]+\]:\s*(\S+)/.exec(line);
    if (ref) links.push({ target: ref[1]!, line: i + 1 });
  });
  return links;
}

/** Broken relative links (files, and `#anchors` into Markdown files) of one file. */
function brokenLinks(file: string): string[] {
  const broken: string[] = [];
  const text = read(file);
  for (const { target, line } of linksOf(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, …
    const [rawPath, anchor] = target.split('#') as [string, string | undefined];
    const where = `${path.relative(ROOT, file)}:${line} → ${target}`;
    const resolved = rawPath === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(rawPath));
    if (!existsSync(resolved)) {
      broken.push(`${where}: no such file`);
      continue;
    }
    if (anchor && resolved.endsWith('.md') && statSync(resolved).isFile()) {
      if (!gen.anchorsOf(read(resolved)).has(anchor)) broken.push(`${where}: no heading with anchor #${anchor}`);
    }
  }
  return broken;
}

describe('documentation', () => {
  it('docs/http-api.md is what the OpenAPI document renders to (npm run docs)', () => {
    const expected: string = gen.renderHttpApi(openApiDocument());
    const actual = read(path.join(ROOT, 'docs/http-api.md'));
    assert.ok(actual === expected, 'docs/http-api.md is out of date with src/http/openapi.ts: run `npm run docs`');
    // Deterministic: a second rendering is byte-identical.
    assert.equal(gen.renderHttpApi(openApiDocument()), expected);
  });

  it('docs/http-api.md documents every operation and every error code', () => {
    const text = read(path.join(ROOT, 'docs/http-api.md'));
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    for (const [route, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) assert.ok(text.includes(`### \`${method.toUpperCase()} ${route}\``), `${method} ${route} has no section`);
    }
    for (const code of Object.keys(ErrorCodes)) assert.ok(text.includes(`errors/${code}.md`), `${code} is not linked from http-api.md`);
  });

  it('every server and widget error code has a page with guidance and a row in the index; no page outlives its code', () => {
    const problems: string[] = gen.errorDocProblems();
    assert.deepEqual(problems, []);
    const index = read(path.join(ROOT, 'docs/errors/README.md'));
    for (const entry of gen.errorCatalog() as Array<{ code: string }>) {
      assert.ok(index.includes(`[\`${entry.code}\`](${entry.code}.md)`), `${entry.code} is missing from docs/errors/README.md`);
      const page = read(path.join(ROOT, 'docs/errors', `${entry.code}.md`));
      for (const heading of ['## When it happens', '## What to do', '## Example']) assert.ok(page.includes(heading), `${entry.code}.md lacks "${heading}"`);
      assert.ok(gen.leadOf(page).length > 20, `${entry.code}.md lacks a one-line meaning under its title`);
    }
  });

  it('the page check fails for a code added without a page, and for a page whose code was removed', () => {
    const serverCodes = { ...ErrorCodes, DOCS_TEST_NEW_CODE: { status: 418, message: 'A code nobody documented.' } };
    const added: string[] = gen.errorDocProblems({ catalog: gen.errorCatalog({ serverCodes }) });
    assert.ok(added.some((p) => p.includes('docs/errors/DOCS_TEST_NEW_CODE.md is missing')), added.join('\n'));
    const widgetCodes = { DOCS_TEST_WIDGET_CODE: 'DOCS_TEST_WIDGET_CODE' };
    const addedWidget: string[] = gen.errorDocProblems({ catalog: gen.errorCatalog({ widgetCodes: { ...widgetCodes } }) });
    assert.ok(addedWidget.some((p) => p.includes('DOCS_TEST_WIDGET_CODE.md is missing')), addedWidget.join('\n'));
    // Without RATE_LIMITED in the tables, its page is an orphan.
    const { RATE_LIMITED: _removed, ...fewer } = ErrorCodes;
    const removed: string[] = gen.errorDocProblems({ catalog: gen.errorCatalog({ serverCodes: fewer }) });
    assert.ok(removed.some((p) => p.includes('RATE_LIMITED.md documents a code that no longer exists')), removed.join('\n'));
  });

  it('every environment variable the server reads is in the configuration reference', () => {
    // Names read as `env.NAME` or `num('NAME')` by optionsFromEnv and s3OptionsFromEnv.
    const sources = ['src/config.ts', 'src/storage/s3-config.ts'].map((file) => read(path.join(ROOT, 'packages/server-sdk', file))).join('\n');
    const names = new Set([...sources.matchAll(/\benv\.([A-Z][A-Z0-9_]+)|\bnum\('([A-Z][A-Z0-9_]+)'\)/g)].map((m) => (m[1] ?? m[2])!));
    assert.ok(names.has('CANDID_EMPLOYER_NAME') && names.has('CANDID_S3_BUCKET') && names.has('CANDID_JOB_POLL_SECONDS'), [...names].join(', '));
    const reference = read(path.join(ROOT, 'docs/configuration.md'));
    const table = reference.slice(reference.indexOf('## Environment variables'), reference.indexOf('## Command line'));
    const listed = new Set([...table.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!));
    assert.deepEqual([...names].filter((name) => !listed.has(name)).sort(), []);
  });

  it('every relative link in docs/**/*.md and README.md resolves (files and heading anchors)', () => {
    const files = [path.join(ROOT, 'README.md'), ...markdownFiles(path.join(ROOT, 'docs'))];
    assert.ok(files.length > 60);
    const broken = files.flatMap(brokenLinks);
    assert.deepEqual(broken, []);
  });

  it('the link check itself finds broken files and anchors', () => {
    const links = linksOf('[a](x.md) `[b](y.md)` [c](https://e.example) [d](#top)\n```\n[e](z.md)\n```\n[f]: ../g.md');
    assert.deepEqual(
      links.map((l) => l.target),
      ['x.md', 'https://e.example', '#top', '../g.md'],
    );
    assert.ok(gen.anchorsOf('# Getting started\n## 3. Issue a token\n## Getting started').has('getting-started-1'));
    assert.ok(gen.anchorsOf('### `POST /v1/sessions/{id}/token`').has('post-v1sessionsidtoken'));
  });
});
