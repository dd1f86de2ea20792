#!/usr/bin/env node
import path from 'node:path';
import { parseArgs } from 'node:util';
import express from 'express';
import { createCandid } from './candid.js';
import { defaultLogger } from './logger.js';
import { type CandidOptions, optionsFromEnv } from './config.js';
import { openDatabase } from './db/open-database.js';
import { loadOrCreateDevSecret } from './dev-secret.js';
import { parseBoundedDate } from './validation.js';
import { migrate } from './db/migrations.js';
import { AUDIT_HELP, auditCommand } from './audit/cli-audit.js';
import { KEYS_HELP, keysCommand } from './crypto/cli-keys.js';
import { isCandidError } from './errors.js';
import { watchParent } from './process-info.js';

const HELP: Record<string, string> = {
  main: `Usage: candid <command> [options]

Commands:
  serve     Run the Candid API as a standalone HTTP server
  token     Issue a widget token for an existing session
  migrate   Apply database migrations and exit
  audit     Verify the audit log's hash chain, or export a period as JSON lines
  retention Run the retention sweep once (what the daily job does)
  keys      Encryption keys: rotate (re-wrap data keys), status, generate

Run "candid <command> --help" for a command's options.

Environment (read by every command):
  CANDID_DATA_DIR     embedded data (media/ and db/), default ./.candid-data
  CANDID_SECRET       token signing key (>= 32 chars); if unset, one is generated
                      and kept in CANDID_DATA_DIR/secret (development only)
  CANDID_API_KEYS     comma-separated API keys for the ATS routes, each >= 32 chars
  CANDID_DEVELOPMENT=1  development mode: accepts shorter API keys (never in production)
  CANDID_AUTH_FAILURES_PER_MINUTE  failed authentications per client address per
                      minute before 429 AUTH_THROTTLED, default 20
  CANDID_TRUST_PROXY  "serve" behind a reverse proxy: Express's trust proxy (a hop
                      count, or comma-separated addresses/CIDRs such as loopback);
                      unset = the socket's address is the client's
  DATABASE_URL        PostgreSQL connection string; unset = embedded PGlite
  CANDID_DB_SCHEMA    schema for Candid's tables, default candid
  CANDID_S3_BUCKET    store media in this S3 bucket instead of on disk, with the
                      standard AWS variables (AWS_REGION, AWS_ENDPOINT_URL_S3,
                      AWS_ACCESS_KEY_ID, ...), CANDID_S3_PREFIX, CANDID_S3_SSE
                      (AES256 | aws:kms), CANDID_S3_KMS_KEY_ID
  CANDID_RATE_LIMIT_PER_MINUTE  requests per minute per session token, default 600
  OPENAI_API_KEY      turns on transcription and scoring (any OpenAI-compatible API)
  OPENAI_BASE_URL     that API's base URL; CANDID_TRANSCRIPTION_MODEL (whisper-1),
                      CANDID_SCORING_MODEL (gpt-4o-mini)
  CANDID_EMPLOYER_NAME  who is asking, shown to candidates before consent (for
                      interviews without an employer of their own); with
                      CANDID_EMPLOYER_LOGO_URL, CANDID_EMPLOYER_CONTACT_EMAIL,
                      CANDID_EMPLOYER_CONTACT_URL, CANDID_EMPLOYER_PRIVACY_URL
                      (absolute http(s) URLs, an e-mail address)
  CANDID_WEBHOOK_URL  where signed webhooks go; CANDID_WEBHOOK_SECRET (whsec_...)
  CANDID_WEBHOOK_ALLOW_PRIVATE=1  allow loopback/private webhook URLs (development)
  CANDID_FFMPEG_PATH  ffmpeg for renditions and audio extraction (default: ffmpeg on PATH)
  CANDID_WORKERS=0    serve the API only; background jobs run on other instances
  CANDID_MASTER_KEYS  "kid1:<base64 32 bytes>,kid2:..." master keys for encryption at
                      rest (first = current); unset = derived from CANDID_SECRET (dev only)
  LOG_LEVEL           pino level (info by default)
  CANDID_CORS_ORIGINS comma-separated browser origins allowed, default *
  PORT                port for "serve", default 8080`,
  serve: `Usage: candid serve [--port N] [--host H]

Starts an HTTP server with the Candid API mounted at "/" (so the widget's
endpoint is http://HOST:PORT). Stops cleanly (and frees the data directory) on
SIGINT, SIGTERM and SIGHUP, and when the process that started it exits (e.g.
npx, whose shell wrapper does not pass signals on); a second signal exits at once.

Options:
  --port N   listen port (default: $PORT or 8080)
  --host H   listen address (default 0.0.0.0)
  -h, --help show this help`,
  token: `Usage: candid token <sessionId>

Prints a fresh widget token for the session as JSON: { sessionId, token, expiresAt }.
With the embedded database, run it while "candid serve" is stopped (PGlite allows one
process per data directory); against a running server, POST /v1/sessions/{id}/token.`,
  audit: AUDIT_HELP,
  keys: KEYS_HELP,
  retention: `Usage: candid retention sweep [--now ISO-DATE]

Deletes what is due under each interview's retention (media, transcripts and
scores, upload leftovers, old audit rows), keeps a receipt per deletion, and
prints a summary as JSON. --now runs it as of another date (testing a policy).
With the embedded database, run it while "candid serve" is stopped.`,
  migrate: `Usage: candid migrate

Applies pending migrations to the database and prints which ones ran.`,
};

async function resolveCliOptions(env: NodeJS.ProcessEnv): Promise<CandidOptions> {
  const fromEnv = optionsFromEnv(env);
  const dataDir = path.resolve(fromEnv.dataDir ?? '.candid-data');
  return { ...fromEnv, dataDir, secret: env.CANDID_SECRET ?? (await loadOrCreateDevSecret(dataDir)) };
}

