// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject} from '@loopback/core';
import {DefaultCrudRepository} from '@loopback/repository';
import type {OwnerLookup} from '../authorization/owner-resolvers';
import type {DbDataSource} from '../datasources/db.datasource';
import {AccessControlBindings} from '../keys';
import {User} from '../models';

/**
 * Users, stored in the `db` datasource.
 *
 * @remarks
 * A user owns their own record: `findOwnerId` backs the owner resolver
 * `OwnerResolvers.USER`, which lets `PATCH /users/{id}/email` allow "the user
 * themself" through the ownership authorizer.
 */
export class UserRepository
  extends DefaultCrudRepository<User, typeof User.prototype.id>
  implements OwnerLookup
{
  /**
   * @param dataSource - The `db` datasource
   */
  constructor(
    @inject(AccessControlBindings.DATASOURCE) dataSource: DbDataSource,
  ) {
    super(User, dataSource);
  }

  /**
   * Find a user by login name
   * @param username - The login name
   * @returns The user, or `null` if there is none
   */
  findByUsername(username: string): Promise<User | null> {
    return this.findOne({where: {username}});
  }

  /**
   * {@inheritDoc OwnerLookup.findOwnerId}
   */
  async findOwnerId(id: string): Promise<string | undefined> {
    const user = await this.findOne({where: {id}, fields: {id: true}});
    return user?.id;
  }
}
