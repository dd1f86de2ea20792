// Attack run, class 5: killing `npx candid serve` left the server running, orphaned, holding the
// PGlite lock. npx runs the bin as npm → `sh -c` → node and forwards SIGTERM/SIGINT to the shell
// only, so the shell died and node stayed. These tests run the real npx (a local bin that starts
// src/cli.ts, as node_modules/.bin/candid starts dist/cli.js) and kill it every way.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { freePort } from './helpers/serve-process.js';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');
const SECRET = 's'.repeat(40);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('candid serve under npx: signals, a dying parent, stale locks', () => {
  let root: string;
  const started: ChildProcess[] = [];
  const serverPids: number[] = [];

  before(async () => {
    // A project with `candid` in node_modules/.bin, as `npm install @candid/server-sdk` leaves it.
    root = await mkdtemp(path.join(os.tmpdir(), 'candid-npx-'));
    await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'candid-npx-test', version: '1.0.0', private: true }));
    await mkdir(path.join(root, 'node_modules', '.bin'), { recursive: true });
    const bin = path.join(root, 'node_modules', '.bin', 'candid');
    await writeFile(bin, `#!/bin/sh\nexec "${process.execPath}" --import "${tsxLoader}" "${cli}" "$@"\n`);
    await chmod(bin, 0o755);
  });
  after(async () => {
    // Only what these tests started, by pid.
    for (const child of started) if (child.pid && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const pid of serverPids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await rm(root, { recursive: true, force: true });
  });

  /** `npx candid serve` in its own process group (as a terminal runs it); resolves once it listens. */
  async function npxServe(dataDir: string) {
    const port = await freePort();
    const child = spawn('npx', ['--no', 'candid', 'serve', '--host', '127.0.0.1', '--port', String(port)], {
      cwd: root,
      detached: true,
      env: { ...process.env, CANDID_DATA_DIR: dataDir, CANDID_SECRET: SECRET, npm_config_update_notifier: 'false', LOG_LEVEL: 'warn' },
    });
    started.push(child);
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await until('npx candid serve to listen', () => output.includes('listening on'), 60_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${output}`);
    });
    const lock = path.join(dataDir, 'db', 'lock');
    const server = JSON.parse(await readFile(lock, 'utf8')).pid as number;
    serverPids.push(server);
    assert.notEqual(server, child.pid, 'the server is a grandchild of npx, not npx itself');
    return { child, server, lock, output: () => output };
  }

  async function assertStoppedAndUnlocked(run: { server: number; lock: string; output: () => string }, why: RegExp) {
    await until(`server ${run.server} to exit`, () => !alive(run.server));
    assert.ok(!existsSync(run.lock), 'the PGlite lock is released');
    assert.match(run.output(), why);
  }

  it('stops the server and frees the lock when npx gets SIGTERM (npm forwards it to the shell only)', async () => {
    const dataDir = path.join(root, 'term');
    const run = await npxServe(dataDir);
    run.child.kill('SIGTERM');
    await assertStoppedAndUnlocked(run, /shutting down \(parent process exited\)/);
    // The data directory is free: the next start needs no manual clean-up.
    const again = await npxServe(dataDir);
    again.child.kill('SIGTERM');
    await assertStoppedAndUnlocked(again, /shutting down/);
  });

  it('stops the server and frees the lock when npx is killed outright (SIGKILL: the shell outlives it)', async () => {
    const run = await npxServe(path.join(root, 'kill'));
    run.child.kill('SIGKILL');
    await assertStoppedAndUnlocked(run, /shutting down \(parent process exited\)/);
  });

  it('stops on Ctrl-C (SIGINT to the foreground process group) and on SIGHUP (terminal closed)', async () => {
    const int = await npxServe(path.join(root, 'int'));
    process.kill(-int.child.pid!, 'SIGINT');
    await assertStoppedAndUnlocked(int, /shutting down \(SIGINT\)/);
    const hup = await npxServe(path.join(root, 'hup'));
    process.kill(hup.server, 'SIGHUP');
    await assertStoppedAndUnlocked(hup, /shutting down \(SIGHUP\)/);
  });

  it('clears a stale lock left by a dead process, or by a live process that only reuses its pid', async () => {
    for (const [name, content] of [
      ['dead', JSON.stringify({ pid: 2 ** 22 + 17, start: '1' })], // no such pid
      ['reused', JSON.stringify({ pid: process.pid, start: '1' })], // alive, but started at another time
      ['legacy', String(2 ** 22 + 19)], // the plain pid older versions wrote
    ] as const) {
      const dataDir = path.join(root, `stale-${name}`);
      await mkdir(path.join(dataDir, 'db'), { recursive: true });
      await writeFile(path.join(dataDir, 'db', 'lock'), content);
      const run = await npxServe(dataDir);
      assert.match(run.output(), /cleared a stale lock/, name);
      run.child.kill('SIGTERM');
      await assertStoppedAndUnlocked(run, /shutting down/);
    }
    // A live owner is still refused.
    const dataDir = path.join(root, 'held');
    const holder = await npxServe(dataDir);
    const second = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--host', '127.0.0.1', '--port', '0'], { env: { ...process.env, CANDID_DATA_DIR: dataDir, CANDID_SECRET: SECRET } });
    started.push(second);
    let stderr = '';
    second.stderr!.on('data', (d) => (stderr += d));
    const code = await new Promise((r) => second.once('exit', r));
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`in use by process ${holder.server}`));
    holder.child.kill('SIGTERM');
    await assertStoppedAndUnlocked(holder, /shutting down/);
  });
});
