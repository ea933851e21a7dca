// Copyright The loopback-security-monorepo authors. License: MIT.

import {describeValue} from '@loopback/authorization';
import type {Pool, PoolClient} from 'pg';
import {
  ChangeBatch,
  StoredRule,
  StoreSnapshot,
  WriteResult,
} from './store.types';
import {DEFAULT_SCHEMA} from './schema.migrations';
import {LoggedChange, roleChange} from './change-rows';
import {
  refuseRevoked,
  restorePrincipal,
  revokePrincipal,
} from './principal.queries';
import {readSnapshot} from './snapshot.queries';
import {migrateSchema, quoteSchema} from './schema.migrations';
import {pruneChangeLog, readChangesAfter} from './change-log.queries';
import {writeRevision} from './revision.write';
import {
  checkName,
  checkRoles,
  checkTenant,
  invalidInput,
  ruleToJson,
} from './store-input';

/**
 * The name of the NOTIFY channel of a schema
 * @param schema - The schema name
 */
export function notificationChannel(schema: string): string {
  return `authz_${schema}`;
}

/**
 * Rules and role assignments in PostgreSQL. Every write is one transaction
 * that takes the next revision, records what it changed in the change log
 * and notifies listeners with the revision as the only payload. Every write
 * answers a {@link WriteResult}: its revision, and whether it changed
 * anything (a write that changes nothing takes no revision and answers the
 * current one).
 *
 * @remarks
 * Writers take the revision by locking its single row, so revisions commit
 * in order: a reader that sees revision `n` has seen every revision below
 * it, and reading "the changes after my revision" never skips one.
 */
export class PostgresAuthorizationStore {
  private readonly table: (name: string) => string;

  /**
   * The pool the store queries through; its owner ends it
   */
  readonly pool: Pool;
  /**
   * The schema of the tables
   */
  readonly schema: string;
  /**
   * The NOTIFY channel of this store's schema
   */
  readonly channel: string;

  /**
   * @param pool - The `pg` pool to use; its owner ends it
   * @param schema - The schema of the tables, `authorization` by default
   */
  constructor(pool: Pool, schema: string = DEFAULT_SCHEMA) {
    this.pool = pool;
    this.schema = schema;
    const quoted = quoteSchema(schema);
    this.table = name => `${quoted}.${name}`;
    this.channel = notificationChannel(schema);
  }

  /**
   * Create the schema, or migrate it to this package's version
   * @returns The version it was at before (0 when created)
   */
  migrate(): Promise<number> {
    return migrateSchema(this.pool, this.schema);
  }

  /**
   * Create or replace rules, all in one revision
   * @param rules - Objects with a non-empty string `id`, kept as JSON
   * @returns The revision of the write (`changed` is true unless the list is
   * empty)
   */
  async upsertRules(rules: readonly StoredRule[]): Promise<WriteResult> {
    if (!Array.isArray(rules)) {
      throw invalidInput(
        `Invalid rules: expected an array, got ${describeValue(rules)}`,
      );
    }
    const rows = rules.map((rule, index) =>
      ruleToJson(rule, rules.length === 1 ? undefined : index),
    );
    return this.writeRules(rows);
  }

  /**
   * Create a rule whose id is not taken; a rule with the same id is left as
   * it is
   * @param rule - An object with a non-empty string `id`, kept as JSON
   * @returns Whether it was written, and the revision of the write (the
   * current revision when it was not)
   */
  async createRule(rule: StoredRule): Promise<WriteResult> {
    return this.writeRules([ruleToJson(rule)], false);
  }

  private writeRules(
    rows: [string, string][],
    replace = true,
  ): Promise<WriteResult> {
    const onConflict = replace
      ? 'DO UPDATE SET body = $2::jsonb, revision = $3'
      : 'DO NOTHING';
    return this.write(async (client, revision) => {
      const changes: LoggedChange[] = [];
      for (const [id, json] of rows) {
        const {rowCount} = await client.query(
          `INSERT INTO ${this.table('rules')} (id, body, revision)
           VALUES ($1, $2::jsonb, $3)
           ON CONFLICT (id) ${onConflict}`,
          [id, json, revision],
        );
        if (rowCount) {
          changes.push({kind: 'rule', op: 'upsert', key: id, body: json});
        }
      }
      return changes;
    });
  }

  /**
   * Remove a rule
   * @param id - The rule's id
   * @returns Whether a rule was removed, and the revision of the write (the
   * current revision when there was no such rule)
   */
  async deleteRule(id: string): Promise<WriteResult> {
    checkName('rule id', id);
    return this.write(async client => {
      const {rowCount} = await client.query(
        `DELETE FROM ${this.table('rules')} WHERE id = $1`,
        [id],
      );
      return rowCount ? [{kind: 'rule', op: 'remove', key: id}] : [];
    });
  }

