// Copyright The loopback-security-monorepo authors. License: MIT.

import type {Pool} from 'pg';
import {RoleAssignment, StoredRule, StoreSnapshot} from './store.types';
import {deepFreeze, toAssignment, toRevocation} from './change-rows';
import {readRevocations} from './principal.queries';
import {inTransaction} from './transaction';

/**
 * Everything the store holds, read in one `REPEATABLE READ` transaction so
 * that the revision and the rows agree, and frozen
 * @param pool - The pool
 * @param table - The qualified name of a table of the schema
 */
export function readSnapshot(
  pool: Pool,
  table: (name: string) => string,
): Promise<StoreSnapshot> {
  return inTransaction(
    pool,
    async client => {
      const revision = await client.query<{value: string}>(
        `SELECT value FROM ${table('revision')}`,
      );
      const rules = await client.query<{body: StoredRule}>(
        `SELECT body FROM ${table('rules')} ORDER BY id`,
      );
      const roles = await client.query<RoleAssignment & {roles: string[]}>(
        `SELECT principal, tenant, roles FROM ${table('role_assignments')}
         ORDER BY principal, tenant`,
      );
      const revocations = await readRevocations(client, table);
      return Object.freeze({
        revision: Number(revision.rows[0].value),
        rules: Object.freeze(rules.rows.map(row => deepFreeze(row.body))),
        roleAssignments: Object.freeze(
          roles.rows.map(row =>
            toAssignment(row.principal, row.tenant, row.roles),
          ),
        ),
        revocations: Object.freeze(
          revocations.map(row =>
            toRevocation(row.principal, row.revoked, row.revokedAt),
          ),
        ),
      });
    },
    'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  );
}
