// The lazily loaded parts of the script-tag bundle, ES modules imported on demand from `assets-base`:
// - `dist/assets/screens/<name>.js`: screens not every candidate sees, or sees later (prefetched
//   while the screen before them is shown). They take Lit from the core (`lit` resolves to the kit
//   the core leaves on globalThis, see src/lazy/lit-kit.ts), so no chunk carries a second copy.
// - `dist/assets/candid-capture.js`: the capture engine (take, upload, journal, VAD glue), fetched
//   in parallel with the session.
// Imported by the root rollup.config.mjs.
import { fileURLToPath } from 'node:url';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplates } from './rollup.minify-templates.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const src = here('./src/');

/** Screens split off the core (keep in step with `ScreenModules` in src/lazy/screen-modules.ts). */
export const LAZY_SCREENS = ['notice', 'review', 'request', 'withdraw', 'help'];

/** For the script-tag bundle: import screens and the capture engine from the assets folder instead of inlining them. */
export function lazyFromAssets() {
  const swap = (source, importer, name) =>
    source === `../lazy/${name}.js` || (source === `./${name}.js` && importer?.startsWith(`${src}lazy/`)) ? `${src}lazy/${name}.assets.ts` : null;
  return {
    name: 'candid-lazy-from-assets',
    resolveId(source, importer) {
      return swap(source, importer, 'screen-source') ?? swap(source, importer, 'capture-source');
    },
  };
}

const KIT = '\0candid-lit-kit';

/** `import { html } from 'lit'` in a screen chunk → the core's Lit, handed over on globalThis. */
function litFromCore() {
  return {
    name: 'candid-lit-from-core',
    resolveId(source) {
      if (source === 'lit') return KIT;
      if (source.startsWith('lit/') || source.startsWith('lit-html') || source.startsWith('@lit/')) {
        throw new Error(`A lazily loaded screen imports ${source}: only what src/lazy/lit-kit.ts hands over ('lit') is available.`);
      }
      return null;
    },
    load(id) {
      if (id !== KIT) return null;
      return `const kit = globalThis['candid-widget.lit@1'];
if (!kit) throw new Error('candid: a screen chunk was loaded without the widget core');
export const { html, svg, nothing, noChange } = kit;`;
    },
  };
}

/** @param {(warning: import('rollup').RollupLog, warn: (w: import('rollup').RollupLog) => void) => void} onwarn */
export default function lazyBuild(onwarn) {
  return [
    {
      input: Object.fromEntries(LAZY_SCREENS.map((name) => [name, `${src}screens/${name}.ts`])),
      plugins: [litFromCore(), esbuild({ target: 'es2022' }), minifyTemplates({ include: src }), terser({ ecma: 2020, compress: { passes: 2 } })],
      output: { dir: here('./dist/assets/screens/'), format: 'es', entryFileNames: '[name].js', chunkFileNames: 'shared-[hash].js' },
      onwarn,
    },
    {
      input: `${src}capture/capture-engine.ts`,
      plugins: [litFromCore(), esbuild({ target: 'es2022' }), terser({ ecma: 2020, compress: { passes: 2 } })],
      output: { file: here('./dist/assets/candid-capture.js'), format: 'es', sourcemap: true },
      onwarn,
    },
  ];
}
