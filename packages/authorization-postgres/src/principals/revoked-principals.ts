// Copyright The loopback-security-monorepo authors. License: MIT.

import {ChangeSubscriber} from '../feeds/change-feed.types';
import {
  PrincipalRevocation,
  StoreChange,
  StoreSnapshot,
} from '../stores/store.types';

/**
 * The revoked principals of the store (deleted or disabled users), in
 * memory, kept up to date by the change feed: what an authentication step
 * asks on every request, at the cost of one `Map` lookup.
 *
 * @remarks
 * It says nothing about freshness: check the feed first
 * (`feed.checkFresh()`), so that a stale instance fails closed instead of
 * answering from an old set.
 */
export class RevokedPrincipals implements ChangeSubscriber {
  private byPrincipal = new Map<string, Readonly<PrincipalRevocation>>();

  /**
   * Replace everything with a snapshot
   * @param snapshot - The store's content
   */
  load(snapshot: StoreSnapshot): void {
    this.byPrincipal = new Map(
      snapshot.revocations.map(revocation => [
        revocation.principal,
        revocation,
      ]),
    );
  }

  /**
   * Apply one change; changes of rules and roles are not this subscriber's
   * @param change - The change
   */
  apply(change: StoreChange): void {
    if (change.kind !== 'principal') return;
    this.byPrincipal.set(change.revocation.principal, change.revocation);
  }

  /**
   * The revocation of a principal, restored or not; `undefined` when it was
   * never revoked
   * @param principal - The principal's security id
   */
  revocationOf(principal: string): Readonly<PrincipalRevocation> | undefined {
    return this.byPrincipal.get(principal);
  }

  /**
   * Whether something issued to a principal at a time must be refused: the
   * principal is revoked, or was revoked after that time
   * @param principal - The principal's security id
   * @param issuedAt - When it was issued (a token's `iat`), in milliseconds
   * since the epoch; unknown counts as issued before any revocation
   */
  refuses(principal: string, issuedAt = -Infinity): boolean {
    const revocation = this.byPrincipal.get(principal);
    if (!revocation) return false;
    return revocation.revoked || issuedAt < revocation.revokedAt;
  }
}
