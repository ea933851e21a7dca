// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject, lifeCycleObserver, LifeCycleObserver} from '@loopback/core';
import {juggler} from '@loopback/repository';
import debugFactory from 'debug';
import {chmodSync, closeSync, openSync} from 'node:fs';
import type {Pool} from 'pg';
import {AccessControlBindings} from '../keys';

const debug = debugFactory('loopback:example:access-control:datasource');

/**
 * Settings of the `db` datasource: the memory connector, or PostgreSQL
 */
export type DbDataSourceConfig = MemoryDbConfig | PostgresDbConfig;

/**
 * Settings of the `db` datasource in memory mode
 */
export interface MemoryDbConfig {
  /**
   * The datasource name, `db`
   */
  name: string;
  /**
   * The connector, `memory`
   */
  connector: 'memory';
  /**
   * A JSON file the memory connector loads at start and rewrites after every
   * change; without it the data lives only as long as the process
   */
  file?: string;
}

/**
 * Settings of the `db` datasource in PostgreSQL mode
 */
export interface PostgresDbConfig {
  /**
   * The datasource name, `db`
   */
  name: string;
  /**
   * `loopback-connector-postgresql`
   */
  connector: 'postgresql';
  /**
   * The connection URL, `postgres://user:password@host:port/database`
   */
  url: string;
}

/**
 * What the datasource adds to the settings of PostgreSQL mode: an `'error'`
 * handler for the pool and for each connection it hands out (the connector
 * attaches it), so that a connection the server ends (a restart,
 * `pg_terminate_backend`) is reported instead of ending the process; and
 * timeouts, so that a database that does not answer fails a request (503)
 * instead of holding it
 */
export const POSTGRES_POOL_SETTINGS = Object.freeze({
  onError: (err: Error) => debug('Connection lost: %s', err.message),
  // No connection at start: the connector's own first connection reads the
  // client it did not get when the database is away, and throws from a
  // callback; the first query connects instead, and fails cleanly
  lazyConnect: true,
  connectionTimeoutMillis: 5000,
  // eslint-disable-next-line @typescript-eslint/naming-convention
  query_timeout: 10000,
  keepAlive: true,
});

/**
 * The settings used when the application binds none: memory only
 */
export const DEFAULT_DB_CONFIG: MemoryDbConfig = Object.freeze({
  name: 'db',
  connector: 'memory',
});

/**
 * The datasource of users and orders: the in-memory connector, optionally
 * persisted to a JSON file, or PostgreSQL with `DATABASE_URL`.
 *
 * @remarks
 * It is a life-cycle observer so that `app.stop()` disconnects it, which lets
 * the memory connector finish its pending writes to the file.
 */
@lifeCycleObserver('datasource')
export class DbDataSource
  extends juggler.DataSource
  implements LifeCycleObserver
{
  /**
   * The name `@loopback/boot` binds the datasource under (`datasources.db`)
   */
  static dataSourceName = 'db';

  /**
   * @param config - The settings, bound by the application
   */
  constructor(
    @inject(AccessControlBindings.DATASOURCE_CONFIG, {optional: true})
    config: DbDataSourceConfig = DEFAULT_DB_CONFIG,
  ) {
    // The file holds password hashes: readable by its owner only. The
    // connector rewrites it in place, which keeps the mode set here.
    if (config.connector === 'memory' && config.file) {
      makePrivateFile(config.file);
    }
    super(
      config.connector === 'postgresql'
        ? {...POSTGRES_POOL_SETTINGS, ...config}
        : config,
    );
  }

  /**
   * The `pg` pool of the PostgreSQL connector; `undefined` in memory mode
   */
  get postgresPool(): Pool | undefined {
    if (this.settings.connector !== 'postgresql') return undefined;
    return (this.connector as unknown as {pg?: Pool} | undefined)?.pg;
  }
}

/**
 * Create the file if absent, with mode 0600, and narrow the mode of an
 * existing one to 0600
 * @param file - The path
 */
export function makePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}
