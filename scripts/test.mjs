// `npm test`: installs missing system tools, builds, runs every suite, and ends with one totals line.
import { spawn } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2); // e.g. `npm test -- server browser`

function run(command, args, { capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'], env: process.env });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`);
      resolve({ code: 1, output });
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function findTests(dir, pattern) {
  const found = [];
  for (const entry of await readdir(path.join(root, dir), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && pattern.test(entry.name)) found.push(path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)));
  }
  return found.sort();
}

/** Counts from node:test's closing lines (`ℹ pass 3`). */
function nodeTestCounts(output) {
  const count = (label) => Number(new RegExp(`^ℹ ${label} (\\d+)`, 'm').exec(output)?.[1] ?? 0);
  return { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') };
}

/** A suite of node:test files (`files` lists them; `tsx` for TypeScript sources), counted from its output. */
const nodeSuite = (name, files, { tsx = false } = {}) => ({
  name,
  async run() {
    const args = [...(tsx ? ['--import', 'tsx'] : []), '--test', '--test-reporter=spec', ...(await files())];
    const { code, output } = await run('node', args, { capture: true });
    return { code, ...nodeTestCounts(output) };
  },
});

const suites = [
  nodeSuite('server', () => findTests('packages/server-sdk/test', /\.test\.ts$/), { tsx: true }),
  nodeSuite('react', () => findTests('packages/react-bindings/test', /\.test\.mjs$/)),
  // The demo: its pages, /ats/api, media via the ATS backend, AI via a loopback fake, Chromium.
  nodeSuite('demo', () => findTests('demo/test', /\.test\.mjs$/), { tsx: true }),
  // The npm tarballs installed in a fresh project outside the workspace.
  nodeSuite('pack', async () => ['scripts/pack-smoke.test.mjs']),
  {
    // Cuts, crashes, outages and fuzz (faults/, scripts/test-faults.mjs).
    name: 'faults',
    async run() {
      const { code, output } = await run('node', ['scripts/test-faults.mjs'], { capture: true });
      return { code, ...nodeTestCounts(output) };
    },
  },
  {
    name: 'browser',
    async run() {
      const summary = path.join(root, 'test-results', 'browser.json');
      await rm(summary, { force: true });
      const { code } = await run('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs']);
      const counts = JSON.parse(await readFile(summary, 'utf8').catch(() => '{"passed":0,"failed":1,"skipped":0}'));
      return { code, ...counts };
    },
  },
];

const started = Date.now();
/** A step before the suites failed: no suite ran; the run still ends with its totals line. */
function giveUp(step, code) {
  console.error(`\n${step} failed (exit code ${code}): no test suite ran`);
  console.log('tests: 0 passed, 1 failed, 0 skipped');
  process.exit(code || 1);
}
const setup = await run('bash', ['scripts/test-setup.sh']);
if (setup.code !== 0) giveUp('setup (scripts/test-setup.sh: Chromium, espeak-ng, sox, ffmpeg)', setup.code);
const build = await run('npm', ['run', '--silent', 'build']);
if (build.code !== 0) giveUp('build', build.code);
const fixtures = await run('bash', ['scripts/make-fixtures.sh']);
if (fixtures.code !== 0) giveUp('fixtures (scripts/make-fixtures.sh)', fixtures.code);

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
let exitCode = 0;
for (const suite of suites.filter((s) => only.length === 0 || only.includes(s.name))) {
  console.log(`\n=== ${suite.name} tests ===`);
  const result = await suite.run();
  if (result.code !== 0 && result.failed === 0) result.failed = 1; // a crashed runner is a failure
  if (result.code !== 0 || result.failed > 0) exitCode = 1;
  totals.passed += result.passed;
  totals.failed += result.failed;
  totals.skipped += result.skipped;
  lines.push(`  ${suite.name.padEnd(8)} ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
}
console.log(`\n${lines.join('\n')}\n  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
