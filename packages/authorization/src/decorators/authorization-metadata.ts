// Copyright The loopback-security-monorepo authors. License: MIT.

import {MetadataInspector} from '@loopback/core';
import {AUTHORIZATION_CLASS_KEY, AUTHORIZATION_METHOD_KEY} from '../keys';
import {AuthorizationMetadata} from '../types';

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
