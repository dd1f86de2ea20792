#!/usr/bin/env node
import path from 'node:path';
import { parseArgs } from 'node:util';
import express from 'express';
import { createCandid } from './candid.js';
import { defaultLogger } from './logger.js';
import { type CandidOptions, optionsFromEnv } from './config.js';
import { openDatabase } from './db/open-database.js';
import { loadOrCreateDevSecret } from './dev-secret.js';
import { migrate } from './db/migrations.js';
import { AUDIT_HELP, auditCommand } from './audit/cli-audit.js';
import { KEYS_HELP, keysCommand } from './crypto/cli-keys.js';

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
  CANDID_API_KEYS     comma-separated API keys for the ATS routes
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
endpoint is http://HOST:PORT). Stops cleanly on SIGINT/SIGTERM.

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
  const options = await resolveCliOptions(env);
  const candid = createCandid(options);
  await candid.start();
  if (candid.options.apiKeys.length === 0) console.warn('[candid] CANDID_API_KEYS is empty: the ATS routes will refuse every request.');
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(candid.router);
  const port = Number(values.port ?? env.PORT ?? 8080);
  const host = values.host ?? '0.0.0.0';
  const server = app.listen(port, host, () => console.log(`[candid] listening on http://${host}:${port} (data in ${candid.options.dataDir})`));
  const stop = () => {
    console.log('[candid] shutting down');
    server.close(() => void candid.close().then(() => process.exit(0)));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
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
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO date, got ${JSON.stringify(values.now)}`);
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
  console.error(`[candid] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
