// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject, LifeCycleObserver, lifeCycleObserver} from '@loopback/core';
import {repository} from '@loopback/repository';
import debugFactory from 'debug';
import type {DbDataSource} from '../datasources/db.datasource';
import {AccessControlBindings} from '../keys';
import {OrderRepository} from '../repositories/order.repository';
import {UserRepository} from '../repositories/user.repository';

const debug = debugFactory('loopback:example:access-control:schema');

/**
 * In PostgreSQL mode, creates the tables of users and orders, or adds what
 * they lack, before the demo data is seeded. It alters, never drops: the
 * data of other instances stays. Start the first instance alone, so that two
 * do not create the tables at the same time.
 */
@lifeCycleObserver('datasource')
export class SchemaObserver implements LifeCycleObserver {
  /**
   * @param dataSource - The `db` datasource
   * @param _users - Defines the `User` model on the datasource
   * @param _orders - Defines the `Order` model on the datasource
   */
  constructor(
    @inject(AccessControlBindings.DATASOURCE)
    private readonly dataSource: DbDataSource,
    @repository(UserRepository) _users: UserRepository,
    @repository(OrderRepository) _orders: OrderRepository,
  ) {}

  /**
   * Create or update the tables (PostgreSQL only: the memory connector has
   * no schema)
   */
  async start(): Promise<void> {
    if (this.dataSource.settings.connector !== 'postgresql') return;
    await this.dataSource.autoupdate(['User', 'Order']);
    debug('The tables of users and orders are up to date');
  }
}
