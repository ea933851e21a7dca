// Copyright The loopback-security-monorepo authors. License: MIT.

import type {Pool, PoolClient} from 'pg';
import {withConnection} from './connection';

/**
 * Run queries in one transaction on one connection of the pool: committed
 * when `run` resolves, rolled back when it rejects. The connection is held
 * as {@link withConnection} holds it: a failure of the database never
 * crashes the process, and a connection that failed or could not roll back
 * is destroyed rather than handed back.
 * @param pool - The pool
 * @param run - The queries
 * @param begin - The statement that starts the transaction, such as
 * `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`
 */
export function inTransaction<T>(
  pool: Pool,
  run: (client: PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  return withConnection(pool, async (client, discard) => {
    await client.query(begin);
    try {
      const result = await run(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(discard);
      throw err;
    }
  });
}
