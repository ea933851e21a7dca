// Copyright The loopback-security-monorepo authors. License: MIT.

import {RoleStore, RoleStoreUser} from '@loopback/authorization-console';
import {inject} from '@loopback/core';
import {repository} from '@loopback/repository';
import {AccessControlBindings} from '../keys';
import {UserRepository} from '../repositories/user.repository';
import {requireUser, RoleSource} from './role-source';

/**
 * The users and their roles for the authorization console's Roles page:
 * the users of the shop, with the roles of the {@link RoleSource} that
 * authorization reads; a change goes through the role source, as
 * `PUT /users/{id}/roles` does, and holds on the next request
 */
export class ConsoleRoleStore implements RoleStore {
  /**
   * @param users - The user repository
   * @param source - Where the roles are kept
   */
  constructor(
    @repository(UserRepository) private readonly users: UserRepository,
    @inject(AccessControlBindings.ROLE_SOURCE)
    private readonly source: RoleSource,
  ) {}

  /** {@inheritDoc @loopback/authorization-console#RoleStore.listUsers} */
  async listUsers(): Promise<RoleStoreUser[]> {
    const users = await this.users.find({
      fields: {id: true, username: true, name: true},
      order: ['username ASC'],
    });
    const listed: RoleStoreUser[] = [];
    for (const user of users) {
      listed.push({
        id: user.id,
        name: user.username,
        roles: await this.source.rolesOf(user.id),
      });
    }
    return listed;
  }

  /** {@inheritDoc @loopback/authorization-console#RoleStore.setRoles} */
  async setRoles(userId: string, roles: readonly string[]): Promise<void> {
    await requireUser(this.users, userId);
    await this.source.setRoles(userId, roles);
  }
}
