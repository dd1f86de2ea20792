import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseBoundedDate } from '../validation.js';
import { optionsFromEnv } from '../config.js';
import { migrate } from '../db/migrations.js';
import { openDatabase } from '../db/open-database.js';
import { AuditLog } from './audit-log.js';

export const AUDIT_HELP = `Usage: candid audit <verify|export> [options]

  verify                       Walk the hash chain of the audit log. Exits 0 when every
                               row fits, from seq 1 or a retention checkpoint up to the
                               last row ever written; otherwise exits 1 and prints the
                               first bad row (seq, id, reason): altered, deleted (head,
                               middle or tail) or truncated rows.
  export [--from D] [--to D]   Print the audit rows with from <= time < to as JSON lines
                               (ISO dates or date-times; both optional).

The audit log holds actor, action, object, time and request id, never content.
With the embedded database, run it while "candid serve" is stopped.

Options:
  -h, --help   show this help`;

function parseDate(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = parseBoundedDate(value);
  if (typeof date === 'string') throw new Error(`--${name} ${date}, got ${JSON.stringify(value)}`);
  return date;
}

/** `candid audit verify | export`: works on the database directly (no server, no workers). */
export async function auditCommand(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const sub = positionals[0];
  if (values.help || (sub !== 'verify' && sub !== 'export') || positionals.length !== 1) {
    console.log(AUDIT_HELP);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const from = parseDate(values.from, 'from');
  const to = parseDate(values.to, 'to');
  const options = optionsFromEnv(env);
  const dataDir = path.resolve(options.dataDir ?? '.candid-data');
  const schema = options.databaseSchema ?? 'candid';
  const db = await openDatabase({ url: options.databaseUrl, pgliteDirectory: path.join(dataDir, 'db'), schema });
  try {
    await migrate(db, schema);
    const audit = new AuditLog(db);
    if (sub === 'verify') {
      const result = await audit.verify();
      if (result.ok) {
        const from = result.firstSeq !== null && result.firstSeq > 1 ? `, from the retention checkpoint at seq ${result.firstSeq}` : '';
        const pruned = result.rows === 0 && result.headSeq > 0 ? `, all ${result.headSeq} written row(s) pruned by retention` : '';
        console.log(`[candid] audit log OK: ${result.rows} row(s)${from}${pruned}${result.lastSeq !== null ? `, last seq ${result.lastSeq}, head ${result.lastHash}` : ''}`);
      } else {
        const id = result.firstBad.id ? ` (id ${result.firstBad.id})` : '';
        console.error(`[candid] audit log BROKEN at seq ${result.firstBad.seq}${id}: ${result.firstBad.reason}`);
        process.exitCode = 1;
      }
      return;
    }
    for await (const record of audit.export({ from, to })) process.stdout.write(`${JSON.stringify(record)}\n`);
  } finally {
    await db.close();
  }
}
