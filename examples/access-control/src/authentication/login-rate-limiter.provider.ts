// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject, Provider} from '@loopback/core';
import type {DbDataSource} from '../datasources/db.datasource';
import {AccessControlBindings} from '../keys';
import {LoginLimits, LoginRateLimiter} from './login-rate-limiter.service';

/**
 * Provides the login limiter: its counters in the memory of the process in
 * memory mode, in the PostgreSQL database of the `db` datasource (through
 * its pool) with `DATABASE_URL`, so that every instance shares them. Bound
 * as a singleton; in PostgreSQL mode the schema observer resolves it at
 * start, which creates the counters' table.
 */
export class LoginRateLimiterProvider implements Provider<LoginRateLimiter> {
  /**
   * @param dataSource - The `db` datasource
   * @param limits - The limits of the application options
   */
  constructor(
    @inject(AccessControlBindings.DATASOURCE)
    private readonly dataSource: DbDataSource,
    @inject(AccessControlBindings.LOGIN_LIMITS)
    private readonly limits: Partial<LoginLimits>,
  ) {}

  /**
   * The limiter
   */
  async value(): Promise<LoginRateLimiter> {
    const pool = this.dataSource.postgresPool;
    return pool
      ? LoginRateLimiter.onPostgres(this.limits, pool)
      : LoginRateLimiter.inMemory(this.limits);
  }
}
