// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject, injectable} from '@loopback/core';
import {DefaultCrudRepository} from '@loopback/repository';
import type {OwnedResourceRepository} from '../authorizers/ownership.authorizer';
import type {DbDataSource} from '../datasources/db.datasource';
import {AccessControlBindings, AccessControlTags} from '../keys';
import {User} from '../models';

/**
 * Users, stored in the `db` datasource.
 *
 * @remarks
 * Tagged as the owned resource `user`: a user owns its own record, which lets
 * `PATCH /users/{id}/email` allow "the user themself" through the ownership
 * authorizer.
 */
@injectable({tags: {[AccessControlTags.OWNED_RESOURCE]: 'user'}})
export class UserRepository
  extends DefaultCrudRepository<User, typeof User.prototype.id>
  implements OwnedResourceRepository
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
   * {@inheritDoc OwnedResourceRepository.findOwnerId}
   */
  async findOwnerId(id: string): Promise<string | undefined> {
    const user = await this.findOne({where: {id}, fields: {id: true}});
    return user?.id;
  }
}
