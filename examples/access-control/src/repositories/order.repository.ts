// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject, injectable} from '@loopback/core';
import {DefaultCrudRepository} from '@loopback/repository';
import type {OwnedResourceRepository} from '../authorizers/ownership.authorizer';
import type {DbDataSource} from '../datasources/db.datasource';
import {AccessControlBindings, AccessControlTags} from '../keys';
import {Order} from '../models';

/**
 * Orders, stored in the `db` datasource.
 *
 * @remarks
 * Tagged as the owned resource `order`: the ownership authorizer asks it who
 * placed an order.
 */
@injectable({tags: {[AccessControlTags.OWNED_RESOURCE]: 'order'}})
export class OrderRepository
  extends DefaultCrudRepository<Order, typeof Order.prototype.id>
  implements OwnedResourceRepository
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
   * {@inheritDoc OwnedResourceRepository.findOwnerId}
   */
  async findOwnerId(id: string): Promise<string | undefined> {
    // findOne rather than findById: a missing order is an answer here
    // ("nobody owns it"), not an error, so the voter can abstain on it.
    const order = await this.findOne({where: {id}, fields: {ownerId: true}});
    return order?.ownerId;
  }
}
