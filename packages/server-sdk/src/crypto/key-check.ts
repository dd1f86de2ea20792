import type { Queryable } from '../db/database.js';
import { CandidError } from '../errors.js';
import type { Logger } from '../logger.js';
import { decrypt, encrypt } from './aead.js';
import { unwrapsUnder } from './data-keys.js';
import { DERIVED_KID, type MasterKeyring } from './master-keys.js';

const CHECK_TEXT = Buffer.from('candid master key check v1');
const checkAad = (kid: string) => Buffer.from(`candid/key-check/v1|${kid}`);

export interface KeyCheckResult {
  /** Key ids whose check value was written at this start (first start with that key). */
  recorded: string[];
  /** Key ids whose bytes differ from the database's record (only with `mode: 'warn'`). */
  mismatched: string[];
  /** Key ids that wrap live data keys but are not configured (only with `mode: 'warn'`). */
  missing: string[];
}

/**
 * The start-up key check. Each master key id gets a check value sealed under it at its first
 * start (`master_key_checks`); a later start whose key bytes under that id differ is refused with
 * MASTER_KEY_MISMATCH, and one that lacks a key id still wrapping data keys with
 * ENCRYPTION_KEY_MISSING, instead of answering 500 DATA_INTEGRITY for every old session. A
 * database from before the check (no check value yet) is tested by unwrapping one of its data keys.
 * A differing key id that wraps no live data key is only re-recorded (nothing would be lost).
 */
export async function checkMasterKeys(
  db: Queryable,
  keyring: MasterKeyring,
  options: { dataDir?: string; logger?: Logger; mode?: 'refuse' | 'warn' } = {},
): Promise<KeyCheckResult> {
  const result: KeyCheckResult = { recorded: [], mismatched: [], missing: [] };
  const liveByKid = new Map(
    (await db.query<{ kid: string; n: string | number }>('select kid, count(*) as n from session_keys where wrapped is not null group by kid')).rows.map((r) => [r.kid, Number(r.n)]),
  );
  for (const kid of keyring.ids()) {
    const key = keyring.get(kid);
    const { rows } = await db.query<{ check_value: Buffer }>('select check_value from master_key_checks where kid = $1', [kid]);
    let matches: boolean;
    if (rows[0]) {
      matches = opens(key, kid, Buffer.from(rows[0].check_value));
    } else {
      // No check value yet (a database from before the check): one data key under this id tells.
      const sample = await db.query<{ session_id: string; wrapped: Buffer }>('select session_id, wrapped from session_keys where kid = $1 and wrapped is not null limit 1', [kid]);
      matches = !sample.rows[0] || unwrapsUnder(key, sample.rows[0].session_id, kid, Buffer.from(sample.rows[0].wrapped));
      if (matches) {
        await db.query('insert into master_key_checks (kid, check_value) values ($1, $2) on conflict (kid) do nothing', [kid, seal(key, kid)]);
        result.recorded.push(kid);
        // Another instance may have recorded it first, with other bytes.
        const again = await db.query<{ check_value: Buffer }>('select check_value from master_key_checks where kid = $1', [kid]);
        matches = opens(key, kid, Buffer.from(again.rows[0]!.check_value));
      }
    }
    if (matches) continue;
    if (!liveByKid.get(kid) && rows[0]) {
      // Nothing is wrapped under the old bytes any more (erased or rotated away): record the new ones.
      await db.query('update master_key_checks set check_value = $2, created_at = now() where kid = $1', [kid, seal(key, kid)]);
      options.logger?.warn({ kid }, 'master key check value replaced: no data key is wrapped under the previous key with this id');
      continue;
    }
    result.mismatched.push(kid);
  }
  const configured = new Set(keyring.ids());
  result.missing = [...liveByKid.keys()].filter((kid) => !configured.has(kid)).sort();

  if (result.mismatched.length > 0) {
    const error = new CandidError('MASTER_KEY_MISMATCH', mismatchMessage(result.mismatched, keyring, liveByKid, options.dataDir));
    if (options.mode !== 'warn') throw error;
    options.logger?.error({ code: error.code, kids: result.mismatched }, error.message);
  }
  if (result.missing.length > 0) {
    const error = new CandidError('ENCRYPTION_KEY_MISSING', missingMessage(result.missing, keyring, liveByKid));
    if (options.mode !== 'warn') throw error;
    options.logger?.error({ code: error.code, kids: result.missing }, error.message);
  }
  return result;
}

function seal(key: Buffer, kid: string): Buffer {
  return encrypt(key, CHECK_TEXT, checkAad(kid));
}

function opens(key: Buffer, kid: string, checkValue: Buffer): boolean {
  try {
    return decrypt(key, checkValue, checkAad(kid)).equals(CHECK_TEXT);
  } catch {
    return false;
  }
}

const count = (live: Map<string, number>, kids: string[]) => kids.reduce((n, kid) => n + (live.get(kid) ?? 0), 0);

function mismatchMessage(kids: string[], keyring: MasterKeyring, live: Map<string, number>, dataDir?: string): string {
  const sessions = count(live, kids);
  const what = `${sessions} session(s) in this database`;
  if (keyring.derived && kids.includes(DERIVED_KID)) {
    const secretFile = dataDir ? ` (a generated development secret is kept in ${dataDir}/secret)` : '';
    return (
      `CANDID_SECRET differs from the one this database was written with: no CANDID_MASTER_KEYS are set, so the master key "${DERIVED_KID}" is derived from CANDID_SECRET, ` +
      `and the data keys of ${what} do not open under it. Start with the CANDID_SECRET the data was written with${secretFile}, ` +
      'or point this configuration at another data directory (CANDID_DATA_DIR) or database. Nothing was changed.'
    );
  }
  const list = kids.map((k) => `"${k}"`).join(', ');
  return (
    `Master key ${list} in CANDID_MASTER_KEYS is not the key this database was written with under that id: the data keys of ${what} do not open under it. ` +
    'Put the original key bytes back under that id (a new key needs a new id: "candid keys generate"), or point this configuration at another data directory ' +
    '(CANDID_DATA_DIR) or database. Nothing was changed.'
  );
}

function missingMessage(kids: string[], keyring: MasterKeyring, live: Map<string, number>): string {
  const list = kids.map((k) => `"${k}"`).join(', ');
  const derived = kids.includes(DERIVED_KID)
    ? ` "${DERIVED_KID}" is the key derived from CANDID_SECRET when CANDID_MASTER_KEYS is unset: this data was written without master keys${keyring.derived ? '' : ', so start without CANDID_MASTER_KEYS (and with the same CANDID_SECRET) to read it'}.`
    : '';
  return (
    `The data keys of ${count(live, kids)} session(s) in this database are wrapped under master key(s) ${list}, which ${keyring.derived ? 'are not configured (CANDID_MASTER_KEYS is unset)' : 'CANDID_MASTER_KEYS does not name'}.${derived} ` +
    'Add the missing key(s) to CANDID_MASTER_KEYS after the current one (then "candid keys rotate"), or point this configuration at another data directory (CANDID_DATA_DIR) or database. Nothing was changed.'
  );
}
