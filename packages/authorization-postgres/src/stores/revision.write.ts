// Copyright The loopback-security-monorepo authors. License: MIT.

import debugFactory from 'debug';
import type {Pool, PoolClient} from 'pg';
import {WriteResult} from './store.types';
import {LoggedChange} from './change-rows';
import {inTransaction} from './transaction';

const debug = debugFactory('loopback:authorization:postgres:store');

/**
 * Run a write in one transaction that takes the next revision, applies the
 * write, logs its changes and notifies; a write that changes nothing takes
 * no revision.
 *
 * @remarks
 * Taking the revision locks its single row: every write waits for the one
 * before to commit, and what it then checks (a revocation, a taken rule id)
 * is read after that commit. So writes of rules, roles and revocations are
 * atomic with respect to each other, on any number of instances.
 *
 * @param pool - The pool
 * @param table - The qualified name of a table of the schema
 * @param channel - The NOTIFY channel
 * @param apply - The write: its rows, then the changes to log
 */
export function writeRevision(
  pool: Pool,
  table: (name: string) => string,
  channel: string,
  apply: (client: PoolClient, revision: number) => Promise<LoggedChange[]>,
): Promise<WriteResult> {
  return inTransaction(pool, async client => {
    const taken = await client.query<{value: string}>(
      `UPDATE ${table('revision')} SET value = value + 1 RETURNING value`,
    );
    const revision = Number(taken.rows[0].value);
    const changes = await apply(client, revision);
    if (changes.length === 0) {
      // Nothing changed: give the revision back, so that none is skipped
      await client.query(`UPDATE ${table('revision')} SET value = value - 1`);
      return {revision: revision - 1, changed: false};
    }
    await client.query(
      `INSERT INTO ${table('change_log')}
         (revision, seq, kind, op, key, tenant, body)
       SELECT $1, seq, kind, op, key, tenant, body
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[],
                   $6::jsonb[]) WITH ORDINALITY
         AS c(kind, op, key, tenant, body, seq)`,
      [
        revision,
        changes.map(c => c.kind),
        changes.map(c => c.op),
        changes.map(c => c.key),
        changes.map(c => c.tenant ?? ''),
        changes.map(c => c.body ?? null),
      ],
    );
    await client.query('SELECT pg_notify($1, $2)', [channel, String(revision)]);
    debug('Writing revision %d (%d changes)', revision, changes.length);
    return {revision, changed: true};
  });
}
