// The shipped custom-elements.json must describe everything the widget really has: the contract's
// attributes, every event the source dispatches, every part in its templates, every --candid-*
// property its styles read. The lists come from the source, so a new part or event without JSDoc
// fails here. Needs `npm run build:manifest` (part of `npm run build`).
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const widget = fileURLToPath(new URL('../../widget/', import.meta.url));
const read = (path) => readFile(`${widget}${path}`, 'utf8');

/** Attributes and events the public contract (shared/design/architecture.md) promises. */
const CONTRACT_ATTRIBUTES = ['token', 'endpoint', 'locale', 'assets-base'];
const CONTRACT_EVENTS = ['candid-ready', 'candid-consent', 'candid-answer', 'candid-progress', 'candid-complete', 'candid-error'];

/** `candid-*` events dispatched by the source: `emit(this, CandidEvents.x, …)` resolved through constants.ts. */
async function dispatchedEvents() {
  const constants = await read('src/constants.ts');
  const block = /export const CandidEvents = \{([^}]*)\}/.exec(constants)?.[1] ?? '';
  const names = Object.fromEntries([...block.matchAll(/(\w+):\s*'(candid-[a-z-]+)'/g)].map((m) => [m[1], m[2]]));
  assert.ok(Object.keys(names).length > 0, 'CandidEvents not found in constants.ts');
  const used = new Set();
  for (const file of await sourceFiles('src')) {
    if (file.endsWith('/constants.ts')) continue;
    const text = await read(file);
    for (const m of text.matchAll(/emit\(\s*[\w.#]+\s*,\s*CandidEvents\.(\w+)/g)) used.add(names[m[1]]);
    for (const m of text.matchAll(/new CustomEvent\(\s*'(candid-[a-z-]+)'/g)) used.add(m[1]);
  }
  return [...used].sort();
}

/** Part names in the templates: `part="a b"` and string literals inside `part=${…}`. */
async function templateParts() {
  const files = [...(await sourceFiles('src/views')), ...(await sourceFiles('src/screens')), 'src/candid-interview.ts'];
  const parts = new Set();
  for (const file of files) {
    const text = await read(file);
    const values = [
      ...[...text.matchAll(/\bpart="([^"]*)"/g)].map((m) => m[1]),
      ...[...text.matchAll(/\bpart=\$\{([^}]*)\}/g)].flatMap((m) => [...m[1].matchAll(/'([^']*)'/g)].map((s) => s[1])),
    ];
    for (const value of values) {
      // `${name}` tokens are filled in at run time (select names); the literal tokens are checked.
      for (const token of value.replace(/\$\{[^}]*\}/g, ' ').split(/\s+/)) if (token) parts.add(token);
    }
  }
  return [...parts].sort();
}

/** Custom properties the styles read (src/styles/*.ts, combined by src/styles.ts). */
async function styleProperties() {
  const styles = (await Promise.all((await sourceFiles('src/styles')).map(read))).join('\n');
  return [...new Set([...styles.matchAll(/--candid-[a-z][a-z0-9-]*/g)].map((m) => m[0]))].sort();
}

async function sourceFiles(dir) {
  const entries = await readdir(`${widget}${dir}`, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => `${(e.parentPath ?? e.path).slice(widget.length)}/${e.name}`);
}

/** What `expected` has that the manifest's element lacks, by kind. */
function missing(element, expected) {
  const names = (list) => new Set((list ?? []).map((x) => x.name));
  const absent = (want, have) => want.filter((n) => !have.has(n));
  return {
    attributes: absent(expected.attributes, names(element.attributes)),
    events: absent(expected.events, names(element.events)),
    cssParts: absent(expected.cssParts, names(element.cssParts)),
    cssProperties: absent(expected.cssProperties, names(element.cssProperties)),
  };
}

const NOTHING_MISSING = { attributes: [], events: [], cssParts: [], cssProperties: [] };

describe('custom-elements.json of @candid/widget', async () => {
  const manifest = JSON.parse(await read('dist/custom-elements.json'));
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'candid-interview');
  const expected = {
    attributes: CONTRACT_ATTRIBUTES,
    events: await dispatchedEvents(),
    cssParts: await templateParts(),
    cssProperties: await styleProperties(),
  };

  it('declares <candid-interview> and its definition', () => {
    assert.ok(element, 'no declaration with tagName candid-interview');
    assert.equal(element.name, 'CandidInterview');
    const definitions = manifest.modules.flatMap((m) => m.exports ?? []).filter((e) => e.kind === 'custom-element-definition');
    assert.deepEqual(
      definitions.map((d) => [d.name, d.declaration.name, d.declaration.module]),
      [['candid-interview', 'CandidInterview', 'dist/esm/candid-interview.js']],
    );
  });

  it('the source lists are not empty (the greps still match the code)', () => {
    for (const name of CONTRACT_EVENTS) assert.ok(expected.events.includes(name), `${name} is not dispatched by the source`);
    assert.ok(expected.cssParts.length >= 40, `only ${expected.cssParts.length} parts found in templates`);
    assert.ok(expected.cssParts.includes('record') && expected.cssParts.includes('stop'), 'part=${…} literals are read');
    assert.equal(expected.cssProperties.length, 46);
  });

  it('lists every contract attribute, dispatched event, template part and styles custom property', () => {
    assert.deepEqual(missing(element, expected), NOTHING_MISSING);
  });

  it('types every event as CustomEvent<Detail>', () => {
    for (const event of element.events) assert.match(event.type?.text ?? '', /^CustomEvent<\w+>$/, event.name);
  });

  it('records the properties with their types and attribute names', () => {
    const field = (name) => element.members.find((m) => m.kind === 'field' && m.name === name);
    assert.equal(field('messages')?.type?.text, 'CandidMessageOverrides');
    assert.equal(field('assetsBase')?.type?.text, 'string');
    assert.equal(field('assetsBase')?.attribute, 'assets-base');
    for (const name of ['token', 'endpoint', 'locale']) assert.equal(field(name)?.type?.text, 'string', name);
    assert.equal(field('store')?.type?.text, 'ReadonlyStore<InterviewState>');
    assert.ok(!element.members.some((m) => m.name.startsWith('#')), 'private members are not API');
  });

  it('fails when any one item is missing (the check itself)', () => {
    for (const kind of Object.keys(NOTHING_MISSING)) {
      const victim = expected[kind][0];
      const pruned = { ...element, [kind]: element[kind].filter((x) => x.name !== victim) };
      assert.deepEqual(missing(pruned, expected), { ...NOTHING_MISSING, [kind]: [victim] }, kind);
    }
  });
});
