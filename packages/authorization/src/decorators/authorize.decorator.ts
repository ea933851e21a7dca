// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  BindingAddress,
  ClassDecoratorFactory,
  DecoratorFactory,
  MetadataInspector,
  MetadataMap,
  MethodDecoratorFactory,
} from '@loopback/core';
import {AUTHORIZATION_CLASS_KEY, AUTHORIZATION_METHOD_KEY} from '../keys';
import {
  ANONYMOUS,
  AUTHENTICATED,
  AuthorizationMetadata,
  Authorizer,
  EVERYONE,
  UNAUTHENTICATED,
} from '../types';
import {validateAuthorizationMetadata} from './authorization-metadata.validator';

/**
 * The fields that several `@authorize` decorators on one method unite
 */
const UNITED_FIELDS = [
  'allowedRoles',
  'deniedRoles',
  'scopes',
  'voters',
] as const;

/**
 * Decorator factory of `@authorize` on methods. Several `@authorize` on one
 * method merge: the role, scope and voter lists are united in order without
 * duplicates, the decorator nearest the method first; other fields come from
 * the decorator nearest the method only.
 */
export class AuthorizeMethodDecoratorFactory extends MethodDecoratorFactory<AuthorizationMetadata> {
  /**
   * Merge this decorator's metadata into the method metadata the class
   * already has. The first `@authorize` of a method in a class is laid over
   * what a base class declared for that method (its own fields win); a
   * further `@authorize` on the same method is merged with the one nearer the
   * method, as described for the class.
   *
   * @param ownMetadata - The method metadata of the class so far, by method
   * name
   * @param target - The prototype (or the class, for a static method)
   * @param methodName - The decorated method
   * @param methodDescriptor - The descriptor of the method
   * @returns The method metadata of the class, with this method's merged in
   */
  /**
   * Lay the spec over what a base class said of the method, as LoopBack
   * does, except that an inherited `skip` does not survive: a subclass that
   * decorates a method means it to be checked.
   */
  protected override inherit(
    inherited: AuthorizationMetadata | undefined | null,
  ): AuthorizationMetadata {
    return withoutInheritedSkip(super.inherit(inherited), this.spec);
  }

  /**
   * Merge a second `@authorize` of the same method into the first
   */
  protected override mergeWithOwn(
    ownMetadata: MetadataMap<AuthorizationMetadata>,
    target: Object,
    methodName?: string,
    methodDescriptor?: TypedPropertyDescriptor<unknown> | number,
  ): MetadataMap<AuthorizationMetadata> {
    ownMetadata = ownMetadata ?? {};
    const name = methodName!;
    const existing = ownMetadata[name];
    if (existing == null || this.getTarget(existing) !== target) {
      // The first decorator of this method in this class: it overrides what
      // a base class said of the method, as the inherited path does.
      ownMetadata[name] = this.withTarget(this.inherit(existing), target);
      return ownMetadata;
    }
    // Decorators apply bottom-up, so `existing` is the one nearer the method.
    // Fields other than the lists come from it alone, as in the published
    // package: a farther decorator's `skip` or `resource` is not taken.
    const merged: AuthorizationMetadata = {...existing};
    for (const field of UNITED_FIELDS) {
      const list = unite<unknown>(existing[field], this.spec[field]);
      if (list) (merged as Record<string, unknown>)[field] = list;
    }
    ownMetadata[name] = this.withTarget(merged, target);
    return ownMetadata;
  }
}

/**
 * Drop a `skip` that came from a base class rather than from the spec
 */
function withoutInheritedSkip(
  merged: AuthorizationMetadata,
  spec: AuthorizationMetadata,
): AuthorizationMetadata {
  if (spec.skip === undefined && merged.skip !== undefined) {
    const rest = {...merged};
    delete rest.skip;
    return rest;
  }
  return merged;
}

/**
 * Decorator factory of `@authorize` on classes: a subclass's decorator is
 * laid over its base class's, without the base's `skip`
 */
export class AuthorizeClassDecoratorFactory extends ClassDecoratorFactory<AuthorizationMetadata> {
  /**
   * {@inheritDoc AuthorizeMethodDecoratorFactory.inherit}
   */
  protected override inherit(
    inherited: AuthorizationMetadata | undefined | null,
  ): AuthorizationMetadata {
    return withoutInheritedSkip(super.inherit(inherited), this.spec);
  }
}

/**
 * The union of two lists in order, without duplicates; `undefined` if both
 * are absent
 */
function unite<T>(first?: T[], second?: T[]): T[] | undefined {
  if (!first && !second) return undefined;
  return [...new Set([...(first ?? []), ...(second ?? [])])];
}

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
    ...voters: (Authorizer | BindingAddress<Authorizer>)[]
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

/**
 * The `@authorize` metadata of a method of a class or prototype. LoopBack
 * keeps method metadata in a plain object keyed by method name, so only an
 * own entry counts: a method named `toString` must not find
 * `Object.prototype.toString`.
 */
function methodMetadata(
  holder: object,
  methodName: string,
): AuthorizationMetadata | undefined {
  const all = MetadataInspector.getAllMethodMetadata<AuthorizationMetadata>(
    AUTHORIZATION_METHOD_KEY,
    holder,
  );
  return all && Object.prototype.hasOwnProperty.call(all, methodName)
    ? all[methodName]
    : undefined;
}

/**
 * The metadata of the method an invocation calls: for a class (a static
 * method) its static method, for an instance its instance method; else the
 * class's metadata
 * @param target - The target of the invocation
 * @param methodName - The method name
 */
export function getInvocationMetadata(
  target: object,
  methodName: string,
): AuthorizationMetadata | undefined {
  const isClass = typeof target === 'function';
  return (
    methodMetadata(target, methodName) ??
    MetadataInspector.getClassMetadata(
      AUTHORIZATION_CLASS_KEY,
      isClass ? (target as Function) : target.constructor,
    )
  );
}

/**
 * Get the authorization metadata of a method: its own `@authorize`, else its
 * class's, else `undefined`.
 *
 * @param target - The class (for static methods, or to look up the methods
 * of its prototype) or the prototype or an instance of it
 * @param methodName - The method name
 */
export function getAuthorizationMetadata(
  target: object,
  methodName: string,
): AuthorizationMetadata | undefined {
  const isClass = typeof target === 'function';
  // Given a class, its instance methods first, as the published package
  // reads them, then its static methods
  const methodHolders = isClass
    ? [(target as Function).prototype, target]
    : [target];
  for (const holder of methodHolders) {
    const metadata = methodMetadata(holder, methodName);
    if (metadata) return metadata;
  }
  return MetadataInspector.getClassMetadata(
    AUTHORIZATION_CLASS_KEY,
    isClass ? (target as Function) : target.constructor,
  );
}
