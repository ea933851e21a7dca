// Copyright The loopback-security-monorepo authors. License: MIT.

// Internal: not exported by the package index.

import {Context, MetadataInspector} from '@loopback/core';

// The metadata keys of `@authenticate` in `@loopback/authentication`
// (`AUTHENTICATION_METADATA_METHOD_KEY` and `..._CLASS_KEY`), spelled out so
// that this package does not depend on it
const AUTHENTICATE_METHOD_KEY = 'authentication:method';
const AUTHENTICATE_CLASS_KEY = 'authentication:class';
// The tag of `app.controller()` bindings (`CoreTags.CONTROLLER`)
const CONTROLLER_TAG = 'controller';

/**
 * Does `@authenticate(...)` of `@loopback/authentication` guard a method: its
 * own metadata, else its class's, names a strategy and does not skip? Read as
 * that package reads it (method first, then class).
 *
 * @param controller - The controller class
 * @param method - The method name
 */
export function hasAuthentication(
  controller: Function,
  method: string,
): boolean {
  const metadata: unknown =
    MetadataInspector.getMethodMetadata(
      AUTHENTICATE_METHOD_KEY,
      controller.prototype,
      method,
    ) ?? MetadataInspector.getClassMetadata(AUTHENTICATE_CLASS_KEY, controller);
  if (!Array.isArray(metadata) || metadata.length === 0) return false;
  return metadata.every(
    (spec: {strategy?: unknown; skip?: unknown} | null) =>
      spec != null &&
      spec.skip !== true &&
      typeof spec.strategy === 'string' &&
      spec.strategy !== '',
  );
}

/**
 * Which methods of the controllers some contexts see `@authenticate` guards,
 * by controller class name. A route names its controller by class name only:
 * when several controllers share a name, a method counts as authenticated
 * only if it is in each of them, so the report never understates who may
 * call a route.
 *
 * @param contexts - The REST servers (each sees the application's
 * controllers too)
 * @returns A test of a controller name and a method name
 */
export function authenticatedMethodsOf(
  contexts: Context[],
): (controller: string, method: string) => boolean {
  const byName = new Map<string, Set<Function>>();
  for (const ctx of contexts) {
    for (const binding of ctx.findByTag(CONTROLLER_TAG)) {
      const ctor = binding.valueConstructor;
      if (typeof ctor !== 'function') continue;
      const classes = byName.get(ctor.name) ?? new Set();
      byName.set(ctor.name, classes.add(ctor));
    }
  }
  return (controller, method) => {
    const classes = byName.get(controller);
    return (
      classes !== undefined &&
      [...classes].every(ctor => hasAuthentication(ctor, method))
    );
  };
}
