// Gzip sizes (level 9) of every built output an integrator ships: the script-tag core, each lazy
// chunk and asset under dist/assets, the widget's ESM entry and the React bindings. bench/run.mjs
// puts them in its table; alone, measuring what is already built (no build, a second or two):
//
//   node bench/sizes.mjs          a table: output | raw bytes | gzip bytes
//   node bench/sizes.mjs --json   the same figures as one JSON object
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const sizeOf = (buffer) => ({ rawBytes: buffer.length, gzipBytes: gzipSync(buffer, { level: 9 }).length });

/**
 * What an integrator's bundler ships of an ES module entry: esbuild bundles and minifies it with
 * every package import left external (lit, zustand, react, … are the integrator's own copies);
 * lazy `import()`s stay out of the first load, as they would in an app.
 */
async function bundledSize(entry) {
  const { build } = await import('esbuild');
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', packages: 'external', splitting: true, outdir: 'out', write: false, metafile: true, logLevel: 'silent' });
  // The first load is the entry chunk plus every chunk it imports statically (code shared with the
  // lazy parts lands in such a chunk); dynamically imported chunks load later.
  const rel = (f) => path.relative(process.cwd(), f.path);
  const byPath = new Map(result.outputFiles.map((f) => [rel(f), f]));
  // (Lazily imported modules are entry points of their own chunks too: match the requested one.)
  const entryChunk = rel(result.outputFiles.find((f) => result.metafile.outputs[rel(f)]?.entryPoint === path.relative(process.cwd(), entry)));
  const first = new Set();
  const visit = (file) => {
    if (first.has(file)) return;
    first.add(file);
    for (const imp of result.metafile.outputs[file].imports) if (imp.kind === 'import-statement' && byPath.has(imp.path)) visit(imp.path);
  };
  visit(entryChunk);
  const files = [...first];
  const modules = new Set(files.flatMap((f) => Object.keys(result.metafile.outputs[f].inputs))).size;
  return { ...sizeOf(Buffer.concat(files.map((f) => Buffer.from(byPath.get(f).contents)))), modules };
}

/**
 * @param {string} [root] the monorepo root
 * @returns {Promise<{ core: number, coreRaw: number, chunks: Array<{ name: string, gzipBytes: number, rawBytes: number }>,
 *   esm: { gzipBytes: number, rawBytes: number, modules: number } | null, react: { gzipBytes: number, rawBytes: number, modules: number } | null,
 *   baseline: number }>} `core` and `baseline` are gzip bytes (the names bench/results/latest.json has always used)
 */
export async function bundleSizes(root = here) {
  const dist = path.join(root, 'packages/widget/dist');
  const core = sizeOf(await readFile(path.join(dist, 'candid.js')));
  const chunks = [];
  const assets = path.join(dist, 'assets');
  if (existsSync(assets)) {
    for (const entry of await readdir(assets, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || entry.name.endsWith('.map')) continue;
      const file = path.join(entry.parentPath ?? entry.path, entry.name);
      chunks.push({ name: path.relative(assets, file), ...sizeOf(await readFile(file)) });
    }
  }
  const esmEntry = path.join(dist, 'esm/index.js');
  const reactEntry = path.join(root, 'packages/react-bindings/dist/index.js');
  // Baseline: tus-js-client's own minified browser build, an upload client with no UI at all.
  const baseline = sizeOf(await readFile(path.join(root, 'node_modules/tus-js-client/dist/tus.min.js'))).gzipBytes;
  return {
    core: core.gzipBytes,
    coreRaw: core.rawBytes,
    chunks: chunks.sort((a, b) => a.name.localeCompare(b.name)),
    esm: existsSync(esmEntry) ? await bundledSize(esmEntry) : null,
    react: existsSync(reactEntry) ? await bundledSize(reactEntry) : null,
    baseline,
  };
}

/** Table rows, one per output: [label, raw bytes, gzip bytes]. */
export function sizeRows(sizes) {
  const rows = [['script-tag core (candid.js)', sizes.coreRaw, sizes.core]];
  for (const chunk of sizes.chunks) rows.push([`lazy: assets/${chunk.name}`, chunk.rawBytes, chunk.gzipBytes]);
  if (sizes.esm) rows.push([`ESM entry (@candid/widget, ${sizes.esm.modules} modules bundled + minified; lit, zustand external)`, sizes.esm.rawBytes, sizes.esm.gzipBytes]);
  if (sizes.react) rows.push([`React bindings (@candid/react, minified; react, @lit/react, @candid/widget external)`, sizes.react.rawBytes, sizes.react.gzipBytes]);
  rows.push(['baseline: tus-js-client browser build', null, sizes.baseline]);
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sizes = await bundleSizes();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(sizes, null, 2));
  } else {
    const table = [['output', 'raw B', 'gzip B'], ...sizeRows(sizes).map(([label, raw, gz]) => [label, raw == null ? '' : String(raw), String(gz)])];
    const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
    for (const r of table) console.log(`| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`);
  }
}
