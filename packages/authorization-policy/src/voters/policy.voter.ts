// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationContext,
  AuthorizationDecision,
  AuthorizationMetadata,
  Authorizer,
  AuthorizerResult,
  describeValue,
} from '@loopback/authorization';
import {Getter, inject, Provider} from '@loopback/core';
import {SecurityBindings} from '@loopback/security';
import debugFactory from 'debug';
import {callerFromAuthorizationContext} from '../caller';
import {PolicyError, PolicyErrorCode} from '../errors';
import {AuthorizationPolicyBindings} from '../keys';
import {PolicyReader} from '../stores/policy-store';
import './policy-metadata';

const debug = debugFactory('loopback:authorization:policy:voter');

/**
 * A voter that may say why it voted: the policy voter names the rule that
 * decided
 */
export type PolicyVoter = Authorizer<AuthorizationMetadata, AuthorizerResult>;

/**
 * The policy voter: for a method whose `@authorize` metadata names a
 * `resource` and an `action`, it allows the caller when some rule could
 * allow the caller that action on some instance of the resource, and denies
 * otherwise (the instances themselves are filtered by the repository
 * mixin). It abstains on methods without `action`.
 *
 * @remarks
 * Malformed metadata and a store that cannot be read are errors, which the
 * authorization interceptor turns into a denial (500 and 503), never into
 * an Allow.
 */
export class PolicyVoterProvider implements Provider<PolicyVoter> {
  /**
   * @param getStore - The store, looked up on every vote so that a rebinding
   * takes effect on the next call
   */
  constructor(
    @inject.getter(AuthorizationPolicyBindings.STORE)
    private readonly getStore: Getter<PolicyReader>,
  ) {}

  /**
   * The voter
   */
  value(): PolicyVoter {
    return (ctx, metadata) => this.vote(ctx, metadata);
  }

  /**
   * Vote on one call
   * @param ctx - The authorization context
   * @param metadata - The method's metadata
   */
  async vote(
    ctx: AuthorizationContext,
    metadata: AuthorizationMetadata,
  ): Promise<AuthorizerResult> {
    const {action, resource} = metadata;
    if (action === undefined) return AuthorizationDecision.ABSTAIN;
    if (typeof action !== 'string' || action.trim() === '') {
      throw invalidMetadata(
        ctx,
        `"action" must be a non-empty string, got ${describeValue(action)}`,
      );
    }
    if (typeof resource !== 'string' || resource === '') {
      throw invalidMetadata(
        ctx,
        `"action" needs a "resource", got ${describeValue(resource)}`,
      );
    }
    const engine = await (await this.getStore()).engine();
    const caller = callerFromAuthorizationContext(ctx);
    const decision = engine.decide(caller, resource, action);
    const {invocationContext} = ctx;
    const call = await invocationContext.get(AuthorizationPolicyBindings.CALL, {
      optional: true,
    });
    if (call) {
      // The repositories of the request see the caller of the door
      const user = await invocationContext.get(SecurityBindings.USER, {
        optional: true,
      });
      call.rememberCaller(user, caller);
      // Only a guarded repository can apply the conditions: the call must
      // reach one (the call interceptor checks it did)
      if (decision.allowed && decision.conditional) {
        call.requireCheck(resource, action);
      }
    }
    if (debug.enabled) {
      debug(
        '%s %s on %s: %s by rule %s',
        caller.id ?? '(anonymous)',
        action,
        resource,
        decision.allowed ? 'allowed' : 'denied',
        decision.ruleId ?? '(none)',
      );
    }
    // The reason names the rule that decided, for the decision record and
    // an audit line (no spaces: a log field); a denial no rule decided says
    // so
    return {
      decision: decision.allowed
        ? AuthorizationDecision.ALLOW
        : AuthorizationDecision.DENY,
      reason:
        decision.ruleId !== undefined
          ? `rule:${decision.ruleId}`
          : `no-rule-allows:${action}:${resource}`,
    };
  }
}

function invalidMetadata(ctx: AuthorizationContext, what: string) {
  return new PolicyError(
    `Invalid @authorize metadata on ${ctx.resource}: ${what}`,
    500,
    PolicyErrorCode.INVALID_METADATA,
  );
}
