// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject} from '@loopback/core';
import {DefaultCrudRepository} from '@loopback/repository';
import type {OwnerLookup} from '../authorization/owner-resolvers';
import type {DbDataSource} from '../datasources/db.datasource';
import {AccessControlBindings} from '../keys';
import {Order} from '../models';

/**
 * Orders, stored in the `db` datasource.
 *
 * @remarks
 * `findOwnerId` backs the owner resolver `OwnerResolvers.ORDER`: the
 * ownership authorizer asks it who placed an order.
 */
export class OrderRepository
  extends DefaultCrudRepository<Order, typeof Order.prototype.id>
  implements OwnerLookup
{
  /**
   * @param dataSource - The `db` datasource
   */
  constructor(
    @inject(AccessControlBindings.DATASOURCE) dataSource: DbDataSource,
  ) {
    super(Order, dataSource);
  }

  /**
   * {@inheritDoc OwnerLookup.findOwnerId}
   */
  async findOwnerId(id: string): Promise<string | undefined> {
    // findOne rather than findById: a missing order is an answer here
    // ("nobody owns it"), not an error, so the ownership authorizer abstains.
    const order = await this.findOne({where: {id}, fields: {ownerId: true}});
    return order?.ownerId;
  }
}
