// Copyright The loopback-security-monorepo authors. License: MIT.

import {withConnection} from '@loopback/authorization-postgres';
import debugFactory from 'debug';
import type {DbDataSource} from './db.datasource';

const debug = debugFactory('loopback:example:access-control:setup-lock');

/**
 * The key of the PostgreSQL advisory lock of the set-up, as the text
 * `hashtext()` turns into the lock's number
 */
const SETUP_LOCK = 'loopback-example-access-control:setup';

/**
 * How long an instance waits for another's set-up, at most: the steps take
 * a second or so; this leaves room for a slow database or many instances
 */
const SETUP_WAIT_MS = 120_000;

/**
 * Run a set-up step (create the tables, seed the demo data or the rules)
 * under a PostgreSQL advisory lock that every instance of the example takes
 * on the same database: instances started at the same moment run the steps
 * one after the other, so each step sees what the one before wrote and
 * creates nothing twice. In memory mode there is one instance: it runs the
 * step.
 *
 * @remarks
 * A session lock on a connection of the datasource's pool, held for the
 * step and released after it; if the connection fails, the lock goes with
 * it, and the connection is destroyed rather than handed back
 * (`withConnection` of `@loopback/authorization-postgres`).
 *
 * @param dataSource - The `db` datasource
 * @param step - What to run under the lock
 */
export async function withSetupLock<T>(
  dataSource: DbDataSource,
  step: () => Promise<T>,
): Promise<T> {
  const pool = dataSource.postgresPool;
  if (!pool) return step();
  return withConnection(pool, async (client, discard) => {
    // Tried again and again rather than waited for in one query: a query
    // that waits longer than the pool's query timeout would be cut off
    const deadline = Date.now() + SETUP_WAIT_MS;
    for (let wait = 50; ; wait = Math.min(2 * wait, 1000)) {
      const {rows} = await client.query<{locked: boolean}>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [SETUP_LOCK],
      );
      if (rows[0].locked) break;
      if (Date.now() > deadline) {
        throw new Error(
          `Another instance held the set-up lock for more than ${SETUP_WAIT_MS / 1000} s`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, wait));
    }
    debug('Took the set-up lock');
    try {
      return await step();
    } finally {
      // If this fails, the connection is destroyed, which releases the lock
      await client
        .query('SELECT pg_advisory_unlock(hashtext($1))', [SETUP_LOCK])
        .catch(discard);
    }
  });
}
