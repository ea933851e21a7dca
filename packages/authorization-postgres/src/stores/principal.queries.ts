// Copyright The loopback-security-monorepo authors. License: MIT.

import type {PoolClient} from 'pg';
import {createStoreError, PostgresAuthorizationErrorCode} from '../errors';
import {LoggedChange, revocationChange, roleChange} from './change-rows';

// The writes of principal revocations, run inside the store's write
// transaction: after the revision row is locked, so that they are ordered
// with every other write, role writes included.

/**
 * The revocation time as milliseconds since the epoch
 */
const REVOKED_AT_MS = `(extract(epoch FROM revoked_at) * 1000)::float8`;

/**
 * Throw the 409 error of a role write for a revoked principal
 * @param client - The connection of the write transaction
 * @param table - The qualified name of a table of the schema
 * @param principal - The principal
 */
export async function refuseRevoked(
  client: PoolClient,
  table: (name: string) => string,
  principal: string,
): Promise<void> {
  const {rowCount} = await client.query(
    `SELECT 1 FROM ${table('principal_revocations')}
     WHERE principal = $1 AND revoked`,
    [principal],
  );
  if (rowCount) {
    throw createStoreError(
      `Principal "${principal}" is revoked: it can be given no role`,
      409,
      PostgresAuthorizationErrorCode.PRINCIPAL_REVOKED,
    );
  }
}

/**
 * Remove every role of a principal and mark it revoked
 * @param client - The connection of the write transaction
 * @param table - The qualified name of a table of the schema
 * @param principal - The principal
 * @param revision - The revision of the write
 * @returns The changes to log: none when it was revoked already
 */
export async function revokePrincipal(
  client: PoolClient,
  table: (name: string) => string,
  principal: string,
  revision: number,
): Promise<LoggedChange[]> {
  const removed = await client.query<{tenant: string}>(
    `DELETE FROM ${table('role_assignments')}
     WHERE principal = $1 RETURNING tenant`,
    [principal],
  );
  const changes = removed.rows.map(row =>
    roleChange(principal, row.tenant, []),
  );
  const revocations = table('principal_revocations');
  const {rows} = await client.query<{revokedAt: number}>(
    `INSERT INTO ${revocations} (principal, revoked, revoked_at, revision)
     VALUES ($1, true, clock_timestamp(), $2)
     ON CONFLICT (principal) DO UPDATE
       SET revoked = true, revoked_at = clock_timestamp(), revision = $2
       WHERE NOT ${revocations}.revoked
     RETURNING ${REVOKED_AT_MS} AS "revokedAt"`,
    [principal, revision],
  );
  if (rows.length > 0) {
    changes.push(revocationChange(principal, true, rows[0].revokedAt));
  }
  return changes;
}

/**
 * Restore a revoked principal: it may be given roles again; its revocation
 * time stays
 * @param client - The connection of the write transaction
 * @param table - The qualified name of a table of the schema
 * @param principal - The principal
 * @param revision - The revision of the write
 * @returns The changes to log: none when it was not revoked
 */
export async function restorePrincipal(
  client: PoolClient,
  table: (name: string) => string,
  principal: string,
  revision: number,
): Promise<LoggedChange[]> {
  const {rows} = await client.query<{revokedAt: number}>(
    `UPDATE ${table('principal_revocations')}
     SET revoked = false, revision = $2
     WHERE principal = $1 AND revoked
     RETURNING ${REVOKED_AT_MS} AS "revokedAt"`,
    [principal, revision],
  );
  return rows.map(row => revocationChange(principal, false, row.revokedAt));
}

/**
 * Every revocation, for a snapshot
 * @param client - The connection of the snapshot transaction
 * @param table - The qualified name of a table of the schema
 */
export async function readRevocations(
  client: PoolClient,
  table: (name: string) => string,
) {
  const {rows} = await client.query<{
    principal: string;
    revoked: boolean;
    revokedAt: number;
  }>(
    `SELECT principal, revoked, ${REVOKED_AT_MS} AS "revokedAt"
     FROM ${table('principal_revocations')} ORDER BY principal`,
  );
  return rows;
}
