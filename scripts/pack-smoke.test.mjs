// `npm pack` smoke test: packs the three published packages, installs the tarballs in a fresh
// project under os.tmpdir() (outside the workspace, so nothing resolves from the monorepo), and
// uses them the way integrators do: contents and entry points, the server in Express, React SSR,
// the script-tag bundle and its lazy chunks, the ESM entry, and TypeScript under both `nodenext`
// and `bundler` resolution. The project-side scripts are in scripts/pack-smoke/.
//
//   node --test scripts/pack-smoke.test.mjs      (after `npm run build`; = `npm test -- pack`)
//   CANDID_PACK_KEEP=1 …                          keep the temp project for a look afterwards
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const projectFiles = path.join(root, 'scripts/pack-smoke');
const PACKAGES = { '@candid/widget': 'packages/widget', '@candid/server-sdk': 'packages/server-sdk', '@candid/react': 'packages/react-bindings' };

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const manifests = Object.fromEntries(Object.entries(PACKAGES).map(([name, dir]) => [name, readJson(path.join(root, dir, 'package.json'))]));
const rootManifest = readJson(path.join(root, 'package.json'));

/** The registry packages an integrator adds, at the workspace's own versions (npm cache hits). */
const registryDeps = [
  `react@${manifests['@candid/react'].devDependencies.react}`,
  `react-dom@${manifests['@candid/react'].devDependencies['react-dom']}`,
  `@types/react@${manifests['@candid/react'].devDependencies['@types/react']}`,
  `express@${manifests['@candid/server-sdk'].dependencies.express}`,
  `@types/express@${manifests['@candid/server-sdk'].devDependencies['@types/express']}`,
  `typescript@${rootManifest.devDependencies.typescript}`,
  `@types/node@${rootManifest.devDependencies['@types/node']}`,
];

// npm's own variables from an outer `npm test` (prefix, workspace, lifecycle) must not steer the
// inner npm; the cache, registry and nodedir settings may.
const KEEP_NPM_VARS = /^npm_config_(cache|registry|userconfig|globalconfig|nodedir|prefer_offline)$/i;
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || KEEP_NPM_VARS.test(k)));

