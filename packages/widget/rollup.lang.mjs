// Message catalogs of the script-tag bundle. `candid.js` carries none: every catalog, English too,
// is an ES module in `dist/assets/lang/<locale>.js`, imported on demand from the `assets-base` URL
// (English in parallel with the session request; each catalog is ~5-6 kB gzip). Imported by the
// root rollup.config.mjs.
import { fileURLToPath } from 'node:url';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const src = here('./src/');

/** Locales with a catalog file (keep in step with `LOCALES` in src/i18n/negotiate.ts). */
export const LAZY_LOCALES = ['en', 'es', 'fr', 'de', 'ar'];

/** For the script-tag bundle: load catalogs from the assets folder instead of inlining them. */
export function catalogsFromAssets() {
  return {
    name: 'candid-catalogs-from-assets',
    resolveId(source, importer) {
      return source === './catalog-source.js' && importer?.startsWith(`${src}i18n/`) ? `${src}i18n/catalog-source.assets.ts` : null;
    },
  };
}

/** @param {(warning: import('rollup').RollupLog, warn: (w: import('rollup').RollupLog) => void) => void} onwarn */
export default function langBuild(onwarn) {
  return LAZY_LOCALES.map((locale) => ({
    input: `${src}lang/${locale}.ts`,
    plugins: [esbuild({ target: 'es2022' }), terser({ ecma: 2020, compress: { passes: 2 } })],
    output: { file: here(`./dist/assets/lang/${locale}.js`), format: 'es' },
    onwarn,
  }));
}
