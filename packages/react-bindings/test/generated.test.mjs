// src/generated/ is committed: it must be what scripts/generate.mjs makes from the current
// custom-elements.json, and it must give every `candid-*` event of the manifest a typed prop.
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { elementsOf, fileNameOf, generatedDir, readManifest, renderWrapper } from '../scripts/generate.mjs';

describe('generated React wrappers', async () => {
  const manifest = await readManifest();
  const elements = elementsOf(manifest);

  it('are up to date with custom-elements.json (run `npm run build:manifest` and commit)', async () => {
    assert.ok(elements.length > 0);
    for (const element of elements) {
      const committed = await readFile(`${generatedDir}${fileNameOf(element)}`, 'utf8').catch(() => '(missing)');
      assert.equal(committed, renderWrapper(element), `src/generated/${fileNameOf(element)} is stale`);
    }
    // No leftovers of elements that are gone.
    assert.deepEqual((await readdir(generatedDir)).sort(), elements.map(fileNameOf).sort());
  });

  it('map every candid-* event to an onCandidXxx prop typed with its detail', () => {
    const [element] = elements;
    const source = renderWrapper(element);
    const events = element.events.filter((e) => e.name.startsWith('candid-'));
    assert.ok(events.length >= 6);
    for (const event of events) {
      const base = event.name.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());
      const detail = /CustomEvent<(\w+)>/.exec(event.type.text)[1];
      assert.match(source, new RegExp(`on${base}: '${event.name}' as EventName<${base}Event>`));
      assert.match(source, new RegExp(`export type ${base}Event = CustomEvent<${detail}>;`));
      assert.match(source, new RegExp(`type ${detail},`), `${detail} is imported from @candid/widget`);
    }
  });

  it('refuses an event whose detail type is not declared', () => {
    const [element] = elements;
    const untyped = { ...element, events: [...element.events, { name: 'candid-new', description: 'x' }] };
    assert.throws(() => renderWrapper(untyped), /candid-new: type is undefined/);
  });
});
