// Copyright The loopback-security-monorepo authors. License: MIT.

import type {Pool, PoolClient} from 'pg';

/**
 * Run queries in one transaction on one connection of the pool: committed
 * when `run` resolves, rolled back when it rejects
 *
 * @remarks
 * While it is checked out, the connection has an `'error'` listener: `pg`
 * emits an error on a client whose connection ends (a killed backend, a
 * restart), and an unhandled one would end the process. A connection that
 * failed, or could not roll back, is destroyed rather than handed back to
 * the pool.
 *
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
  let broken: Error | undefined;
  const onError = (err: Error) => (broken = err);
  client.on('error', onError);
  try {
    await client.query(begin);
    const result = await run(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken ??= rollbackError;
    });
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
