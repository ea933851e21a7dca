// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationComponent,
  AuthorizationTags,
  authorize,
  Authorizer,
} from '@loopback/authorization';
import {
  AuthorizationComponent as PublishedAuthorizationComponent,
  AuthorizationTags as PublishedAuthorizationTags,
  authorize as publishedAuthorize,
} from '@loopback/authorization-published';
import {
  Application,
  asGlobalInterceptor,
  BindingScope,
  Context,
  Interceptor,
  invokeMethod,
} from '@loopback/core';
import {SecurityBindings} from '@loopback/security';
import {BENCHMARK_METADATA, BENCHMARK_USER} from './fixtures';

/**
 * The three ways a method is invoked: without an authorization component
 * (the baseline), with the published `@loopback/authorization` and with ours
 */
export type VariantName = 'baseline' | 'published' | 'ours';

/**
 * The variants, and `floor`: a global interceptor that only calls `next()`,
 * the least any interceptor-based authorization costs
 */
export type ContenderName = VariantName | 'floor';

/**
 * The variants, in the order of the first round
 */
export const VARIANT_NAMES: readonly VariantName[] = [
  'baseline',
  'published',
  'ours',
];

/**
 * How the application of a variant is set up
 */
export interface VariantSetup {
  /**
   * The voters bound in the application, tagged as authorizers, in order;
   * the baseline binds them too, untagged, so its context is as large
   */
  voters: readonly Authorizer[];
  /**
   * Whether each call's context holds a user
   */
  withUser: boolean;
  /**
   * Whether the method has authorization metadata; without it the
   * interceptors should let the call through at once. Default: true.
   */
  decorated?: boolean;
}

/**
 * One variant, ready to be called
 */
export interface InvocationVariant {
  /**
   * The variant
   */
  readonly name: ContenderName;
  /**
   * Its application
   */
  readonly app: Application;
  /**
   * Invoke the method once, as a request would: in a new request-scoped
   * child context of the application, holding the user if there is one
   */
  call(): Promise<unknown>;
}

class BaselineGreeter {
  @authorize(BENCHMARK_METADATA)
  async greet(name: string) {
    return `Hello, ${name}`;
  }
}

class OurGreeter {
  @authorize(BENCHMARK_METADATA)
  async greet(name: string) {
    return `Hello, ${name}`;
  }
}

class PublishedGreeter {
  @publishedAuthorize(BENCHMARK_METADATA)
  async greet(name: string) {
    return `Hello, ${name}`;
  }
}

class UndecoratedGreeter {
  async greet(name: string) {
    return `Hello, ${name}`;
  }
}

const passThrough: Interceptor = (_ctx, next) => next();

/**
 * Build the application of a variant and the function that calls its method
 *
 * @param name - The variant
 * @param setup - The voters and the user
 */
export function createInvocationVariant(
  name: ContenderName,
  setup: VariantSetup,
): InvocationVariant {
  const app = new Application();
  const decorated = setup.decorated ?? true;
  let target: object;
  let tag: string | undefined;
  switch (name) {
    case 'baseline':
      target = decorated ? new BaselineGreeter() : new UndecoratedGreeter();
      break;
    case 'floor':
      app
        .bind('interceptors.nothing')
        .to(passThrough)
        .inScope(BindingScope.SINGLETON)
        .apply(asGlobalInterceptor('authorization'));
      target = decorated ? new BaselineGreeter() : new UndecoratedGreeter();
      break;
    case 'published':
      app.component(PublishedAuthorizationComponent);
      tag = PublishedAuthorizationTags.AUTHORIZER;
      target = decorated ? new PublishedGreeter() : new UndecoratedGreeter();
      break;
    case 'ours':
      app.component(AuthorizationComponent);
      tag = AuthorizationTags.AUTHORIZER;
      target = decorated ? new OurGreeter() : new UndecoratedGreeter();
      break;
  }
  setup.voters.forEach((voter, i) => {
    const binding = app.bind(`voters.v${i + 1}`).to(voter);
    if (tag != null) binding.tag(tag);
  });
  const user = setup.withUser ? BENCHMARK_USER : undefined;
  return {
    name,
    app,
    async call() {
      const requestCtx = new Context(app, 'request');
      requestCtx.scope = BindingScope.REQUEST;
      if (user != null) requestCtx.bind(SecurityBindings.USER).to(user);
      return invokeMethod(target, 'greet', requestCtx, ['world']);
    },
  };
}

/**
 * Build the three variants of a setup, in {@link VARIANT_NAMES} order
 *
 * @param setup - The voters and the user
 * @param withFloor - Add the `floor` contender, last
 */
export function createInvocationVariants(
  setup: VariantSetup,
  withFloor = false,
): InvocationVariant[] {
  const names: ContenderName[] = [...VARIANT_NAMES];
  if (withFloor) names.push('floor');
  return names.map(name => createInvocationVariant(name, setup));
}