async function serve(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return void console.log(HELP.serve);
  // Signals and the parent's death are followed from the first moment (opening the embedded
  // database takes seconds): a stop asked for meanwhile happens as soon as the start is done.
  let stopping = false;
  let server: ReturnType<ReturnType<typeof express>['listen']> | undefined;
  let candid: ReturnType<typeof createCandid> | undefined;
  const exitAfterClose = () =>
    void (candid?.close() ?? Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`[candid] closing failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  const stop = (why: string) => {
    if (stopping) {
      // A second signal while draining: leave now (the lock file is removed on exit).
      console.log(`[candid] ${why} again: exiting at once`);
      process.exit(1);
    }
    stopping = true;
    console.log(`[candid] shutting down (${why})`);
    watchdog?.stop();
    // Draining must not hang forever: the lock is released on exit either way.
    setTimeout(() => {
      console.error('[candid] shutdown took longer than 15 s: exiting');
      process.exit(1);
    }, 15_000).unref();
    if (!server) return; // still starting: stopped right after
    server.close(exitAfterClose);
    server.closeAllConnections();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal));
  // `npx candid serve` runs us as npm → sh -c → node, and npm forwards SIGTERM/SIGINT to the shell
  // only: the shell dies and we would stay behind, holding the data directory. We follow our parent.
  const watchdog = watchParent(() => stop('parent process exited'));

  const options = await resolveCliOptions(env);
  candid = createCandid(options);
  await candid.start();
  if (stopping) return exitAfterClose();
  if (candid.options.apiKeys.length === 0) console.warn('[candid] CANDID_API_KEYS is empty: the ATS routes will refuse every request.');
  const app = express();
  app.disable('x-powered-by');
  // The client address (auth throttling, consent records) is the socket's unless a proxy is trusted.
  app.set('trust proxy', trustProxySetting(env.CANDID_TRUST_PROXY));
  app.use(candid.router);
  const port = Number(values.port ?? env.PORT ?? 8080);
  const host = values.host ?? '0.0.0.0';
  const dataDir = candid.options.dataDir;
  server = app.listen(port, host, () => console.log(`[candid] listening on http://${host}:${port} (data in ${dataDir})`));
  // Idle keep-alive sockets outlive the clients' and load balancers' own idle timeouts (60 s is
  // common): with Node's 5 s a client reusing a socket just as the server closes it gets ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

/** `CANDID_TRUST_PROXY`: unset = false; a whole number = hops; otherwise Express's address list. */
function trustProxySetting(value: string | undefined): boolean | number | string {
  const text = value?.trim();
  if (!text || text === '0' || text === 'false') return false;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  if (text === 'true') throw new Error('CANDID_TRUST_PROXY=true would trust X-Forwarded-For from anyone (and let every client pick its address): give the hop count or the proxy addresses instead.');
  return text;
}

async function token(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help || positionals.length !== 1) {
    console.log(HELP.token);
    if (!values.help) process.exitCode = 2;
    return;
  }
  // Offline tool: no background workers, and stdout carries only the JSON.
  const candid = createCandid({ ...(await resolveCliOptions(env)), workers: false }, { logger: defaultLogger('error') });
  await candid.start();
  try {
    console.log(JSON.stringify(await candid.sessions.issueToken(positionals[0]!), null, 2));
  } finally {
    await candid.close();
  }
}

async function migrateCommand(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) return void console.log(HELP.migrate);
  const options = optionsFromEnv(env);
  const dataDir = path.resolve(options.dataDir ?? '.candid-data');
  const schema = options.databaseSchema ?? 'candid';
  const db = await openDatabase({ url: options.databaseUrl, pgliteDirectory: path.join(dataDir, 'db'), schema });
  try {
    const applied = await migrate(db, schema);
    console.log(applied.length ? `[candid] applied migrations: ${applied.join(', ')}` : '[candid] database is up to date');
  } finally {
    await db.close();
  }
}

async function retentionCommand(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { now: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help || positionals[0] !== 'sweep' || positionals.length !== 1) {
    console.log(HELP.retention);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const parsed = values.now === undefined ? new Date() : parseBoundedDate(values.now);
  if (typeof parsed === 'string') throw new Error(`--now ${parsed}, got ${JSON.stringify(values.now)}`);
  const now = parsed;
  const candid = createCandid({ ...(await resolveCliOptions(env)), workers: false }, { logger: defaultLogger('error') });
  await candid.start();
  try {
    const result = await candid.rights.retention.sweep({ now });
    console.log(JSON.stringify({ ...result, receipts: result.receipts.map((r) => r.id) }, null, 2));
  } finally {
    await candid.close();
  }
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const [command, ...rest] = argv;
  // Everything this process creates (the embedded database, media, the secret, lock files) is
  // owner-only, whatever the shell's umask: PGlite and tus create files with the process umask.
  process.umask(0o077);
  switch (command) {
    case 'serve':
      return serve(rest, env);
    case 'token':
      return token(rest, env);
    case 'audit':
      return auditCommand(rest, env);
    case 'retention':
      return retentionCommand(rest, env);
    case 'keys':
      return keysCommand(rest, env, resolveCliOptions);
    case 'migrate':
      return migrateCommand(rest, env);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      console.log(HELP.main);
      return;
    default:
      console.error(`candid: unknown command "${command}"\n\n${HELP.main}`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Typed errors keep their code (MASTER_KEY_MISMATCH, CONFIG_INVALID…): it names the docs page.
  const code = isCandidError(error) ? `${error.code}: ` : '';
  console.error(`[candid] ${code}${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
