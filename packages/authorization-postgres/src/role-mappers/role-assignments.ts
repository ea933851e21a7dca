// Copyright The loopback-security-monorepo authors. License: MIT.

import {ChangeSubscriber} from '../feeds/change-feed.types';
import {
  RoleAssignment,
  StoreChange,
  StoreSnapshot,
} from '../stores/store.types';

/**
 * The role assignments of the store, in memory, kept up to date by the
 * change feed: each change replaces one entry, nothing is reloaded.
 */
export class RoleAssignments implements ChangeSubscriber {
  // principal → tenant ('' for all tenants) → roles
  private byPrincipal = new Map<string, Map<string, readonly string[]>>();

  /**
   * Replace everything with a snapshot
   * @param snapshot - The store's content
   */
  load(snapshot: StoreSnapshot): void {
    const next = new Map<string, Map<string, readonly string[]>>();
    for (const assignment of snapshot.roleAssignments) {
      set(next, assignment);
    }
    this.byPrincipal = next;
  }

  /**
   * Apply one change; rule changes are not this subscriber's
   * @param change - The change
   */
  apply(change: StoreChange): void {
    if (change.kind === 'roles') set(this.byPrincipal, change.assignment);
  }

  /**
   * The roles of a principal: those for every tenant, then those for the
   * tenant, without duplicates
   * @param principal - The principal's security id
   * @param tenant - The tenant of the request, if any
   */
  rolesOf(principal: string, tenant?: string): string[] {
    const tenants = this.byPrincipal.get(principal);
    if (!tenants) return [];
    const global = tenants.get('') ?? [];
    const scoped = tenant ? tenants.get(tenant) : undefined;
    return scoped ? [...new Set([...global, ...scoped])] : [...global];
  }

  /**
   * Every assignment, sorted by principal then tenant (for checks and
   * checksums)
   */
  entries(): RoleAssignment[] {
    const result: RoleAssignment[] = [];
    for (const [principal, tenants] of this.byPrincipal) {
      for (const [tenant, roles] of tenants) {
        result.push({principal, tenant, roles});
      }
    }
    return result.sort(
      (a, b) =>
        compare(a.principal, b.principal) || compare(a.tenant, b.tenant),
    );
  }
}

function compare(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function set(
  map: Map<string, Map<string, readonly string[]>>,
  {principal, tenant, roles}: RoleAssignment,
) {
  let tenants = map.get(principal);
  if (roles.length === 0) {
    tenants?.delete(tenant);
    if (tenants?.size === 0) map.delete(principal);
    return;
  }
  if (!tenants) map.set(principal, (tenants = new Map()));
  tenants.set(tenant, roles);
}
