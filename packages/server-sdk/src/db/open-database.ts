import type { Database } from './database.js';
import type { Logger } from '../logger.js';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface DatabaseOptions {
  /** PostgreSQL connection string; absent = embedded PGlite in `pgliteDirectory`. */
  url?: string | undefined;
  pgliteDirectory: string;
  /** Schema holding the SDK's tables (default `candid`). */
  schema: string;
  /** Told when a stale PGlite lock (its process died) is cleared. */
  logger?: Pick<Logger, 'warn'> | undefined;
}

export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`Invalid database schema name ${JSON.stringify(schema)}: use lowercase letters, digits and _.`);
}

/** Opens PostgreSQL when a URL is given, PGlite otherwise; both end up in the same schema. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  assertSchemaName(options.schema);
  if (options.url) {
    const { openPostgresDatabase } = await import('./postgres-database.js');
    return openPostgresDatabase({ url: options.url, schema: options.schema });
  }
  const { openPGliteDatabase } = await import('./pglite-database.js');
  return openPGliteDatabase(options.pgliteDirectory, options.schema, options.logger);
}
