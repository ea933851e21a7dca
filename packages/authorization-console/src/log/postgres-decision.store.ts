// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  BindingScope,
  inject,
  LifeCycleObserver,
  lifeCycleObserver,
} from '@loopback/core';
import debugFactory from 'debug';
import {hostname} from 'node:os';
import {consoleError} from '../console-errors';
import {AuthorizationConsoleBindings, ConsolePeerBindings} from '../keys';
import {ServerRoutes} from '../routes/server-routes';
import {DecisionLogPool, ResolvedConsoleOptions} from '../types';
import {DecisionEntry, DecisionFilter, toDecisionEntry} from './decision-entry';
import {DecisionLog, LoggedDecision} from './decision-log';
import {DECISION_COLUMNS, entryOfRow, rowOfEntry} from './decision-rows';
import {isRowRefused, readFailure} from './postgres-errors';

const debug = debugFactory('loopback:authorization:console:postgres');

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,56}$/;
const ROWS_PER_INSERT = 500;

/**
 * The decisions kept in PostgreSQL, in the table `decision_log` of the
 * schema of `@loopback/authorization-postgres`, shared by every instance.
 *
 * @remarks
 * It follows the in-memory log and writes what it receives every
 * `flushIntervalMs`, in one statement per 500 decisions: a request never
 * waits for the database. At most `maxPending` decisions wait; past that the
 * newest are dropped and counted (`dropped`). Every string is made storable
 * first (a NUL character or a lone surrogate becomes U+FFFD); a statement
 * PostgreSQL still refuses for its values is written again row by row, and
 * each row it refuses is left out and counted (`rejected`), so that one
 * decision never blocks the others. A write that fails otherwise (the
 * database is away) is tried again at the next interval. Decisions older
 * than `retentionMs` are removed at start and then every hour (or every
 * retention period, when shorter).
 */
@lifeCycleObserver('authorization', {scope: BindingScope.SINGLETON})
export class PostgresDecisionStore implements LifeCycleObserver {
  private pending: LoggedDecision[] = [];
  private flushing?: Promise<void>;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe?: () => void;
  private table = '';
  /**
   * How many decisions were dropped because too many were waiting
   */
  dropped = 0;
  /**
   * How many decisions were left out because PostgreSQL refused their row
   */
  rejected = 0;
  private readonly instance = `${hostname()}:${process.pid}`;

  /**
   * @param log - The in-memory log it follows
   * @param routes - The routes, to name the route of each decision
   * @param options - The console's options
   * @param pool - The pool of `@loopback/authorization-postgres`
   * @param pgOptions - Its options, for the schema name
   */
  constructor(
    @inject(AuthorizationConsoleBindings.DECISION_LOG)
    private readonly log: DecisionLog,
    @inject(AuthorizationConsoleBindings.ROUTES)
    private readonly routes: ServerRoutes,
    @inject(AuthorizationConsoleBindings.OPTIONS)
    private readonly options: ResolvedConsoleOptions,
    @inject(ConsolePeerBindings.POSTGRES_POOL, {optional: true})
    private readonly pool?: DecisionLogPool,
    @inject(ConsolePeerBindings.POSTGRES_OPTIONS, {optional: true})
    private readonly pgOptions?: {schema: string},
  ) {}

