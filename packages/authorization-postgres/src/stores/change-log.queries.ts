// Copyright The loopback-security-monorepo authors. License: MIT.

import type {Pool} from 'pg';
import {checkNumberOption} from './store-input';
import {ChangeBatch} from './store.types';
import {ChangeRow, toChange} from './change-rows';
import {inTransaction} from './transaction';

// The queries of the change log that are not writes: reading the changes
// after a revision, and pruning old rows.

/**
 * The changes after a revision, in order: those of at most `limit`
 * revisions, never part of one; read in one statement (one snapshot) with
 * how far the log was pruned
 * @param pool - The pool
 * @param table - The qualified name of a table of the schema
 * @param revision - The revision already applied
 * @param limit - The most revisions to read
 */
export async function readChangesAfter(
  pool: Pool,
  table: (name: string) => string,
  revision: number,
  limit: number,
): Promise<ChangeBatch> {
  const log = table('change_log');
  const {rows} = await pool.query<ChangeRow & {prunedThrough: string}>(
    `WITH changes AS (
       SELECT revision, seq, kind, op, key, tenant, body FROM ${log}
       WHERE revision IN (
         SELECT DISTINCT revision FROM ${log} WHERE revision > $1
         ORDER BY revision LIMIT $2))
     SELECT r.pruned_through AS "prunedThrough", c.*
     FROM ${table('revision')} r LEFT JOIN changes c ON true
     ORDER BY c.revision, c.seq`,
    [revision, limit],
  );
  return {
    prunedThrough: Number(rows[0].prunedThrough),
    changes: rows.filter(row => row.revision !== null).map(toChange),
  };
}

/**
 * Remove the change-log rows older than a retention period, keeping the
 * latest revision's, and record how far the log is pruned
 * @param pool - The pool
 * @param table - The qualified name of a table of the schema
 * @param olderThanMs - The retention period, in milliseconds
 * @returns The revision the log is now pruned through
 */
export async function pruneChangeLog(
  pool: Pool,
  table: (name: string) => string,
  olderThanMs: number,
): Promise<number> {
  checkNumberOption('change log pruning', 'olderThanMs', olderThanMs, 0);
  return inTransaction(pool, async client => {
    // Under the writers' lock: no revision commits while the log shrinks
    const {rows} = await client.query<{value: string}>(
      `SELECT value FROM ${table('revision')} FOR UPDATE`,
    );
    const {rows: pruned} = await client.query<{revision: string | null}>(
      `WITH gone AS (
         DELETE FROM ${table('change_log')}
         WHERE changed_at < now() - $1 * interval '1 millisecond'
           AND revision < $2
         RETURNING revision)
       SELECT max(revision) AS revision FROM gone`,
      [olderThanMs, rows[0].value],
    );
    const {rows: updated} = await client.query<{prunedThrough: string}>(
      `UPDATE ${table('revision')}
       SET pruned_through = greatest(pruned_through, $1)
       RETURNING pruned_through AS "prunedThrough"`,
      [pruned[0].revision ?? 0],
    );
    return Number(updated[0].prunedThrough);
  });
}
