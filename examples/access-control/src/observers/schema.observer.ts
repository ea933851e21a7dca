// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Getter,
  inject,
  LifeCycleObserver,
  lifeCycleObserver,
} from '@loopback/core';
import {repository} from '@loopback/repository';
import debugFactory from 'debug';
import type {LoginRateLimiter} from '../authentication/login-rate-limiter.service';
import type {DbDataSource} from '../datasources/db.datasource';
import {withSetupLock} from '../datasources/setup-lock';
import {AccessControlBindings} from '../keys';
import {OrderRepository} from '../repositories/order.repository';
import {UserRepository} from '../repositories/user.repository';

const debug = debugFactory('loopback:example:access-control:schema');

/**
 * In PostgreSQL mode, creates the tables of users and orders, or adds what
 * they lack, and the table of the login counters, before the demo data is
 * seeded. It alters, never drops: the data of other instances stays. It
 * runs under the set-up lock, so instances started together create the
 * tables once, one after the other.
 */
@lifeCycleObserver('datasource')
export class SchemaObserver implements LifeCycleObserver {
  /**
   * @param dataSource - The `db` datasource
   * @param _users - Defines the `User` model on the datasource
   * @param _orders - Defines the `Order` model on the datasource
   * @param loginLimiter - Creates the table of the login counters
   */
  constructor(
    @inject(AccessControlBindings.DATASOURCE)
    private readonly dataSource: DbDataSource,
    @repository(UserRepository) _users: UserRepository,
    @repository(OrderRepository) _orders: OrderRepository,
    @inject.getter(AccessControlBindings.LOGIN_RATE_LIMITER)
    private readonly loginLimiter: Getter<LoginRateLimiter>,
  ) {}

  /**
   * Create or update the tables (PostgreSQL only: the memory connector has
   * no schema)
   */
  async start(): Promise<void> {
    if (!this.dataSource.postgresPool) return;
    await withSetupLock(this.dataSource, async () => {
      await this.dataSource.autoupdate(['User', 'Order']);
      const limiter = await this.loginLimiter();
      await limiter.prune();
    });
    debug('The tables of users, orders and login counters are up to date');
  }
}
