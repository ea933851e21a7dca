// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  PostgresAuthorizationBindings,
  PostgresAuthorizationErrorCode,
  PostgresAuthorizationStore,
  PostgresChangeFeed,
  ResolvedPostgresAuthorizationOptions,
  RoleAssignments,
} from '@loopback/authorization-postgres';
import {inject} from '@loopback/core';
import {HttpErrors} from '@loopback/rest';
import {RoleSource} from './role-source';

/**
 * The roles in PostgreSQL mode: the role assignments of the PostgreSQL
 * authorization store, shared by every instance, and their only copy (the
 * user record's `roles` stays empty: a second copy, written apart, could
 * disagree).
 *
 * @remarks
 * Deleting a user revokes it in the store: its roles go, and a role write
 * for it is refused, in the same transaction that takes the revision lock.
 * So a deletion and a role write racing on two instances are ordered: the
 * write comes first and the deletion removes its roles, or the deletion
 * comes first and the write is refused (404). No interleaving keeps a role.
 */
export class PostgresRoleSource implements RoleSource {
  /**
   * @param store - The PostgreSQL store
   * @param feed - This instance's change feed
   * @param assignments - The assignments the feed keeps up to date
   * @param options - The store's options, for the longest wait
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
  ) {}

  /** {@inheritDoc RoleSource.rolesOf} */
  async rolesOf(userId: string): Promise<string[]> {
    this.feed.checkFresh();
    return [...this.assignments.rolesOf(userId)];
  }

  /** {@inheritDoc RoleSource.setRoles} */
  async setRoles(userId: string, roles: readonly string[]): Promise<number> {
    let revision: number;
    try {
      ({revision} = await this.store.setRoles(userId, roles));
    } catch (err) {
      if (
        (err as {code?: string}).code !==
        PostgresAuthorizationErrorCode.PRINCIPAL_REVOKED
      ) {
        throw err;
      }
      // Deleted, or being deleted: no such user for this write
      throw new HttpErrors.NotFound(`No user "${userId}"`);
    }
    return this.applied(revision);
  }

  /** {@inheritDoc RoleSource.removeUser} */
  async removeUser(userId: string): Promise<number> {
    return this.applied((await this.store.revokePrincipal(userId)).revision);
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
