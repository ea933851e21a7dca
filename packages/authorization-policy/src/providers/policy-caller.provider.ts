// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject, Provider} from '@loopback/core';
import {SecurityBindings, UserProfile} from '@loopback/security';
import {callerFromUserProfile} from '../caller';
import {PolicyCaller} from '../types';

/**
 * The caller of the current request for the repository mixin: the user
 * bound at `SecurityBindings.USER` (anonymous when none) with the role names
 * of its `roles` field. Bind your own provider at
 * `AuthorizationPolicyBindings.CALLER` to read roles elsewhere.
 */
export class PolicyCallerProvider implements Provider<PolicyCaller> {
  /**
   * @param user - The current user, if any
   */
  constructor(
    @inject(SecurityBindings.USER, {optional: true})
    private readonly user: UserProfile | undefined,
  ) {}

  /**
   * The caller
   */
  value(): PolicyCaller {
    return callerFromUserProfile(this.user);
  }
}