  /**
   * Create the table when missing, remove expired decisions, follow the log
   */
  async start(): Promise<void> {
    const settings = this.options.postgres;
    if (!settings) return;
    const pool = this.requirePool();
    const schema = this.pgOptions?.schema ?? 'authorization';
    if (!SCHEMA_NAME.test(schema)) {
      throw consoleError(
        500,
        'INVALID_CONSOLE_OPTIONS',
        `Invalid PostgreSQL schema name for the decision log: ${JSON.stringify(schema)}`,
      );
    }
    this.table = `"${schema}".decision_log`;
    // One string of statements is one transaction, under the advisory lock
    // of the schema migrations of `@loopback/authorization-postgres`: neither
    // another instance nor those migrations create the schema meanwhile
    await pool.query(
      `SELECT pg_advisory_xact_lock(hashtext('loopback-authorization-postgres:${schema}'));
       CREATE SCHEMA IF NOT EXISTS "${schema}";
       CREATE TABLE IF NOT EXISTS ${this.table} (
         id bigserial PRIMARY KEY, ${DECISION_COLUMNS}
       );
       CREATE INDEX IF NOT EXISTS decision_log_time ON ${this.table} (time);`,
    );
    await this.prune();
    this.unsubscribe = this.log.subscribe(batch => this.enqueue(batch));
    const every = (ms: number, run: () => Promise<void>) => {
      const timer = setInterval(() => {
        run().catch(err => debug('Decision log task failed: %s', err));
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(settings.flushIntervalMs, () => this.flush());
    every(Math.min(settings.retentionMs, 3_600_000), () => this.prune());
  }

  /**
   * Stop following the log, after a last write
   */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    if (this.table) {
      await this.flush().catch(err =>
        debug('Last decision log write failed: %s', err),
      );
    }
  }

  /**
   * The most recent decisions of every instance, newest first, after a
   * write of what waits. A write that fails does not fail the read; a
   * database that cannot be reached answers 503 with `Retry-After`.
   * @param filter - Which decisions
   * @param limit - At most this many
   */
  async find(filter: DecisionFilter, limit: number): Promise<DecisionEntry[]> {
    const pool = this.requirePool();
    await this.flush().catch(err =>
      debug('Decision log write before a read failed: %s', err),
    );
    const {rows} = await pool
      .query(
        `SELECT * FROM ${this.table}
        WHERE ($1::text IS NULL OR user_id = $1 OR user_name = $1)
          AND ($2::text IS NULL OR decision = $2)
          AND ($3::text IS NULL OR strpos(coalesce(path, ''), $3) > 0
               OR strpos(method, $3) > 0)
        ORDER BY time DESC, id DESC
        LIMIT $4`,
        [
          filter.user ?? null,
          filter.decision ?? null,
          filter.path ?? null,
          limit,
        ],
      )
      .catch(async (err: unknown) => {
        throw await readFailure(err);
      });
    return rows.map(entryOfRow);
  }

  /**
   * Write the decisions that wait
   */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private enqueue(batch: readonly LoggedDecision[]) {
    const room = this.options.postgres!.maxPending - this.pending.length;
    if (batch.length > room) this.dropped += batch.length - Math.max(room, 0);
    if (room > 0) this.pending.push(...batch.slice(0, room));
  }

  private async write(): Promise<void> {
    if (this.pending.length === 0) return;
    const pool = this.requirePool();
    await this.routes.list();
    const routeOf = (method: string) => this.routes.routeOf(method);
    while (this.pending.length > 0) {
      const chunk = this.pending
        .slice(0, ROWS_PER_INSERT)
        .map(logged =>
          rowOfEntry(toDecisionEntry(logged, routeOf), this.instance),
        );
      try {
        await this.insert(pool, chunk);
      } catch (err) {
        // Not the rows (the database is away, say): all wait for the next
        // write
        if (!isRowRefused(err)) throw err;
        await this.insertEach(pool, chunk);
      }
      // Only once written: a failed write is tried again
      this.pending.splice(0, chunk.length);
    }
  }

  /**
   * Write rows one by one, leaving out (and counting) each that PostgreSQL
   * refuses; stops at another failure, the rows before it taken off the
   * queue
   */
  private async insertEach(pool: DecisionLogPool, rows: unknown[][]) {
    for (let i = 0; i < rows.length; i++) {
      try {
        await this.insert(pool, [rows[i]]);
      } catch (err) {
        if (!isRowRefused(err)) {
          this.pending.splice(0, i);
          throw err;
        }
        this.rejected++;
        debug('PostgreSQL refused a decision of the log: %s', err);
      }
    }
  }

  private async insert(pool: DecisionLogPool, rows: unknown[][]) {
    const values: unknown[] = [];
    const tuples = rows.map(row => {
      const first = values.length;
      values.push(...row);
      return `(${row.map((_, i) => `$${first + i + 1}`).join(', ')})`;
    });
    await pool.query(
      `INSERT INTO ${this.table} (instance, seq, time, user_id, user_name,
         roles, method, verb, path, resource, action, decision, decided_by,
         duration_ms)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  private async prune(): Promise<void> {
    const retention = this.options.postgres!.retentionMs;
    await this.requirePool().query(
      `DELETE FROM ${this.table} WHERE time < now() - $1::double precision * interval '1 millisecond'`,
      [retention],
    );
  }

  private requirePool(): DecisionLogPool {
    if (!this.pool) {
      throw consoleError(
        500,
        'POSTGRES_NOT_MOUNTED',
        'The decision log is configured to be kept in PostgreSQL, but ' +
          'PostgresAuthorizationComponent is not mounted',
      );
    }
    return this.pool;
  }
}
