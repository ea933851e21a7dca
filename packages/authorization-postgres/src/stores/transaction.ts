// Copyright The loopback-security-monorepo authors. License: MIT.

import type {Pool, PoolClient} from 'pg';

/**
 * Run queries in one transaction on one connection of the pool: committed
 * when `run` resolves, rolled back when it rejects
 * @param pool - The pool
 * @param run - The queries
 * @param begin - The statement that starts the transaction, such as
 * `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`
 */
export async function inTransaction<T>(
  pool: Pool,
  run: (client: PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await run(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