  /**
   * Replace the roles of a principal. Refused with 409
   * (`AUTHORIZATION_PRINCIPAL_REVOKED`) for a revoked principal, checked in
   * the write's transaction: a role write ordered after a revocation is
   * never kept.
   * @param principal - The principal's security id
   * @param roles - Role names; an empty array removes the assignment
   * @param tenant - The tenant they hold in; omitted or `''` for all
   * @returns The revision of the write (it always takes one)
   */
  async setRoles(
    principal: string,
    roles: readonly string[],
    tenant?: string,
  ): Promise<WriteResult> {
    checkName('principal', principal);
    const names = checkRoles(principal, roles);
    const scope = checkTenant(tenant);
    return this.write(async (client, revision) => {
      await refuseRevoked(client, this.table, principal);
      if (names.length === 0) {
        await client.query(
          `DELETE FROM ${this.table('role_assignments')}
           WHERE principal = $1 AND tenant = $2`,
          [principal, scope],
        );
      } else {
        await client.query(
          `INSERT INTO ${this.table('role_assignments')}
             (principal, tenant, roles, revision) VALUES ($1, $2, $3, $4)
           ON CONFLICT (principal, tenant)
           DO UPDATE SET roles = $3, revision = $4`,
          [principal, scope, names, revision],
        );
      }
      return [roleChange(principal, scope, names)];
    });
  }

  /**
   * Remove every role of a principal in every tenant; it may be given roles
   * again. To shut a deleted or disabled user out, use
   * {@link PostgresAuthorizationStore.revokePrincipal}.
   * @param principal - The principal's security id
   * @returns The revision of the write, and whether it had any role (the
   * current revision when it had none)
   */
  async removePrincipal(principal: string): Promise<WriteResult> {
    checkName('principal', principal);
    return this.write(async client => {
      const {rows} = await client.query<{tenant: string}>(
        `DELETE FROM ${this.table('role_assignments')}
         WHERE principal = $1 RETURNING tenant`,
        [principal],
      );
      return rows.map(row => roleChange(principal, row.tenant, []));
    });
  }

  /**
   * Revoke a principal, as when a user is deleted or disabled: in one
   * revision, its roles in every tenant are removed and it is marked
   * revoked. Every instance's feed applies it (see `RevokedPrincipals`);
   * role writes for it are refused until it is restored.
   * @param principal - The principal's security id
   * @returns The revision, and whether anything changed (`false` when it
   * was revoked already)
   */
  async revokePrincipal(principal: string): Promise<WriteResult> {
    checkName('principal', principal);
    return this.write((client, revision) =>
      revokePrincipal(client, this.table, principal, revision),
    );
  }

  /**
   * Restore a revoked principal, as when a disabled user is enabled again:
   * it may be given roles again. Its revocation time stays, so that what
   * was issued to it before (a token) can still be refused.
   * @param principal - The principal's security id
   * @returns The revision, and whether anything changed (`false` when it
   * was not revoked)
   */
  async restorePrincipal(principal: string): Promise<WriteResult> {
    checkName('principal', principal);
    return this.write((client, revision) =>
      restorePrincipal(client, this.table, principal, revision),
    );
  }

  /**
   * The last revision written
   */
  async currentRevision(): Promise<number> {
    const {rows} = await this.pool.query<{value: string}>(
      `SELECT value FROM ${this.table('revision')}`,
    );
    return Number(rows[0].value);
  }

  /**
   * Everything the store holds, read in one snapshot
   */
  snapshot(): Promise<StoreSnapshot> {
    return readSnapshot(this.pool, this.table);
  }

  /**
   * The changes after a revision, in order: those of at most `limit`
   * revisions, never part of one; read in one statement with how far the
   * log was pruned
   * @param revision - The revision already applied
   * @param limit - The most revisions to read
   */
  changesAfter(revision: number, limit = 500): Promise<ChangeBatch> {
    return readChangesAfter(this.pool, this.table, revision, limit);
  }

  /**
   * Remove the change-log rows older than a retention period; the latest
   * revision's rows are kept. Instances behind the pruned revision load a
   * snapshot instead of the changes.
   * @param olderThanMs - The retention period, in milliseconds
   * @returns The revision the log is now pruned through
   */
  pruneChangeLog(olderThanMs: number): Promise<number> {
    return pruneChangeLog(this.pool, this.table, olderThanMs);
  }

  /**
   * Run a write in one transaction that takes the next revision (its row
   * lock orders every write), logs the changes and notifies
   */
  private write(
    apply: (client: PoolClient, revision: number) => Promise<LoggedChange[]>,
  ): Promise<WriteResult> {
    return writeRevision(this.pool, this.table, this.channel, apply);
  }
}
