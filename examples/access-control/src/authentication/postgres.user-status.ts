// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  PostgresAuthorizationBindings,
  PostgresChangeFeed,
  RevokedPrincipals,
} from '@loopback/authorization-postgres';
import {inject} from '@loopback/core';
import {InvalidTokenError} from './invalid-token.error';
import type {ShopUserProfile} from './jwt.service';
import {USER_GONE, UserStatus} from './user-status';

/**
 * The user status in PostgreSQL mode: the user must not be revoked in the
 * authorization store, whose change feed keeps every instance's set of
 * revoked principals in memory. No query a request: a freshness check and
 * one `Map` lookup. A stale instance fails closed (503), as its role mapper
 * does, so a revocation holds within the same staleness bound as a role
 * change.
 */
export class RevokedUserStatus implements UserStatus {
  /**
   * @param feed - This instance's change feed, for its freshness
   * @param revoked - The revoked principals it keeps up to date
   */
  constructor(
    @inject(PostgresAuthorizationBindings.FEED)
    private readonly feed: PostgresChangeFeed,
    @inject(PostgresAuthorizationBindings.REVOKED_PRINCIPALS)
    private readonly revoked: RevokedPrincipals,
  ) {}

  /** {@inheritDoc UserStatus.check} */
  async check(user: ShopUserProfile): Promise<void> {
    this.feed.checkFresh();
    const revocation = this.revoked.revocationOf(user.id);
    if (!revocation) return;
    if (revocation.revoked) throw new InvalidTokenError(USER_GONE);
    if (this.revoked.refuses(user.id, user.issuedAt)) {
      throw new InvalidTokenError(
        "Token issued before the user's access was revoked: log in again",
      );
    }
  }
}
