// Copyright The loopback-security-monorepo authors. License: MIT.

import {resolveAuthorizationCaller} from '@loopback/authorization';
import {Context, inject, Provider} from '@loopback/core';
import {SecurityBindings, UserProfile} from '@loopback/security';
import {callerFromAuthorizationCaller} from '../caller';
import {PolicyCall} from '../calls/policy-call';
import {AuthorizationPolicyBindings} from '../keys';
import {PolicyCaller} from '../types';

/**
 * The caller of the current request for the repository mixin: the caller
 * the voters of `@loopback/authorization` see, built the same way (the user
 * at `SecurityBindings.USER`, anonymous when none, with the roles the role
 * mappers in force find, expanded by the role hierarchy), so that the door
 * of a method and the rows and fields of its repositories follow the same
 * roles. Within a request it is the very caller the policy voter built at
 * the door, or the one built for the first operation, for the same user.
 * Bind your own provider at `AuthorizationPolicyBindings.CALLER` only to
 * decide rows on other roles than the door.
 */
export class PolicyCallerProvider implements Provider<PolicyCaller> {
  /**
   * @param ctx - The context of the request
   * @param user - The user of the request, if any
   * @param call - The method calls of the request, if known
   */
  constructor(
    @inject.context() private readonly ctx: Context,
    @inject(SecurityBindings.USER, {optional: true})
    private readonly user: UserProfile | undefined,
    @inject(AuthorizationPolicyBindings.CALL, {optional: true})
    private readonly call: PolicyCall | undefined,
  ) {}

  /**
   * The caller
   */
  async value(): Promise<PolicyCaller> {
    const known = this.call?.callerOf(this.user);
    if (known) return known;
    const caller = callerFromAuthorizationCaller(
      await resolveAuthorizationCaller(this.ctx),
    );
    this.call?.rememberCaller(this.user, caller);
    return caller;
  }
}
