// Copyright The loopback-security-monorepo authors. License: MIT.

import {resolveAuthorizationCaller} from '@loopback/authorization';
import {Context, inject, Provider} from '@loopback/core';
import {callerFromAuthorizationCaller} from '../caller';
import {PolicyCaller} from '../types';

/**
 * The caller of the current request for the repository mixin: the caller
 * the voters of `@loopback/authorization` see, built the same way (the user
 * at `SecurityBindings.USER`, anonymous when none, with the roles the role
 * mappers in force find, expanded by the role hierarchy), so that the door
 * of a method and the rows and fields of its repositories follow the same
 * roles. Bind your own provider at `AuthorizationPolicyBindings.CALLER` only
 * to decide rows on other roles than the door.
 */
export class PolicyCallerProvider implements Provider<PolicyCaller> {
  /**
   * @param ctx - The context of the request
   */
  constructor(@inject.context() private readonly ctx: Context) {}

  /**
   * The caller
   */
  async value(): Promise<PolicyCaller> {
    return callerFromAuthorizationCaller(
      await resolveAuthorizationCaller(this.ctx),
    );
  }
}
