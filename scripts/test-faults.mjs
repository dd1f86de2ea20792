// `npm run test:faults`: the fault suite (faults/*.test.ts): cuts, crashes and outages, each ending
// with byte-identical media and exact record counts; plus a bounded fuzz run. `npm test` runs it too
// (suite "faults"). Needs no build: the server runs from source through tsx.
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2); // e.g. `npm run test:faults -- fuzz`
const files = (await readdir(path.join(root, 'faults')))
  .filter((name) => name.endsWith('.test.ts') && (only.length === 0 || only.some((o) => name.includes(o))))
  .sort()
  .map((name) => path.join('faults', name));

const started = Date.now();
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { cwd: root, stdio: 'inherit' });
const code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
console.log(`faults: ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(code);
