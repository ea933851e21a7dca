// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  callerFromUserProfile,
  PolicyCaller,
} from '@loopback/authorization-policy';
import {inject, Provider} from '@loopback/core';
import {securityId, SecurityBindings, UserProfile} from '@loopback/security';
import {AccessControlBindings} from '../keys';
import {RoleSource} from './role-source';

/**
 * The caller the guarded repositories see: the user of the request with
 * the roles of the {@link RoleSource}, as the role mapper finds them, not
 * those of the token
 */
export class PolicyCallerProvider implements Provider<PolicyCaller> {
  /**
   * @param source - Where the roles are kept
   * @param user - The user of the request, if any
   */
  constructor(
    @inject(AccessControlBindings.ROLE_SOURCE)
    private readonly source: RoleSource,
    @inject(SecurityBindings.USER, {optional: true})
    private readonly user: UserProfile | undefined,
  ) {}

  /**
   * The caller
   */
  async value(): Promise<PolicyCaller> {
    if (!this.user) return callerFromUserProfile(undefined);
    const roles = await this.source.rolesOf(this.user[securityId]);
    return callerFromUserProfile({...this.user, roles});
  }
}
