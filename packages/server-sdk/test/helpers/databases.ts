import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where the Postgres tests run; CI and dev machines have PostgreSQL 15 here (trust auth). */
export const TEST_DATABASE_URL = process.env.CANDID_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** Options for createCandid: a fresh schema per server on Postgres. */
  options(): { databaseUrl?: string; databaseSchema?: string };
  /** Drops what `options()` created. */
  cleanup(options: { databaseSchema?: string }): Promise<void>;
}

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

export const pglite: TestDatabase = {
  name: 'pglite',
  options: () => ({}),
  cleanup: async () => {},
};

export const postgres: TestDatabase = {
  name: 'postgres',
  options: () => ({ databaseUrl: TEST_DATABASE_URL, databaseSchema: `candid_t_${randomBytes(6).toString('hex')}` }),
  async cleanup({ databaseSchema }) {
    if (!databaseSchema) return;
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`drop schema if exists ${databaseSchema} cascade`);
    await client.query(`drop schema if exists ${databaseSchema}_jobs cascade`);
    await client.end();
  },
};

const unreachable = await postgresReachable();
if (unreachable) {
  console.warn(`[candid tests] PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${unreachable}): the Postgres variants are SKIPPED. Set CANDID_TEST_DATABASE_URL to run them.`);
}

/** PGlite always; PostgreSQL when reachable (the skip is announced, and counted by the runner). */
export const testDatabases: TestDatabase[] = unreachable ? [pglite] : [pglite, postgres];
export const postgresSkipReason: string | null = unreachable ? `PostgreSQL not reachable at ${TEST_DATABASE_URL}: ${unreachable}` : null;
