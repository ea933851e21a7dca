// Copyright The loopback-security-monorepo authors. License: MIT.

// Internal: not exported by the package index.

import * as core from '@loopback/core';
import * as security from '@loopback/security';

/*
 * The values of LoopBack that every authorization uses, read once.
 *
 * Why: `@loopback/core` and `@loopback/security` re-export their modules
 * through getters (`tslib.__exportStar`), two levels deep for what core takes
 * from `@loopback/context`; TypeScript compiles each use of an import to a
 * property read, so `isPromiseLike(x)` on the request path calls two getters
 * every time. Read here once, they are plain properties. They are constants
 * of those packages: nothing an application does changes them.
 */

/**
 * `isPromiseLike` of `@loopback/core`
 */
export const isPromiseLike = core.isPromiseLike;

/**
 * `BindingType.CONSTANT` of `@loopback/core`
 */
export const CONSTANT_BINDING = core.BindingType.CONSTANT;

/**
 * `ContextBindings.CONFIGURATION_RESOLVER` of `@loopback/core`
 */
export const CONFIGURATION_RESOLVER =
  core.ContextBindings.CONFIGURATION_RESOLVER;

/**
 * `SecurityBindings.USER` of `@loopback/security`
 */
export const USER_KEY = security.SecurityBindings.USER;

/**
 * `securityId` of `@loopback/security`
 */
export const securityId: typeof security.securityId = security.securityId;
