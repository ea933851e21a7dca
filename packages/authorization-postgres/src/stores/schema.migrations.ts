// Copyright The loopback-security-monorepo authors. License: MIT.

import debugFactory from 'debug';
import type {Pool} from 'pg';
import {createStoreError, PostgresAuthorizationErrorCode} from '../errors';
import {inTransaction} from './transaction';

const debug = debugFactory('loopback:authorization:postgres:schema');

/**
 * The schema versions, in order: step `i` takes the schema from version `i`
 * to `i + 1`. Released steps never change; a new version appends a step.
 * `$S` stands for the quoted schema name.
 */
const MIGRATIONS: readonly string[] = [
  `
  -- One row: the last revision handed out. Writers lock this row to take
  -- the next revision, so revisions commit in order and a reader that saw
  -- revision n has seen every revision below n.
  CREATE TABLE $S.revision (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    value bigint NOT NULL
  );
  INSERT INTO $S.revision (value) VALUES (0);

  CREATE TABLE $S.rules (
    id text PRIMARY KEY CHECK (id <> ''),
    body jsonb NOT NULL,
    revision bigint NOT NULL
  );

  CREATE TABLE $S.role_assignments (
    principal text NOT NULL CHECK (principal <> ''),
    tenant text NOT NULL DEFAULT '',
    roles text[] NOT NULL,
    revision bigint NOT NULL,
    PRIMARY KEY (principal, tenant)
  );

  -- Every change, with what it wrote, so that an instance applies changes
  -- one by one instead of reloading everything
  CREATE TABLE $S.change_log (
    revision bigint NOT NULL,
    seq integer NOT NULL,
    kind text NOT NULL CHECK (kind IN ('rule', 'roles')),
    op text NOT NULL CHECK (op IN ('upsert', 'remove', 'set')),
    key text NOT NULL,
    tenant text NOT NULL DEFAULT '',
    body jsonb,
    changed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (revision, seq)
  );
  `,
  `
  -- The change log is pruned: a reader whose revision is below
  -- pruned_through has missed changes it can no longer read and loads a
  -- snapshot instead
  ALTER TABLE $S.revision ADD COLUMN pruned_through bigint NOT NULL DEFAULT 0;
  CREATE INDEX change_log_changed_at ON $S.change_log (changed_at);
  `,
  `
  -- Revoked principals (deleted or disabled users): a revoked principal
  -- holds no role and gets none; revoked_at stays when it is restored, so
  -- that what was issued to it before stays refused
  CREATE TABLE $S.principal_revocations (
    principal text PRIMARY KEY CHECK (principal <> ''),
    revoked boolean NOT NULL,
    revoked_at timestamptz NOT NULL,
    revision bigint NOT NULL
  );
  ALTER TABLE $S.change_log DROP CONSTRAINT change_log_kind_check;
  ALTER TABLE $S.change_log ADD CONSTRAINT change_log_kind_check
    CHECK (kind IN ('rule', 'roles', 'principal'));
  ALTER TABLE $S.change_log DROP CONSTRAINT change_log_op_check;
  ALTER TABLE $S.change_log ADD CONSTRAINT change_log_op_check
    CHECK (op IN ('upsert', 'remove', 'set', 'revoke', 'restore'));
  `,
];

/**
 * The schema version this package writes and reads
 */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * The default schema of the tables
 */
export const DEFAULT_SCHEMA = 'authorization';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,56}$/;

/**
 * Check a schema name and quote it for SQL
 * @param schema - A lower-case identifier of at most 57 characters
 */
export function quoteSchema(schema: unknown): string {
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema)) {
    throw createStoreError(
      `Invalid PostgreSQL schema name ${JSON.stringify(schema) ?? String(schema)}: ` +
        'expected a lower-case identifier of at most 57 characters ' +
        '(letters, digits, underscores)',
      500,
      PostgresAuthorizationErrorCode.INVALID_OPTIONS,
    );
  }
  return `"${schema}"`;
}

/**
 * Create the schema or bring it to {@link SCHEMA_VERSION}, in one
 * transaction under an advisory lock, so that instances starting together
 * migrate once
 * @param pool - The pool to use
 * @param schema - The schema name
 * @returns The version the schema was at before
 */
export async function migrateSchema(
  pool: Pool,
  schema: string,
): Promise<number> {
  const quoted = quoteSchema(schema);
  return inTransaction(pool, async client => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `loopback-authorization-postgres:${schema}`,
    ]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${quoted}.schema_version (
         version integer NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const {rows} = await client.query<{version: number | null}>(
      `SELECT max(version) AS version FROM ${quoted}.schema_version`,
    );
    const from = rows[0].version ?? 0;
    if (from > SCHEMA_VERSION) {
      throw createStoreError(
        `The authorization schema "${schema}" is at version ${from}, newer ` +
          `than version ${SCHEMA_VERSION} this package knows: upgrade it`,
        500,
        PostgresAuthorizationErrorCode.SCHEMA_TOO_NEW,
      );
    }
    for (let version = from; version < SCHEMA_VERSION; version++) {
      debug('Migrating schema %s to version %d', schema, version + 1);
      await client.query(MIGRATIONS[version].replace(/\$S/g, quoted));
      await client.query(
        `INSERT INTO ${quoted}.schema_version (version) VALUES ($1)`,
        [version + 1],
      );
    }
    return from;
  });
}
