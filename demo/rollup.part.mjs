// The demo's React page bundle (demo/react/main.jsx → demo/dist/react-page.js), appended to the
// root rollup config's array. React ships CommonJS, so: node-resolve + commonjs, and
// process.env.NODE_ENV replaced with "production" (React picks its production build by it).
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

/** `process.env.NODE_ENV` → `"production"` before commonjs reads the requires it guards. */
function nodeEnvProduction() {
  return {
    name: 'node-env-production',
    transform(code) {
      if (!code.includes('process.env.NODE_ENV')) return null;
      return { code: code.replaceAll('process.env.NODE_ENV', '"production"'), map: null };
    },
  };
}

/** @type {import('rollup').RollupOptions[]} */
export default [
  {
    input: here('./react/main.jsx'),
    plugins: [
      nodeEnvProduction(),
      resolve({ browser: true, exportConditions: ['browser', 'production', 'import', 'default'] }),
      commonjs(),
      esbuild({ include: /\.jsx?$/, exclude: /node_modules/, jsx: 'automatic', target: 'es2022', sourceMap: true }),
      terser({ ecma: 2020, compress: { passes: 2 }, format: { comments: /^!|@license/ } }),
    ],
    // The widget's translations stay lazily loaded chunks.
    output: { dir: here('./dist'), entryFileNames: 'react-page.js', chunkFileNames: 'chunks/[name]-[hash].js', format: 'es', sourcemap: true },
    onwarn(warning, warn) {
      // React's "use client" directives mean nothing in a plain bundle.
      if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
      if (['UNRESOLVED_IMPORT', 'MISSING_EXPORT'].includes(warning.code)) throw new Error(`rollup: ${warning.message}`);
      warn(warning);
    },
  },
];
