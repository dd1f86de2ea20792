// The lazily loaded VAD: `dist/assets/candid-vad.js` (ESM chunk: vad-web MicVAD + onnxruntime-web's
// wasm build) and the files it fetches at runtime, copied from node_modules into `dist/assets/`, so
// hosts serve everything themselves (no CDN). Imported by the root rollup.config.mjs.
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const require = createRequire(import.meta.url);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const assetsDir = here('./dist/assets/');
const vadDist = dirname(require.resolve('@ricky0123/vad-web/dist/real-time-vad.js'));
const ortDist = dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));

/** Runtime files: the audio worklet, the Silero v5 model, ort's wasm and the glue module that loads it. */
export const VAD_ASSETS = [
  [vadDist, 'vad.worklet.bundle.min.js'],
  [vadDist, 'silero_vad_v5.onnx'],
  [ortDist, 'ort-wasm-simd-threaded.wasm'],
  [ortDist, 'ort-wasm-simd-threaded.mjs'],
];

/**
 * vad-web logs every speech start/end with console.log ("VAD | debug > …") and announces its audio
 * context: keep the candidate's console quiet, keep warnings and errors.
 */
function quietVadLogs() {
  const logging = join(vadDist, 'logging.js');
  return {
    name: 'candid-quiet-vad-logs',
    load(id) {
      if (id !== logging) return null;
      return `const warn = (level) => (message) => console.warn('VAD | ' + level + ' >', message);
exports.log = { error: warn('error'), warn: warn('warn'), debug: () => {} };`;
    },
    transform(code, id) {
      if (id !== join(vadDist, 'real-time-vad.js')) return null;
      return { code: code.replace(/console\.log\("using (custom|default) audio context"\);/g, ''), map: null };
    },
  };
}

function copyVadAssets() {
  return {
    name: 'candid-copy-vad-assets',
    async writeBundle() {
      await mkdir(assetsDir, { recursive: true });
      await Promise.all(VAD_ASSETS.map(([dir, name]) => copyFile(join(dir, name), join(assetsDir, name))));
    },
  };
}

/** @param {(warning: import('rollup').RollupLog, warn: (w: import('rollup').RollupLog) => void) => void} onwarn */
export default function vadBuild(onwarn) {
  return [
    {
      input: here('./src/vad/engine.ts'),
      plugins: [
        quietVadLogs(),
        resolve({ browser: true }),
        commonjs(),
        esbuild({ target: 'es2022', sourceMap: true }),
        terser({ ecma: 2020, format: { comments: /^!|@license/ } }),
        copyVadAssets(),
      ],
      output: { file: `${assetsDir}candid-vad.js`, format: 'es', sourcemap: true, inlineDynamicImports: true },
      onwarn(warning, warn) {
        // ort's minified build uses `eval`-free `this` at top level; harmless in an ES module.
        if (warning.code === 'THIS_IS_UNDEFINED') return;
        onwarn(warning, warn);
      },
    },
  ];
}
