// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject, lifeCycleObserver, LifeCycleObserver} from '@loopback/core';
import {juggler} from '@loopback/repository';
import {chmodSync, closeSync, openSync} from 'node:fs';
import {AccessControlBindings} from '../keys';

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
    super(config);
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
