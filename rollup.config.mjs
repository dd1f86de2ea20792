// Root rollup config. Exports an ARRAY of build configs; other packages append their entries.
//   npm run build:bundles   (= rollup -c)
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import react from './packages/react-bindings/rollup.part.mjs';
import demo from './demo/rollup.part.mjs';
import vad from './packages/widget/rollup.vad.mjs';
import hls from './packages/widget/rollup.hls.mjs';
import lang, { catalogsFromAssets } from './packages/widget/rollup.lang.mjs';
import lazy, { lazyFromAssets } from './packages/widget/rollup.lazy.mjs';
import { minifyTemplates } from './packages/widget/rollup.minify-templates.mjs';

const widgetSrc = fileURLToPath(new URL('./packages/widget/src/', import.meta.url));
const widgetDist = fileURLToPath(new URL('./packages/widget/dist/', import.meta.url));

/** Bare imports (`lit`, `zustand/vanilla`, …) stay imports in the npm build. */
const isBareImport = (id) => !id.startsWith('.') && !id.startsWith('\0') && !isAbsolute(id);

/** Fail the build on warnings that usually mean a broken bundle. */
function onwarn(warning, warn) {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(warning.ids?.join() ?? '')) return;
  if (['UNRESOLVED_IMPORT', 'MISSING_EXPORT', 'MISSING_GLOBAL_NAME'].includes(warning.code)) {
    throw new Error(`rollup: ${warning.message}`);
  }
  warn(warning);
}

/** @type {import('rollup').RollupOptions[]} */
const widget = [
  // (a) ESM for bundlers: one file per module, every dependency external (lit, zustand are deps).
  {
    input: `${widgetSrc}index.ts`,
    external: isBareImport,
    plugins: [esbuild({ target: 'es2022', sourceMap: true }), minifyTemplates({ include: widgetSrc })],
    output: {
      dir: `${widgetDist}esm`,
      format: 'es',
      sourcemap: true,
      preserveModules: true,
      preserveModulesRoot: widgetSrc,
      entryFileNames: '[name].js',
    },
    onwarn,
  },
  // (b) Script-tag bundle: the core inlined and minified, defines <candid-interview> on load. Texts
  // and secondary screens are left out: they load from `assets-base` (rollup.lang/screens.mjs).
  {
    input: `${widgetSrc}script-tag.ts`,
    plugins: [
      catalogsFromAssets(),
      lazyFromAssets(),
      resolve({ browser: true, exportConditions: ['browser', 'production', 'import', 'default'] }),
      esbuild({ target: 'es2022', sourceMap: true }),
      minifyTemplates({ include: widgetSrc }),
      terser({
        ecma: 2020,
        compress: { passes: 2 },
        format: { comments: /^!|@license/ },
      }),
    ],
    output: {
      file: `${widgetDist}candid.js`,
      format: 'iife',
      name: 'Candid',
      sourcemap: true,
      inlineDynamicImports: true,
    },
    onwarn,
  },
];

export default [...widget, ...vad(onwarn), ...hls(onwarn), ...lang(onwarn), ...lazy(onwarn), ...react, ...demo];
