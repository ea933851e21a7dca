// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingTemplate} from '@loopback/core';
import {AuthorizationTags} from '../keys';

/**
 * Joins a binding to the authorizers: the pipeline asks its value, an
 * {@link Authorizer}, on every decorated call, after the metadata's voters.
 *
 * @remarks
 * Binding templates, as LoopBack's `asGlobalInterceptor` and `extensionFor`,
 * so that every component registers its extensions one way, a value with
 * `binding.apply(asAuthorizer)` and a provider class with
 * `@injectable(asAuthorizer, ...)`, and no component spells the tags itself.
 * They only tag: the key and the scope stay the binding's own.
 *
 * @example
 * ```ts
 * app.bind('authorizers.audit').to(auditVoter).apply(asAuthorizer);
 *
 * @injectable(asAuthorizer, {scope: BindingScope.SINGLETON})
 * class TenantVoterProvider implements Provider<Authorizer> {
 *   value(): Authorizer {
 *     return async ctx => AuthorizationDecision.ABSTAIN;
 *   }
 * }
 * ```
 */
export const asAuthorizer: BindingTemplate = binding => {
  binding.tag(AuthorizationTags.AUTHORIZER);
};

/**
 * Joins a binding to the role mappers: its value, a {@link RoleMapper}, fills
 * the roles of every decorated call. See {@link asAuthorizer} for how to use
 * a template.
 *
 * @example
 * ```ts
 * app.bind('roleMappers.teams').to(teamRoles).apply(asRoleMapper);
 * ```
 */
export const asRoleMapper: BindingTemplate = binding => {
  binding.tag(AuthorizationTags.ROLE_MAPPER);
};

/**
 * Joins a binding to the scope mappers: its value, a {@link ScopeMapper},
 * fills the scopes of every decorated call
 *
 * @example
 * ```ts
 * app.bind('scopeMappers.apiKeys').to(apiKeyScopes).apply(asScopeMapper);
 * ```
 */
export const asScopeMapper: BindingTemplate = binding => {
  binding.tag(AuthorizationTags.SCOPE_MAPPER);
};

/**
 * Joins a binding to the decision listeners: its value, a
 * {@link DecisionListener}, receives the record of every decision
 *
 * @example
 * ```ts
 * app.bind('listeners.audit').to(audit).apply(asDecisionListener);
 * ```
 */
export const asDecisionListener: BindingTemplate = binding => {
  binding.tag(AuthorizationTags.DECISION_LISTENER);
};

/**
 * Joins a binding to the route rule describers: its value, a
 * {@link RouteRuleDescriber}, tells the access report which rules kept as
 * data decide a route
 *
 * @example
 * ```ts
 * app.bind('routeRuleDescribers.tenants').to(tenantRules).apply(asRouteRuleDescriber);
 * ```
 */
export const asRouteRuleDescriber: BindingTemplate = binding => {
  binding.tag(AuthorizationTags.ROUTE_RULE_DESCRIBER);
};
