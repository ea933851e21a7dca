// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject} from '@loopback/core';
import {DefaultCrudRepository} from '@loopback/repository';
import type {DbDataSource} from '../datasources/db.datasource';
import {AccessControlBindings} from '../keys';
import {Order} from '../models';

/**
 * Orders, stored in the `db` datasource, unguarded: the application's own
 * work (the demo data, the tests) goes through it. The routes use
 * `GuardedOrderRepository`, which applies the policy rules.
 */
export class OrderRepository extends DefaultCrudRepository<
  Order,
  typeof Order.prototype.id
> {
  /**
   * @param dataSource - The `db` datasource
   */
  constructor(
    @inject(AccessControlBindings.DATASOURCE) dataSource: DbDataSource,
  ) {
    super(Order, dataSource);
  }
}
