// Copyright The loopback-security-monorepo authors. License: MIT.

import {MetadataInspector} from '@loopback/core';
import {MetadataCache} from './metadata.cache';
import {AuthorizationMetadata} from '../contracts/metadata';
import {frozenCopy} from '../helpers/frozen-copy';
import {AUTHORIZATION_CLASS_KEY, AUTHORIZATION_METHOD_KEY} from '../keys';

/**
 * The rule of a method as the interceptor enforces it: the method's own
 * `@authorize` (for a class, its static method; for a prototype or an
 * instance, its instance method), else its class's; a deeply frozen copy,
 * so that no voter can change it for a later call.
 *
 * @remarks
 * LoopBack keeps method metadata in a plain object keyed by method name, so
 * only an own entry counts: a method named `toString` must not find
 * `Object.prototype.toString`.
 */
function readRule(
  holder: object,
  methodName: string,
): AuthorizationMetadata | undefined {
  const all = MetadataInspector.getAllMethodMetadata<AuthorizationMetadata>(
    AUTHORIZATION_METHOD_KEY,
    holder,
  );
  const rule =
    all && Object.prototype.hasOwnProperty.call(all, methodName)
      ? all[methodName]
      : MetadataInspector.getClassMetadata(
          AUTHORIZATION_CLASS_KEY,
          typeof holder === 'function' ? holder : holder.constructor,
        );
  return frozenCopy(rule);
}

/**
 * One cache for the interceptor and `getAuthorizationMetadata`: metadata
 * belongs to classes, not to applications
 */
const rules = new MetadataCache(readRule);

/**
 * The rule the interceptor enforces on an invocation
 * @param target - The target of the invocation: an instance, a prototype, or
 * a class for a static method
 * @param methodName - The method name
 * @internal
 */
export function findAuthorizationMetadata(
  target: object,
  methodName: string,
): AuthorizationMetadata | undefined {
  return rules.get(target, methodName);
}

/**
 * Get the authorization metadata of a method: its own `@authorize`, else its
 * class's, else `undefined`; exactly what the interceptor enforces when the
 * method is invoked. The result is deeply frozen.
 *
 * @param target - The class, or its prototype or an instance of it
 * @param methodName - The method name
 * @param isStatic - Given a class, whether the method is its static method
 * rather than an instance method (the default, as in the published package)
 */
export function getAuthorizationMetadata(
  target: object,
  methodName: string,
  isStatic = false,
): AuthorizationMetadata | undefined {
  const holder =
    typeof target === 'function' && !isStatic
      ? (target as Function).prototype
      : target;
  return findAuthorizationMetadata(holder, methodName);
}
