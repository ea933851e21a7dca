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

// The components, the keys, the errors and the contracts (types.ts)
export * from './authorization.component';
export * from './builtin-authorizers.component';
export * from './errors';
export * from './keys';
export * from './types';
// How an extension joins the pipeline
export * from './contracts/binding-templates';
// The rule of a method
export {getAuthorizationMetadata} from './metadata/authorization-metadata';
export * from './metadata/authorize.decorator';
export {AuthorizeMethodDecoratorFactory} from './metadata/authorize.decorator-factory';
// Options about routes (the others are in types.ts)
export {
  isPublicPath,
  RouteCheckOptions,
  UnprotectedRoutesMode,
} from './options/route-checks.options';
// The request path
export * from './pipeline/authorization-caller';
export * from './pipeline/authorization.interceptor';
export {principalIdOf} from './pipeline/caller.stage';
// The built-in authorizers and mappers
export * from './builtins/grants.scope-mapper';
export * from './builtins/ownership.authorizer';
export * from './builtins/profile.role-mapper';
export {roleAuthorizer} from './builtins/role.authorizer';
export * from './builtins/scope.authorizer';
// REST: the access report, OpenAPI and the denial headers
export {
  AccessReportOptions,
  getAccessReport,
  RouteAccess,
  RouteAccessLevel,
  RouteRulesSource,
} from './rest/access-report';
export * from './rest/access-report.markdown';
export * from './rest/authorization-responses';
export * from './rest/authorization-rules';
export * from './rest/authorization-spec.enhancer';
export type {AuthorizationSpecOptions} from './rest/authorization-spec.options';
export type {
  DenialHeadersContext,
  DenialHeadersMiddleware,
} from './rest/denial-headers.middleware';
// Helpers the other packages of the project use
export {describeValue} from './helpers/describe-value';
