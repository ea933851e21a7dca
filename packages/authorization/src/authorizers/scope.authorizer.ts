// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  BindingScope,
  Context,
  inject,
  injectable,
  Provider,
} from '@loopback/core';
import {AuthorizationBindings} from '../keys';
import {
  BuiltinAuthorizersOptions,
  completeBuiltinAuthorizersOptions,
} from '../builtin-authorizers.options';
import {ComponentOptions} from '../services/component-options.service';
import {AuthorizationDecision, Authorizer} from '../types';

/**
 * Provides the scope authorizer: for a method with `scopes`, Deny unless the
 * caller holds every one of them (or any one, with the `scopeMatch: 'any'`
 * option of `BuiltinAuthorizersComponent`). Holding them, the caller is
 * allowed when scopes are the method's only rule; next to `allowedRoles`,
 * `ownership` or `voters` those decide, so scopes narrow what other rules
 * grant and never widen it.
 */
@injectable({scope: BindingScope.SINGLETON})
export class ScopeAuthorizerProvider implements Provider<Authorizer> {
  private readonly options: ComponentOptions<
    Required<BuiltinAuthorizersOptions>
  >;

  /**
   * @param ctx - The context that holds the component's configuration
   */
  constructor(@inject.context() ctx: Context) {
    this.options = new ComponentOptions(
      ctx,
      AuthorizationBindings.BUILTIN_AUTHORIZERS,
      completeBuiltinAuthorizersOptions,
    );
  }

  /**
   * The authorizer
   */
  value(): Authorizer {
    return async (ctx, metadata) => {
      const required = metadata.scopes;
      if (!required?.length) return AuthorizationDecision.ABSTAIN;
      const {scopeMatch} = await this.options.current();
      const held = (scope: string) => ctx.scopes.includes(scope);
      const satisfied =
        scopeMatch === 'any' ? required.some(held) : required.every(held);
      if (!satisfied) return AuthorizationDecision.DENY;
      // Scopes alone allow; next to any other rule they only narrow it
      const otherRules =
        !!metadata.allowedRoles?.length ||
        metadata.ownership != null ||
        !!metadata.voters?.length;
      return otherRules
        ? AuthorizationDecision.ABSTAIN
        : AuthorizationDecision.ALLOW;
    };
  }
}
