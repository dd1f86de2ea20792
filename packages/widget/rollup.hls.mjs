// The lazily loaded hls.js chunk `dist/assets/candid-hls.js` (ESM, default export = Hls). Loaded by
// `src/media/load-hls.ts` only when a question or intro video is HLS and the browser has no native
// HLS. Imported by the root rollup.config.mjs.
import { fileURLToPath } from 'node:url';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

/** @param {(warning: import('rollup').RollupLog, warn: (w: import('rollup').RollupLog) => void) => void} onwarn */
export default function hlsBuild(onwarn) {
  return [
    {
      input: here('./src/media/hls-chunk.ts'),
      plugins: [
        resolve({ browser: true, exportConditions: ['browser', 'production', 'import', 'default'] }),
        esbuild({ target: 'es2022' }),
        terser({ ecma: 2020, format: { comments: /^!|@license/ } }),
      ],
      output: { file: here('./dist/assets/candid-hls.js'), format: 'es', sourcemap: true },
      onwarn,
    },
  ];
}
