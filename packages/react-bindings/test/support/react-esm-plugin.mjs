// Web Test Runner plugin for the React browser tests: React ships CommonJS only, which the dev
// server cannot serve. On first use, esbuild bundles react, react-dom/client and react-dom/server
// (development builds) into ES modules that share one chunk, so there is one React instance, and
// the plugin serves them under /__react-esm__/. Scoped to imports made from packages/react-bindings:
// the widget's tests resolve as before.
//
// It also points '@candid/widget' at the widget's source (as the widget's own tests use it), so
// the React tests need no build of the widget.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const PREFIX = '/__react-esm__/';

/** Bare import → [output name, the module Node loads to list its exports (browser variant)]. */
const MODULES = {
  react: ['react', 'react'],
  'react/jsx-runtime': ['react-jsx-runtime', 'react/jsx-runtime'],
  'react-dom': ['react-dom', 'react-dom'],
  'react-dom/client': ['react-dom-client', 'react-dom/client'],
  'react-dom/server': ['react-dom-server', 'react-dom/server.browser'],
};

/**
 * Export names of each CommonJS module. esbuild cannot see them statically (`module.exports =
 * require(…)` behind a NODE_ENV check), so a short-lived Node process requires them and lists
 * them; it exits at once (react-dom/server.browser keeps a MessageChannel open).
 */
function exportNames() {
  const script = `const ids = JSON.parse(process.argv[1]);
    console.log(JSON.stringify(Object.fromEntries(ids.map((id) => [id, Object.keys(require(id))]))));
    process.exit(0);`;
  const ids = Object.values(MODULES).map(([, id]) => id);
  return JSON.parse(execFileSync(process.execPath, ['-e', script, JSON.stringify(ids)], { cwd: root, encoding: 'utf8' }));
}

/** The bundles, by served path (`/__react-esm__/react.js`, chunks included). */
async function bundle() {
  const names = exportNames();
  const entries = Object.fromEntries(Object.entries(MODULES).map(([specifier, [out, keysOf]]) => [out, { specifier, keys: names[keysOf] }]));
  const result = await build({
    entryPoints: Object.fromEntries(Object.keys(entries).map((out) => [out, `entry:${out}`])),
    chunkNames: 'chunk-[hash]',
    outdir: '/out',
    bundle: true,
    splitting: true, // one shared chunk holds React itself
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"development"' },
    plugins: [
      {
        name: 'react-esm-entries',
        setup(b) {
          b.onResolve({ filter: /^entry:/ }, (args) => ({ path: args.path.slice('entry:'.length), namespace: 'entry' }));
          b.onLoad({ filter: /.*/, namespace: 'entry' }, (args) => {
            const { specifier, keys } = entries[args.path];
            const named = keys.filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
            return {
              contents: `import m from '${specifier}';\nexport default m;\nexport const { ${named.join(', ')} } = m;\n`,
              resolveDir: root,
              loader: 'js',
            };
          });
        },
      },
    ],
  });
  return new Map(result.outputFiles.map((f) => [`${PREFIX}${f.path.slice('/out/'.length)}`, f.text]));
}

const fromReactBindings = (path) => path.startsWith('/packages/react-bindings/');

export function reactEsmPlugin() {
  /** @type {Promise<Map<string, string>> | null} */
  let files = null;
  return {
    name: 'candid-react-esm',
    resolveImport({ source, context }) {
      if (!fromReactBindings(context.path)) return undefined;
      if (source === '@candid/widget') return '/packages/widget/src/index.ts';
      const entry = MODULES[source];
      return entry ? `${PREFIX}${entry[0]}.js` : undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      files ??= bundle();
      const body = (await files).get(context.path);
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}
