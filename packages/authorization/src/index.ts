// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * A LoopBack 4 component for authorization support.
 *
 * @remarks
 * Authorization decides whether a subject may perform an action on a
 * resource. Decorate methods with `@authorize`, mount
 * `AuthorizationComponent`, and bind authorizers (voters) with
 * `AuthorizationTags.AUTHORIZER`. Unlike the published package, a voter that
 * returns anything but Allow, Deny or Abstain, throws, or cannot be resolved
 * never lets a call through.
 *
 * @packageDocumentation
 */

export * from './authorization.component';
export * from './builtins/ownership.authorizer';
export {roleAuthorizer} from './builtins/role.authorizer';
export * from './builtins/scope.authorizer';
export * from './builtin-authorizers.component';
export {getAuthorizationMetadata} from './metadata/authorization-metadata';
export * from './metadata/authorize.decorator';
export {AuthorizeMethodDecoratorFactory} from './metadata/authorize.decorator-factory';
export * from './errors';
export * from './pipeline/authorization.interceptor';
export * from './keys';
export type {
  DenialHeadersContext,
  DenialHeadersMiddleware,
} from './rest/denial-headers.middleware';
export * from './rest/authorization-responses';
export {principalIdOf} from './pipeline/caller.stage';
export * from './rest/authorization-spec.enhancer';
export type {AuthorizationSpecOptions} from './rest/authorization-spec.options';
export {
  getAccessReport,
  RouteAccess,
  RouteAccessLevel,
  RouteRulesSource,
} from './rest/access-report';
export * from './rest/access-report.markdown';
export * from './rest/authorization-rules';
export {
  isPublicPath,
  RouteCheckOptions,
  UnprotectedRoutesMode,
} from './options/route-checks.options';
export * from './builtins/profile.role-mapper';
export * from './builtins/grants.scope-mapper';
export * from './types';
