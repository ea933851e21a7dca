// Copyright The loopback-security-monorepo authors. License: MIT.

import type {Pool, PoolClient} from 'pg';
import {isDatabaseUnavailable} from './connection-errors';

/**
 * Run `use` on one connection of a pool, with an `'error'` listener on it
 * for as long as it is held, then hand it back, or destroy it when it
 * failed.
 *
 * @remarks
 * `pg` emits `'error'` on a client whose connection the server ends (a
 * restart, `pg_terminate_backend`), and an unhandled one ends the process.
 * The pool listens while a connection is idle and stops when it hands it
 * out; a promise of `pool.connect()` resolves a moment later, and the
 * server's message can be parsed in between (it may come in the same packet
 * as the end of the connection's start-up). So the listener is attached in
 * the pool's callback, at once. A connection whose use failed because the
 * database was away, or that `use` discards, is destroyed rather than handed
 * back to the pool.
 *
 * @param pool - The pool
 * @param use - What to run; `discard(err)` marks the connection as not to
 * be reused
 */
export async function withConnection<T>(
  pool: Pool,
  use: (client: PoolClient, discard: (err: Error) => void) => Promise<T>,
): Promise<T> {
  let broken: Error | undefined;
  const discard = (err: Error) => {
    broken ??= err;
  };
  const client = await new Promise<PoolClient>((resolve, reject) => {
    pool.connect((err, connected) => {
      if (err) return reject(err);
      const held = connected as PoolClient;
      held.on('error', discard);
      resolve(held);
    });
  });
  try {
    return await use(client, discard);
  } catch (err) {
    if (isDatabaseUnavailable(err)) discard(err as Error);
    throw err;
  } finally {
    client.off('error', discard);
    client.release(broken);
  }
}
