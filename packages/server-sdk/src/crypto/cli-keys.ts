import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createCandid } from '../candid.js';
import type { CandidOptions } from '../config.js';
import { pino } from 'pino';

export const KEYS_HELP = `Usage: candid keys <rotate | status | generate> [--id KID]

Master keys (CANDID_MASTER_KEYS="kid1:<base64>,kid2:<base64>", first = current)
wrap each session's data key; the data keys encrypt candidate content and media.

  status     how many data keys each master key wraps (destroyed keys: "destroyed")
  rotate     re-wrap every data key under the current (first) master key, so older
             ones can be removed from CANDID_MASTER_KEYS. Exits 1 if some data keys
             are wrapped under a key that is not configured.
  generate   print a new master key entry "KID:<base64 of 32 random bytes>"
             (--id KID, default k<yyyymmdd>), to put first in CANDID_MASTER_KEYS

Rotation: put the new key first and keep the old one after it, restart, run
"candid keys rotate", then remove the old key. Media files need no rewrite: they
are encrypted under the data keys, which do not change.
With the embedded database, run it while "candid serve" is stopped.`;

export async function keysCommand(args: string[], env: NodeJS.ProcessEnv, resolveOptions: (env: NodeJS.ProcessEnv) => Promise<CandidOptions>): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { id: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const action = positionals[0];
  if (values.help || positionals.length !== 1 || !['rotate', 'status', 'generate'].includes(action!)) {
    console.log(KEYS_HELP);
    if (!values.help) process.exitCode = 2;
    return;
  }
  if (action === 'generate') {
    const id = values.id ?? `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
    console.log(`${id}:${randomBytes(32).toString('base64')}`);
    return;
  }
  // `status` must run on a mismatched configuration too (to diagnose it); `rotate` must not.
  // Errors (a key check that failed, for `status`) on stderr: stdout carries only the JSON.
  const logger = pino({ name: 'candid', level: 'error' }, process.stderr);
  const candid = createCandid({ ...(await resolveOptions(env)), workers: false }, { logger, keyCheck: action === 'status' ? 'warn' : 'refuse' });
  await candid.start();
  try {
    const keys = candid.dataKeys;
    const current = keys.keyring.current.id;
    if (action === 'status') {
      const counts = await keys.countByKid();
      console.log(JSON.stringify({ current, configured: keys.keyring.ids(), dataKeys: counts.map((c) => ({ kid: c.kid ?? 'destroyed', count: c.keys })) }, null, 2));
      return;
    }
    const result = await keys.rewrapAll();
    console.log(JSON.stringify({ current, ...result }, null, 2));
    if (result.missingKids.length > 0) {
      console.error(`[candid] some data keys are wrapped under master keys that are not configured: ${result.missingKids.join(', ')}. Add them to CANDID_MASTER_KEYS (after the current one) and run again.`);
      process.exitCode = 1;
    }
  } finally {
    await candid.close();
  }
}
