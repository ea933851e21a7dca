// Copyright The loopback-security-monorepo authors. License: MIT.

import debugFactory from 'debug';
import type {Pool, PoolClient} from 'pg';
import {
  ChangeBatch,
  RoleAssignment,
  RuleWriteResult,
  StoredRule,
  StoreSnapshot,
  DEFAULT_SCHEMA,
} from '../types';
import {
  deepFreeze,
  LoggedChange,
  roleChange,
  toAssignment,
} from './change-rows';
import {migrateSchema, quoteSchema} from './schema.migrations';
import {pruneChangeLog, readChangesAfter} from './change-log.queries';
import {inTransaction} from './transaction';
import {
  checkName,
  checkRoles,
  checkTenant,
  describeInput,
  invalidInput,
  ruleToJson,
} from './store-input';

const debug = debugFactory('loopback:authorization:postgres:store');

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
 * and notifies listeners with the revision as the only payload.
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
   * @returns The revision of the write
   */
  async upsertRules(rules: readonly StoredRule[]): Promise<number> {
    if (!Array.isArray(rules)) {
      throw invalidInput(
        `Invalid rules: expected an array, got ${describeInput(rules)}`,
      );
    }
    return this.writeRules(rules.map((rule, index) => ruleToJson(rule, index)));
  }

  /**
   * Create or replace one rule
   * @param rule - An object with a non-empty string `id`, kept as JSON
   * @returns The revision of the write
   */
  async upsertRule(rule: StoredRule): Promise<number> {
    return this.writeRules([ruleToJson(rule)]);
  }

  /**
   * Create a rule whose id is not taken; a rule with the same id is left as
   * it is
   * @param rule - An object with a non-empty string `id`, kept as JSON
   * @returns Whether it was written, and the revision of the write (the
   * current revision when it was not)
   */
  async createRule(rule: StoredRule): Promise<RuleWriteResult> {
    let changed = false;
    const revision = await this.writeRules([ruleToJson(rule)], false, count => {
      changed = count > 0;
    });
    return {revision, changed};
  }

  private writeRules(
    rows: [string, string][],
    replace = true,
    written?: (count: number) => void,
  ): Promise<number> {
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
      written?.(changes.length);
      return changes;
    });
  }

  /**
   * Remove a rule
   * @param id - The rule's id
   * @returns The revision of the write, or the current revision when there
   * was no such rule
   */
  async removeRule(id: string): Promise<number> {
    return (await this.deleteRule(id)).revision;
  }

  /**
   * Remove a rule, telling whether there was one
   * @param id - The rule's id
   * @returns Whether a rule was removed, and the revision of the write (the
   * current revision when there was no such rule)
   */
  async deleteRule(id: string): Promise<RuleWriteResult> {
    checkName('rule id', id);
    let changed = false;
    const revision = await this.write(async client => {
      const {rowCount} = await client.query(
        `DELETE FROM ${this.table('rules')} WHERE id = $1`,
        [id],
      );
      changed = !!rowCount;
      return changed ? [{kind: 'rule', op: 'remove', key: id}] : [];
    });
    return {revision, changed};
  }

  /**
   * Replace the roles of a principal
   * @param principal - The principal's security id
   * @param roles - Role names; an empty array removes the assignment
   * @param tenant - The tenant they hold in; omitted or `''` for all
   * @returns The revision of the write
   */
  async setRoles(
    principal: string,
    roles: readonly string[],
    tenant?: string,
  ): Promise<number> {
    checkName('principal', principal);
    const names = checkRoles(principal, roles);
    const scope = checkTenant(tenant);
    return this.write(async (client, revision) => {
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
   * Remove every role of a principal in every tenant, as when a user is
   * deleted
   * @param principal - The principal's security id
   * @returns The revision of the write
   */
  async removePrincipal(principal: string): Promise<number> {
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
    const run = async (client: PoolClient) => {
      const revision = await client.query<{value: string}>(
        `SELECT value FROM ${this.table('revision')}`,
      );
      const rules = await client.query<{body: StoredRule}>(
        `SELECT body FROM ${this.table('rules')} ORDER BY id`,
      );
      const roles = await client.query<RoleAssignment & {roles: string[]}>(
        `SELECT principal, tenant, roles FROM ${this.table('role_assignments')}
         ORDER BY principal, tenant`,
      );
      return Object.freeze({
        revision: Number(revision.rows[0].value),
        rules: Object.freeze(rules.rows.map(row => deepFreeze(row.body))),
        roleAssignments: Object.freeze(
          roles.rows.map(row =>
            toAssignment(row.principal, row.tenant, row.roles),
          ),
        ),
      });
    };
    return inTransaction(
      this.pool,
      run,
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
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
   * Run a write in a transaction that takes the next revision, logs the
   * changes and notifies; a write that changes nothing takes no revision
   */
  private write(
    apply: (client: PoolClient, revision: number) => Promise<LoggedChange[]>,
  ): Promise<number> {
    return inTransaction(this.pool, async client => {
      const taken = await client.query<{value: string}>(
        `UPDATE ${this.table('revision')} SET value = value + 1
         RETURNING value`,
      );
      const revision = Number(taken.rows[0].value);
      const changes = await apply(client, revision);
      if (changes.length === 0) {
        // Nothing changed: give the revision back, so that none is skipped
        await client.query(
          `UPDATE ${this.table('revision')} SET value = value - 1`,
        );
        return revision - 1;
      }
      await client.query(
        `INSERT INTO ${this.table('change_log')}
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
      await client.query('SELECT pg_notify($1, $2)', [
        this.channel,
        String(revision),
      ]);
      debug('Writing revision %d (%d changes)', revision, changes.length);
      return revision;
    });
  }
}
