// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  ClassDecoratorFactory,
  MetadataMap,
  MethodDecoratorFactory,
} from '@loopback/core';
import {AuthorizationMetadata} from '../contracts/metadata';

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
