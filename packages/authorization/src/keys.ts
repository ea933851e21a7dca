// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingKey, CoreBindings, MetadataAccessor} from '@loopback/core';
import type {AuthorizationComponent} from './authorization.component';
import type {BuiltinAuthorizersComponent} from './builtin-authorizers.component';
import type {Authorizer} from './contracts/authorizer';
import type {RoleMapper, ScopeMapper} from './contracts/mappers';
import type {AuthorizationMetadata} from './contracts/metadata';
import type {DenialHeadersMiddleware} from './rest/denial-headers.middleware';
import type {AuthorizationSpecEnhancer} from './rest/authorization-spec.enhancer';

/**
 * What each kind of extension of `BuiltinAuthorizersComponent` is bound to
 */
interface BuiltinExtensions {
  authorizers: Authorizer;
  roleMappers: RoleMapper;
  scopeMappers: ScopeMapper;
}

/**
 * The key of an extension of `BuiltinAuthorizersComponent`: its kind and
 * name under `authorization.`, typed by its kind, so that the key of an
 * authorizer cannot be declared with the type of a mapper
 */
function builtinKey<K extends keyof BuiltinExtensions>(kind: K, name: string) {
  return BindingKey.create<BuiltinExtensions[K]>(
    `authorization.${kind}.${name}`,
  );
}

/**
 * Binding keys of the authorization component
 */
export namespace AuthorizationBindings {
  /**
   * The authorization metadata of the controller method of the current
   * request, `undefined` when it has none
   */
  export const METADATA = BindingKey.create<AuthorizationMetadata | undefined>(
    'authorization.operationMetadata',
  );

  /**
   * The key `app.component(AuthorizationComponent)` binds the component
   * under; configure the component at this key
   */
  export const COMPONENT = BindingKey.create<AuthorizationComponent>(
    `${CoreBindings.COMPONENTS}.AuthorizationComponent`,
  );

  /**
   * The key `app.component(BuiltinAuthorizersComponent)` binds the component
   * under; configure the built-in authorizers at this key
   */
  export const BUILTIN_AUTHORIZERS =
    BindingKey.create<BuiltinAuthorizersComponent>(
      `${CoreBindings.COMPONENTS}.BuiltinAuthorizersComponent`,
    );

  /**
   * The REST middleware that writes the headers of a denial, such as the
   * `WWW-Authenticate` challenge of a 401, into the response
   */
  export const DENIAL_HEADERS_MIDDLEWARE =
    BindingKey.create<DenialHeadersMiddleware>(
      'middleware.authorization.denialHeaders',
    );

  /**
   * The route of the current REST request (the key of
   * `RestBindings.Operation.ROUTE`), for its path
   */
  export const HTTP_ROUTE = BindingKey.create<{path: string}>(
    'rest.operation.route',
  );

  /**
   * Where the start-up check of unprotected routes writes its warning.
   * Default (unbound): `console.warn`.
   */
  export const WARNING_WRITER = BindingKey.create<(message: string) => void>(
    'authorization.warningWriter',
  );

  /**
   * The OpenAPI enhancer that documents `@authorize`; configure it at this
   * key
   */
  export const SPEC_ENHANCER = BindingKey.create<AuthorizationSpecEnhancer>(
    'authorization.specEnhancer',
  );

  /**
   * The role authorizer of `BuiltinAuthorizersComponent`, at
   * `authorization.authorizers.roles`
   */
  export const ROLE_AUTHORIZER = builtinKey('authorizers', 'roles');

  /**
   * The scope authorizer of `BuiltinAuthorizersComponent`, at
   * `authorization.authorizers.scopes`
   */
  export const SCOPE_AUTHORIZER = builtinKey('authorizers', 'scopes');

  /**
   * The ownership authorizer of `BuiltinAuthorizersComponent`, at
   * `authorization.authorizers.ownership`
   */
  export const OWNERSHIP_AUTHORIZER = builtinKey('authorizers', 'ownership');

  /**
   * The default role mapper of `BuiltinAuthorizersComponent`, at
   * `authorization.roleMappers.profile`
   */
  export const PROFILE_ROLE_MAPPER = builtinKey('roleMappers', 'profile');

  /**
   * The default scope mapper of `BuiltinAuthorizersComponent`, at
   * `authorization.scopeMappers.grants`
   */
  export const GRANTS_SCOPE_MAPPER = builtinKey('scopeMappers', 'grants');
}

/**
 * Binding tags of the authorization component
 */
export namespace AuthorizationTags {
  /**
   * Tag of the bindings whose values are authorizers asked for every
   * decorated method
   */
  export const AUTHORIZER = 'authorizer';

  /**
   * Tag of the bindings whose values are role mappers
   */
  export const ROLE_MAPPER = 'authorization.roleMapper';

  /**
   * Tag of the bindings whose values are scope mappers
   */
  export const SCOPE_MAPPER = 'authorization.scopeMapper';

  /**
   * Tag of the bindings whose values are decision listeners
   */
  export const DECISION_LISTENER = 'authorization.decisionListener';

  /**
   * Tag of the bindings whose values describe, for the access report, the
   * rules kept as data behind a route (`RouteRuleDescriber`)
   */
  export const ROUTE_RULE_DESCRIBER = 'authorization.routeRuleDescriber';
}

/**
 * The metadata key of `@authorize` on methods
 */
export const AUTHORIZATION_METHOD_KEY = MetadataAccessor.create<
  AuthorizationMetadata,
  MethodDecorator
>('authorization:method');

/**
 * The metadata key of `@authorize` on classes
 */
export const AUTHORIZATION_CLASS_KEY = MetadataAccessor.create<
  AuthorizationMetadata,
  ClassDecorator
>('authorization:class');
