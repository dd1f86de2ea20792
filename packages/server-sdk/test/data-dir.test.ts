// Attack run, class 2: the embedded data was world-writable (PGlite writes its files 0666 whatever
// the umask). Now the data directory and what Candid keeps in it (db/, media/, the secret, the
// lock) are owner-only: enforced when created, and checked at every start with a warning.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import express from 'express';
import { pino } from 'pino';
import { createCandid } from '../src/index.js';
import { type TestDatabase, testDatabases } from './helpers/databases.js';
import { freePort } from './helpers/serve-process.js';
import { API_KEY, type TestServer, consentedSession } from './helpers/server.js';
import { createUpload, patchUpload } from './helpers/tus.js';
import { EBML } from './helpers/media-fixtures.js';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

/** Every entry under `dir` (itself included) whose mode lets group or others in. */
async function looseEntries(dir: string): Promise<string[]> {
  const loose: string[] = [];
  const visit = async (entry: string) => {
    const stats = await lstat(entry).catch(() => null);
    if (!stats || stats.isSymbolicLink()) return;
    if ((stats.mode & 0o077) !== 0) loose.push(`${(stats.mode & 0o777).toString(8)} ${path.relative(dir, entry) || '.'}`);
    if (stats.isDirectory()) for (const name of await readdir(entry).catch(() => [])) await visit(path.join(entry, name));
  };
  await visit(dir);
  return loose;
}

async function countFiles(dir: string): Promise<number> {
  let n = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) n++;
  return n;
}

for (const database of testDatabases) describe(`data directory permissions [${database.name}, disk media]`, () => {
  const dirs: string[] = [];
  const db = (database as TestDatabase).options();
  after(async () => {
    await database.cleanup(db);
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('creates everything owner-only under a permissive umask, and tightens and warns about what was loosened', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'candid-perms-'));
    dirs.push(parent);
    const dataDir = path.join(parent, 'data');
    const secret = randomBytes(32).toString('hex');
    const logs: string[] = [];
    const start = async () => {
      const sink = new Writable({ write: (chunk, _enc, done) => (logs.push(chunk.toString()), done()) });
      const candid = createCandid({ dataDir, secret, apiKeys: [API_KEY], ...db }, { logger: pino({ level: 'warn' }, sink) });
      await candid.start();
      const app = express();
      app.use('/candid', candid.router);
      const server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/candid`;
      return {
        candid,
        endpoint,
        async close() {
          server.closeAllConnections();
          await new Promise((r) => server.close(r));
          await candid.close();
        },
      };
    };

    const previous = process.umask(0o000); // the worst case: everything the process creates is 0666/0777
    try {
      const first = await start();
      // Media on disk (an upload file and its tus sidecar) while it runs.
      const { token } = await consentedSession({ endpoint: first.endpoint } as TestServer);
      const upload = await createUpload(first.endpoint, token, { questionId: 'q1', attempt: '1', track: 'video', mimeType: 'video/webm;codecs=vp8,opus' });
      assert.equal(upload.status, 201, upload.body);
      assert.equal((await patchUpload(upload.url!, token, 0, Buffer.concat([EBML, randomBytes(5000)]))).status, 204);
      const running = await looseEntries(dataDir);
      if (database.name === 'pglite') {
        // PGlite keeps writing under the process umask while it runs; what it made at start is tightened.
        assert.deepEqual(running.filter((e) => !e.includes(`db${path.sep}pgdata${path.sep}`)), [], 'the directory, media and lock are owner-only while running');
      } else {
        assert.deepEqual(running, [], 'owner-only while running');
      }
      await first.close();
    } finally {
      process.umask(previous);
    }
    assert.deepEqual(await looseEntries(dataDir), [], 'nothing readable or writable by group or others at rest');
    assert.ok((await countFiles(dataDir)) >= (database.name === 'pglite' ? 100 : 2), 'positive control: the walk sees the files');
    assert.equal(logs.filter((l) => l.includes('data directory')).length, 0, 'no warning for what Candid made itself');

    // Someone loosens the directory and a few files: the next start says so and tightens them.
    await chmod(dataDir, 0o755);
    await chmod(path.join(dataDir, 'media'), 0o777);
    const mediaFile = (await readdir(path.join(dataDir, 'media'))).find((f) => f.startsWith('upl_'))!;
    await chmod(path.join(dataDir, 'media', mediaFile), 0o644);
    if (database.name === 'pglite') await chmod(path.join(dataDir, 'db', 'pgdata', 'PG_VERSION'), 0o666);
    const second = await start();
    await second.close();
    const warning = logs.map((l) => JSON.parse(l)).find((l) => /data directory: entries were readable or writable by other users/.test(l.msg));
    assert.ok(warning, logs.join(''));
    assert.equal(warning.loosened, database.name === 'pglite' ? 4 : 3);
    assert.ok(warning.examples.includes('755 .') || warning.examples.includes('0755 .'), JSON.stringify(warning.examples));
    assert.deepEqual(await looseEntries(dataDir), []);
  });
});

describe('data directory permissions [candid serve, umask 000]', () => {
  it('keeps the embedded database, media and the generated secret owner-only', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'candid-perms-cli-'));
    const dataDir = path.join(parent, 'data');
    try {
      const port = await freePort();
      // No CANDID_SECRET: the development secret is generated into the data directory too.
      const child = spawn('/bin/sh', ['-c', `umask 000; exec "${process.execPath}" --import tsx "${cli}" serve --host 127.0.0.1 --port ${port}`], {
        env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CANDID_SECRET')), CANDID_DATA_DIR: dataDir },
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const deadline = Date.now() + 60_000;
      while (!output.includes('listening on')) {
        assert.ok(Date.now() < deadline && child.exitCode === null, output);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.deepEqual(await looseEntries(dataDir), [], 'owner-only while it runs');
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      assert.deepEqual(await looseEntries(dataDir), [], 'owner-only after it stopped');
      assert.equal(((await lstat(path.join(dataDir, 'secret'))).mode & 0o777).toString(8), '600');
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
