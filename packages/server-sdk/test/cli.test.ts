import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliPath as cli, runCli } from './helpers/cli.js';


async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('candid CLI', () => {
  let dataDir: string;
  let env: Record<string, string>;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-cli-'));
    env = { CANDID_DATA_DIR: dataDir, CANDID_API_KEYS: 'cli-api-key-0123456789-abcdefghijklmno', CANDID_SECRET: 's'.repeat(40), CANDID_EMPLOYER_NAME: 'CLI Employer', CANDID_EMPLOYER_PRIVACY_URL: 'https://cli.example/privacy' };
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('documents every command with --help', async () => {
    const main = await runCli(['--help'], env);
    assert.equal(main.code, 0);
    for (const command of ['serve', 'token', 'migrate']) assert.match(main.stdout, new RegExp(`^  ${command}\\s`, 'm'));
    assert.match(main.stdout, /CANDID_DATA_DIR/);
    for (const name of ['CANDID_EMPLOYER_NAME', 'CANDID_EMPLOYER_LOGO_URL', 'CANDID_EMPLOYER_CONTACT_EMAIL', 'CANDID_EMPLOYER_CONTACT_URL', 'CANDID_EMPLOYER_PRIVACY_URL']) {
      assert.match(main.stdout, new RegExp(`\\b${name}\\b`), `${name} is documented in candid --help`);
    }
    for (const command of ['serve', 'token', 'migrate']) {
      const help = await runCli([command, '--help'], env);
      assert.equal(help.code, 0);
      assert.match(help.stdout, new RegExp(`^Usage: candid ${command}`));
    }
    const unknown = await runCli(['frobnicate'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
  });

  it('refuses to serve with a bad CANDID_EMPLOYER_* value, naming the variable', async () => {
    const bad = await runCli(['serve', '--host', '127.0.0.1', '--port', '0'], { ...env, CANDID_EMPLOYER_NAME: '', CANDID_EMPLOYER_LOGO_URL: 'logo.svg' });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^\[candid\] createCandid: `employer\.name` \(env CANDID_EMPLOYER_NAME\) must be a non-empty string; `employer\.logoUrl` \(env CANDID_EMPLOYER_LOGO_URL\) must be an absolute URL\.$/m);
    assert.doesNotMatch(bad.stdout, /listening/);
  });

  it('serves the API from the environment, then issues tokens and migrates offline', async () => {
    const port = await freePort();
    const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--host', '127.0.0.1'], { env: { ...process.env, ...env, PORT: String(port) } });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        server.stdout!.on('data', (d) => {
          out += d;
          if (out.includes('listening')) resolve();
        });
        server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      const headers = { authorization: 'Bearer cli-api-key-0123456789-abcdefghijklmno', 'content-type': 'application/json' };
      const interview = await (await fetch(`${base}/v1/interviews`, { method: 'POST', headers, body: JSON.stringify({ title: 'CLI', questions: [{ id: 'q1', prompt: 'Hi?' }] }) })).json();
      const session = await (await fetch(`${base}/v1/sessions`, { method: 'POST', headers, body: JSON.stringify({ interviewId: interview.id, candidate: { externalId: 'c' } }) })).json();
      assert.match(session.sessionId, /^ses_/);
      // The employer comes from CANDID_EMPLOYER_*; no OPENAI_API_KEY, so no AI.
      const view = await (await fetch(`${base}/v1/session`, { headers: { authorization: `Bearer ${session.token}` } })).json();
      assert.deepEqual(view.employer, { name: 'CLI Employer', logoUrl: null, contactEmail: null, contactUrl: null, privacyUrl: 'https://cli.example/privacy' });
      assert.equal(view.aiEvaluation, false);

      // A second process on the same embedded database is refused with a clear message.
      const clash = await runCli(['token', session.sessionId], env);
      assert.equal(clash.code, 1);
      assert.match(clash.stderr, /in use by process/);

      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));

      const issued = await runCli(['token', session.sessionId], env);
      assert.equal(issued.code, 0, issued.stderr);
      const token = JSON.parse(issued.stdout);
      assert.equal(token.sessionId, session.sessionId);
      assert.equal(token.token.split('.').length, 3);

      const migrated = await runCli(['migrate'], env);
      assert.equal(migrated.code, 0, migrated.stderr);
      assert.match(migrated.stdout, /up to date/);
    } finally {
      server.kill('SIGKILL');
    }
  });
});
