// Custom Elements Manifest of <candid-interview> (dist/custom-elements.json), read by editors,
// Storybook and the @candid/react generator. Run from this folder: `cem analyze` (see the root
// `build:manifest` script). The element's JSDoc (@attr, @fires, @slot, @csspart, @cssproperty) is
// the source; Lit's `static properties` give the properties, their types and attribute names.

/** Shipped path of a source module: the manifest must point at files that are in the package. */
const shippedPath = (path) => path.replace(/^src\//, 'dist/esm/').replace(/\.ts$/, '.js');

/**
 * The element is registered by `defineElement(TAG_NAME, CandidInterview)` in src/index.ts, a call
 * the analyzer cannot follow. Declare the definition (tag → class) that tools look for, point every
 * module at its built file, and drop `#private` members (internals, not API).
 */
function candidDefinition() {
  return {
    name: 'candid-definition',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        const element = mod.declarations?.find((d) => d.customElement && d.tagName);
        mod.path = shippedPath(mod.path);
        for (const declaration of mod.declarations ?? []) {
          if (declaration.members) declaration.members = declaration.members.filter((m) => m.privacy !== 'private');
        }
        for (const exp of mod.exports ?? []) {
          if (exp.declaration?.module) exp.declaration.module = shippedPath(exp.declaration.module);
        }
        if (element) {
          mod.exports = [
            ...(mod.exports ?? []),
            { kind: 'custom-element-definition', name: element.tagName, declaration: { name: element.name, module: mod.path } },
          ];
        }
      }
    },
  };
}

export default {
  // Only the element's module: the rest of src is internals, not the element's API.
  globs: ['src/candid-interview.ts'],
  outdir: 'dist',
  litelement: true,
  // package.json's "customElements" is written by hand (the CLI would rewrite the file).
  packagejson: false,
  plugins: [candidDefinition()],
};