/** Runs a command; on failure throws with the command line, exit status and all of its output. */
function sh(command, args, { cwd, timeout = 120_000, extraEnv = {} } = {}) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, timeout, maxBuffer: 64 * 2 ** 20, env: { ...env, ...extraEnv } }, (err, stdout, stderr) => {
      if (!err) return resolve({ stdout, stderr });
      const status = err.killed ? `killed after ${timeout} ms` : `exit ${err.code ?? err.signal}`;
      reject(new Error(`\`${command} ${args.join(' ')}\` in ${cwd} failed (${status}):\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
    });
  });
}

/** Runs a script of scripts/pack-smoke/ in the fresh project; returns its `RESULT {json}` line. */
async function runInProject(script, extraEnv) {
  const { stdout, stderr } = await sh(process.execPath, [script], { cwd: app, extraEnv });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  assert.ok(line, `${script} printed no RESULT line:\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
  return { result: JSON.parse(line.slice('RESULT '.length)), stdout, stderr };
}

let work; // temp root: tarballs/ and app/
let app; // the fresh project
/** name → { filename, files: string[] } from `npm pack --json` */
const packed = {};

before(async () => {
  for (const dir of Object.values(PACKAGES)) {
    assert.ok(existsSync(path.join(root, dir, 'dist')), `${dir}/dist is missing: run \`npm run build\` first`);
  }
  work = await mkdtemp(path.join(os.tmpdir(), 'candid-pack-'));
  app = path.join(work, 'app');
  const tarballs = path.join(work, 'tarballs');
  await mkdir(tarballs);
  await mkdir(app);
  for (const [name, dir] of Object.entries(PACKAGES)) {
    const { stdout } = await sh('npm', ['pack', '--json', '--pack-destination', tarballs], { cwd: path.join(root, dir) });
    const [info] = JSON.parse(stdout);
    packed[name] = { filename: path.join(tarballs, info.filename), files: info.files.map((f) => f.path) };
  }
  await writeFile(path.join(app, 'package.json'), `${JSON.stringify({ name: 'candid-pack-smoke', private: true, type: 'module' }, null, 2)}\n`);
  for (const file of await readdir(projectFiles)) await copyFile(path.join(projectFiles, file), path.join(app, file));
  const tgz = Object.values(packed).map((p) => p.filename);
  await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-exact', ...tgz, ...registryDeps], { cwd: app, timeout: 180_000 });
});

after(async () => {
  if (!work) return;
  if (process.env.CANDID_PACK_KEEP) console.log(`# kept ${work}`);
  else await rm(work, { recursive: true, force: true });
});

/** Every path a package.json points at (main, types, module, unpkg, bin, exports, customElements). */
function entryTargets(manifest) {
  const targets = [];
  const walk = (value) => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const field of ['main', 'types', 'module', 'unpkg', 'bin', 'exports', 'customElements']) walk(manifest[field]);
  return [...new Set(targets.map((t) => path.posix.normalize(t)))];
}

describe('npm pack: tarball contents', () => {
  for (const name of Object.keys(PACKAGES)) {
    it(`${name}: dist only (no sources, tests, fixtures or build info), every entry point present`, () => {
      const { files } = packed[name];
      assert.ok(files.some((f) => f.startsWith('dist/')), `${name}: no dist/ in the tarball`);
      const stray = files.filter(
        (f) => /(^|\/)(src|test|tests|__tests__|fixtures)\//.test(f) || /\.(test|spec)\.|\.tsbuildinfo$/.test(f) || !/^(dist\/|migrations\/|package\.json$|README|LICENSE|CHANGELOG)/i.test(f),
      );
      assert.deepEqual(stray, [], `${name}: files that should not ship`);
      const missing = entryTargets(manifests[name]).filter((t) => !files.includes(t));
      assert.deepEqual(missing, [], `${name}: package.json points at files missing from the tarball`);
    });
  }

  const cemField = manifests['@candid/widget'].customElements;
  it('@candid/widget: the customElements manifest ships and describes <candid-interview>', { skip: cemField ? false : 'no "customElements" field in packages/widget/package.json yet' }, async () => {
    assert.ok(packed['@candid/widget'].files.includes(path.posix.normalize(cemField)), `${cemField} is not in the tarball`);
    const cem = JSON.parse(await readFile(path.join(app, 'node_modules/@candid/widget', cemField), 'utf8'));
    const tags = cem.modules.flatMap((m) => m.declarations ?? []).map((d) => d.tagName).filter(Boolean);
    assert.ok(tags.includes('candid-interview'), `custom elements declared: ${tags.join(', ') || 'none'}`);
  });

  // Debuggers must reach the sources: tsc inlines them (inlineSources) and ships no declaration maps.
  it('every shipped source map carries or ships its sources', async () => {
    const dangling = [];
    for (const name of Object.keys(PACKAGES)) {
      const dir = path.join(app, 'node_modules', name);
      for (const file of packed[name].files.filter((f) => f.endsWith('.map'))) {
        const map = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
        const base = path.resolve(path.dirname(path.join(dir, file)), map.sourceRoot ?? '');
        if (map.sources.some((s, i) => map.sourcesContent?.[i] == null && !existsSync(path.resolve(base, s)))) dangling.push(`${name}/${file}`);
      }
    }
    assert.equal(dangling.length, 0, `${dangling.length} maps, e.g. ${dangling.slice(0, 3).join(', ')}`);
  });
});

describe('npm pack: used from a fresh project', () => {
  it('the project is outside the workspace and the packages resolve to the installed tarballs', async () => {
    assert.ok(path.relative(root, app).startsWith('..'), `${app} is inside the workspace ${root}`);
    const { stdout } = await sh(process.execPath, ['--input-type=module', '-e', `console.log(JSON.stringify(${JSON.stringify(Object.keys(PACKAGES))}.map((n) => import.meta.resolve(n))))`], { cwd: app });
    for (const url of JSON.parse(stdout)) assert.ok(fileURLToPath(url).startsWith(path.join(app, 'node_modules')), `${url} is not from ${app}/node_modules`);
  });

  it('@candid/server-sdk: createCandid on embedded PGlite, mounted on Express; GET /candid/v1/session answers the questions', async () => {
    const { result, stdout, stderr } = await runInProject('server.mjs', { LOG_LEVEL: 'warn' });
    const output = `\n--- stdout\n${stdout}\n--- stderr\n${stderr}`;
    assert.equal(result.status, 200, `GET /candid/v1/session: ${JSON.stringify(result.body)}${output}`);
    assert.equal(result.body.sessionId, result.sessionId);
    assert.deepEqual(
      result.body.questions.map((q) => [q.id, q.prompt]),
      [['q1', 'Why this team?']],
    );
    assert.ok(result.dataDirEntries.includes('db'), `embedded PGlite keeps its files in <dataDir>/db: ${result.dataDirEntries}${output}`);
  });

  it('@candid/server-sdk: `npx candid --help` exits 0 and lists the commands', async () => {
    const { stdout } = await sh('npx', ['--no-install', 'candid', '--help'], { cwd: app });
    assert.match(stdout, /Usage: candid <command>/);
    for (const command of ['serve', 'token', 'migrate']) assert.match(stdout, new RegExp(`^\\s+${command}\\s`, 'm'), stdout);
  });

  it('@candid/react: renderToString in plain Node gives <candid-interview>', async () => {
    const { result } = await runInProject('ssr.mjs');
    assert.match(result.html, /^<candid-interview\b[^>]*>/, result.html);
    assert.doesNotMatch(result.html, /onCandidComplete|function/i, 'event props must not leak into the markup');
    assert.equal(result.window, 'undefined', 'importing must not create a window');
    assert.equal(result.displayName, 'CandidInterview');
  });

  it('@candid/widget: the script-tag bundle resolves, with its lazy chunks in assets/', async () => {
    const { result } = await runInProject('widget-files.mjs');
    assert.equal(result.candidJs, path.join(app, 'node_modules/@candid/widget/dist/candid.js'));
    assert.ok(result.candidJsBytes > 10_000, `candid.js is ${result.candidJsBytes} bytes`);
    // The chunks the bundle imports lazily, and what the VAD chunk fetches next to itself.
    const expected = ['candid-vad.js', 'candid-hls.js', 'vad.worklet.bundle.min.js', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'];
    const missing = expected.filter((f) => !result.assetFiles.includes(f));
    assert.deepEqual(missing, [], `assets/: ${result.assetFiles.join(', ')}`);
    assert.ok(result.assetFiles.some((f) => /^silero_vad.*\.onnx$/.test(f)), `no VAD model in assets/: ${result.assetFiles.join(', ')}`);
    // One catalog per non-English locale the widget negotiates (LOCALES from the ESM entry).
    const { result: esm } = await runInProject('widget-esm.mjs');
    const catalogs = esm.locales.filter((l) => l !== 'en').map((l) => path.join('lang', `${l}.js`));
    assert.ok(catalogs.length > 0, `LOCALES: ${esm.locales}`);
    assert.deepEqual(catalogs.filter((c) => !result.assetFiles.includes(c)), [], `assets/lang/: ${result.assetFiles.filter((f) => f.startsWith('lang'))}`);
  });

  it('@candid/widget: the ESM entry imports in plain Node without throwing or creating a window', async () => {
    const { result } = await runInProject('widget-esm.mjs');
    assert.equal(result.entry, path.join(app, 'node_modules/@candid/widget/dist/esm/index.js'));
    assert.equal(result.tagName, 'candid-interview');
    assert.equal(result.elementClass, 'function');
    assert.equal(result.window, 'undefined');
  });

  it('every bare import in the shipped ES modules is a declared dependency and resolves (what bundlers do)', async () => {
    const problems = [];
    for (const name of Object.keys(PACKAGES)) {
      const dir = path.join(app, 'node_modules', name);
      const manifest = manifests[name];
      const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
      // The self-contained bundles (candid.js, assets/) have no bare imports by design; the rest does.
      const modules = packed[name].files.filter((f) => f.endsWith('.js') && f !== 'dist/candid.js' && !f.startsWith('dist/assets/'));
      const specifiers = new Set();
      for (const file of modules) for (const s of bareImports(await readFile(path.join(dir, file), 'utf8'))) specifiers.add(s);
      for (const s of specifiers) if (!declared.has(packageName(s))) problems.push(`${name}: imports ${s}, not in dependencies/peerDependencies`);
      // Resolve each one the way the package's own modules would (from inside the installed package).
      const list = JSON.stringify([...specifiers]);
      try {
        await sh(process.execPath, ['--input-type=module', '-e', `for (const s of ${list}) import.meta.resolve(s)`], { cwd: dir });
      } catch (err) {
        problems.push(`${name}: ${err.message}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  // Both resolutions at once (two cores, half the wait); each test awaits its own run.
  const resolutions = ['nodenext', 'bundler'];
  let typechecks;
  const typecheck = (resolution) => {
    typechecks ??= Object.fromEntries(
      resolutions.map((r) => [r, sh(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${r}.json`], { cwd: app }).then(() => null, (err) => err)]),
    );
    return typechecks[resolution];
  };
  for (const resolution of resolutions) {
    it(`TypeScript: types and values from all three packages check with moduleResolution "${resolution}"`, async () => {
      const err = await typecheck(resolution);
      if (err) throw err;
    });
  }
});

/** Bare specifiers of static imports/exports and literal dynamic imports in compiled JavaScript. */
function bareImports(code) {
  const found = [];
  const patterns = [/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[1]);
  return found.filter((s) => !s.startsWith('.') && !s.startsWith('/') && !isBuiltin(s));
}

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
