import pg from 'pg';
import type { Database, Queryable } from './database.js';

/** PostgreSQL through `pg`: the production store, shared by every server instance. */
export async function openPostgresDatabase(options: { url: string; schema: string; poolSize?: number }): Promise<Database & { pool: pg.Pool }> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // Every connection works inside the SDK's schema; the name is validated by the caller.
    options: `-c search_path=${options.schema}`,
    application_name: 'candid',
  });
  // An idle client's error (server restart, network) must not crash the process; pg reconnects.
  pool.on('error', () => {});
  const client = await pool.connect().catch((error: Error) => {
    throw new Error(`Could not connect to PostgreSQL (DATABASE_URL): ${error.message}`, { cause: error });
  });
  client.release();

  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await q.query(sql, params);
      return { rows: result.rows as Row[] };
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  return {
    ...wrap(pool),
    pool,
    async transaction(work) {
      const tx = await pool.connect();
      try {
        await tx.query('begin');
        const result = await work(wrap(tx));
        await tx.query('commit');
        return result;
      } catch (error) {
        await tx.query('rollback').catch(() => {});
        throw error;
      } finally {
        tx.release();
      }
    },
    close: () => pool.end(),
  };
}
