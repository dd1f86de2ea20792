// The React package's build, appended to the root rollup config's array.
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';

const src = fileURLToPath(new URL('./src/', import.meta.url));
const dist = fileURLToPath(new URL('./dist/', import.meta.url));

/** @type {import('rollup').RollupOptions[]} */
export default [
  {
    input: `${src}index.ts`,
    // react, @lit/react and @candid/widget are the integrator's copies: never bundled.
    external: (id) => !id.startsWith('.') && !id.startsWith('\0') && !isAbsolute(id),
    plugins: [esbuild({ target: 'es2022', sourceMap: true })],
    output: { file: `${dist}index.js`, format: 'es', sourcemap: true },
  },
];
