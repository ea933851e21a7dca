// Copyright The loopback-security-monorepo authors. License: MIT.

import {asRoleMapper, RoleMapper} from '@loopback/authorization';
import {inject, injectable, Provider} from '@loopback/core';
import {securityId} from '@loopback/security';
import {PostgresChangeFeed} from '../feeds/postgres-change-feed';
import {PostgresAuthorizationBindings} from '../keys';
import {ResolvedPostgresAuthorizationOptions} from '../postgres-authorization.options';
import {RoleAssignments} from './role-assignments';
import {singletonUnder} from '../providers/singleton-binding';

/**
 * A role mapper that gives each user principal the roles the store assigns
 * to its id: those for every tenant, plus those for the tenant named by the
 * profile's tenant field.
 *
 * @remarks
 * It fails closed: when the feed is stale, it throws a 503 error that says
 * how far behind the instance is, so the decision record carries the lag
 * and the bound, and no decision is made on old roles.
 *
 * @param feed - The change feed, for its freshness
 * @param assignments - The role assignments it keeps up to date
 * @param tenantField - The profile field that names the tenant
 */
export function createPostgresRoleMapper(
  feed: Pick<PostgresChangeFeed, 'checkFresh'>,
  assignments: RoleAssignments,
  tenantField = 'tenantId',
): RoleMapper {
  return principals => {
    feed.checkFresh();
    const roles: string[] = [];
    for (const principal of principals) {
      if (principal.type !== 'USER') continue;
      const tenant: unknown = principal[tenantField];
      roles.push(
        ...assignments.rolesOf(
          principal[securityId],
          typeof tenant === 'string' ? tenant : undefined,
        ),
      );
    }
    return roles;
  };
}

/**
 * Provides {@link createPostgresRoleMapper}'s mapper, tagged as a role mapper
 */
@injectable(
  asRoleMapper,
  singletonUnder(PostgresAuthorizationBindings.ROLE_MAPPER),
)
export class PostgresRoleMapperProvider implements Provider<RoleMapper> {
  /**
   * @param feed - The change feed
   * @param assignments - The role assignments
   * @param options - The component's options
   */
  constructor(
    @inject(PostgresAuthorizationBindings.FEED)
    private readonly feed: PostgresChangeFeed,
    @inject(PostgresAuthorizationBindings.ROLE_ASSIGNMENTS)
    private readonly assignments: RoleAssignments,
    @inject(PostgresAuthorizationBindings.OPTIONS)
    private readonly options: ResolvedPostgresAuthorizationOptions,
  ) {}

  /**
   * The role mapper
   */
  value(): RoleMapper {
    return createPostgresRoleMapper(
      this.feed,
      this.assignments,
      this.options.tenantField,
    );
  }
}
