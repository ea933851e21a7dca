// Copyright The loopback-security-monorepo authors. License: MIT.

import {RoleMapper} from '@loopback/authorization';
import {inject, Provider} from '@loopback/core';
import {securityId} from '@loopback/security';
import {AccessControlBindings} from '../keys';
import {RoleSource} from './role-source';

/**
 * The role mapper of memory mode: the roles of each user principal, read
 * from the {@link RoleSource} on every request, never from the token. (In
 * PostgreSQL mode the component's role mapper reads the same assignments.)
 */
export class RoleSourceRoleMapperProvider implements Provider<RoleMapper> {
  /**
   * @param source - Where the roles are kept
   */
  constructor(
    @inject(AccessControlBindings.ROLE_SOURCE)
    private readonly source: RoleSource,
  ) {}

  /**
   * The role mapper
   */
  value(): RoleMapper {
    return async principals => {
      const roles: string[] = [];
      for (const principal of principals) {
        if (principal.type !== 'USER') continue;
        roles.push(...(await this.source.rolesOf(principal[securityId])));
      }
      return roles;
    };
  }
}
