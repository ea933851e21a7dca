// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingAddress, DecoratorFactory} from '@loopback/core';
import {validateAuthorizationMetadata} from '../contracts/authorization-metadata.validator';
import {
  ANONYMOUS,
  AUTHENTICATED,
  EVERYONE,
  UNAUTHENTICATED,
} from '../contracts/decision';
import {AuthorizationMetadata, MetadataVoter} from '../contracts/metadata';
import {AUTHORIZATION_CLASS_KEY, AUTHORIZATION_METHOD_KEY} from '../keys';
import {
  AuthorizeClassDecoratorFactory,
  AuthorizeMethodDecoratorFactory,
} from './authorize.decorator-factory';

/**
 * Decorate a method or a class with authorization metadata. Method metadata
 * replaces class metadata; subclasses inherit both.
 *
 * @example
 * ```ts
 * class OrderController {
 *   @authorize({allowedRoles: ['CUSTOMER_SERVICE'], resource: 'order'})
 *   async cancelOrder(id: string) {}
 * }
 * ```
 *
 * @param spec - The metadata; malformed metadata throws at once, naming the
 * decorated target
 */
export function authorize(spec: AuthorizationMetadata) {
  return function authorizeDecoratorForClassOrMethod(
    // Class or a prototype
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    target: any,
    method?: string | symbol,
    // Use `any` to for `TypedPropertyDescriptor`
    // See https://github.com/loopbackio/loopback-next/pull/2704
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    methodDescriptor?: TypedPropertyDescriptor<any>,
  ) {
    const targetName = DecoratorFactory.getTargetName(
      target,
      method,
      methodDescriptor,
    );
    if (method != null && typeof methodDescriptor === 'object') {
      if (typeof methodDescriptor.value !== 'function') {
        throw new Error(
          `@authorize cannot be used on an accessor: ${targetName}`,
        );
      }
      if (typeof method === 'symbol') {
        // LoopBack's interception proxy lets symbol members through
        // unintercepted: such a method would run without a vote
        throw new Error(
          `@authorize cannot be used on the symbol-named method ${targetName}: ` +
            'LoopBack does not intercept symbol members, so it would run unchecked',
        );
      }
      validateAuthorizationMetadata(spec, targetName);
      return AuthorizeMethodDecoratorFactory.createDecorator(
        AUTHORIZATION_METHOD_KEY,
        spec,
        {decoratorName: '@authorize'},
      )(target, method, methodDescriptor);
    }
    if (typeof target === 'function' && method == null) {
      validateAuthorizationMetadata(spec, targetName);
      return AuthorizeClassDecoratorFactory.createDecorator(
        AUTHORIZATION_CLASS_KEY,
        spec,
        {decoratorName: '@authorize'},
      )(target);
    }
    throw new Error(
      `@authorize can only be used on a class or a method: ${targetName}`,
    );
  };
}

/**
 * Shorthands for the common forms of `@authorize`, such as
 * `@authorize.allow('ADMIN')` or `@authorize.skip()`; each returns what
 * `authorize(spec)` returns for the matching metadata.
 */
export namespace authorize {
  /**
   * Allow the given roles
   * @param roles - Role names
   */
  export const allow = (...roles: string[]) => authorize({allowedRoles: roles});

  /**
   * Deny the given roles
   * @param roles - Role names
   */
  export const deny = (...roles: string[]) => authorize({deniedRoles: roles});

  /**
   * Require the given OAuth 2.0 scopes
   * @param scopes - Scope names
   */
  export const scope = (...scopes: string[]) => authorize({scopes});

  /**
   * Add voters
   * @param voters - Authorizer functions or binding keys
   */
  export const vote = (
    ...voters: (MetadataVoter | BindingAddress<MetadataVoter>)[]
  ) => authorize({voters});

  /**
   * Allow every caller, authenticated or not
   */
  export const allowAll = () => allow(EVERYONE);

  /**
   * Allow every caller except those with the given roles
   * @param roles - Denied role names
   */
  export const allowAllExcept = (...roles: string[]) =>
    authorize({deniedRoles: roles, allowedRoles: [EVERYONE]});

  /**
   * Deny every caller
   */
  export const denyAll = () => deny(EVERYONE);

  /**
   * Deny every caller except those with the given roles
   * @param roles - Allowed role names
   */
  export const denyAllExcept = (...roles: string[]) =>
    authorize({allowedRoles: roles, deniedRoles: [EVERYONE]});

  /**
   * Allow callers with an authenticated user
   */
  export const allowAuthenticated = () => allow(AUTHENTICATED);

  /**
   * Deny callers without an authenticated user
   */
  export const denyUnauthenticated = () => deny(UNAUTHENTICATED);

  /**
   * Deny anonymous callers (the same as
   * {@link (authorize:namespace).denyUnauthenticated} under another built-in
   * role name)
   */
  export const denyAnonymous = () => deny(ANONYMOUS);

  /**
   * Skip authorization for the method or class
   */
  export const skip = () => authorize({skip: true});
}
