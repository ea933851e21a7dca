// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  PostgresAuthorizationBindings,
  PostgresAuthorizationStore,
  PostgresChangeFeed,
  ResolvedPostgresAuthorizationOptions,
  RoleAssignments,
} from '@loopback/authorization-postgres';
import {inject} from '@loopback/core';
import {repository} from '@loopback/repository';
import {UserRepository} from '../repositories/user.repository';
import {RoleSource} from './role-source';

/**
 * The roles in PostgreSQL mode: the role assignments of the PostgreSQL
 * authorization store, shared by every instance. The user record's `roles`
 * follows, for display.
 */
export class PostgresRoleSource implements RoleSource {
  /**
   * @param store - The PostgreSQL store
   * @param feed - This instance's change feed
   * @param assignments - The assignments the feed keeps up to date
   * @param options - The store's options, for the longest wait
   * @param users - The user repository
   */
  constructor(
    @inject(PostgresAuthorizationBindings.STORE)
    private readonly store: PostgresAuthorizationStore,
    @inject(PostgresAuthorizationBindings.FEED)
    private readonly feed: PostgresChangeFeed,
    @inject(PostgresAuthorizationBindings.ROLE_ASSIGNMENTS)
    private readonly assignments: RoleAssignments,
    @inject(PostgresAuthorizationBindings.OPTIONS)
    private readonly options: ResolvedPostgresAuthorizationOptions,
    @repository(UserRepository) private readonly users: UserRepository,
  ) {}

  /** {@inheritDoc RoleSource.rolesOf} */
  async rolesOf(userId: string): Promise<string[]> {
    this.feed.checkFresh();
    return [...this.assignments.rolesOf(userId)];
  }

  /** {@inheritDoc RoleSource.setRoles} */
  async setRoles(userId: string, roles: readonly string[]): Promise<number> {
    const revision = await this.store.setRoles(userId, roles);
    await this.users.updateById(userId, {roles: [...roles]});
    return this.applied(revision);
  }

  /** {@inheritDoc RoleSource.removeUser} */
  async removeUser(userId: string): Promise<number> {
    return this.applied(await this.store.removePrincipal(userId));
  }

  /**
   * Wait until this instance has applied its own write: the next request
   * here sees it
   */
  private async applied(revision: number): Promise<number> {
    await this.feed.requireRevision(revision, this.options.revisionWaitMs);
    return revision;
  }
}
