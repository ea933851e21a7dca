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
import {lookupsInterceptor} from './lookups.interceptor';

/**
 * The three ways a method is invoked: without an authorization component
 * (the baseline), with the published `@loopback/authorization` and with ours
 */
export type VariantName = 'baseline' | 'published' | 'ours';

/**
 * The yardsticks timed beside the variants in some scenarios: `floor`, a
 * global interceptor that only calls `next()`, the least any
 * interceptor-based authorization costs; and `lookups`, the
 * {@link lookupsInterceptor}, the least a faithful decision costs through
 * LoopBack's public API
 */
export type YardstickName = 'floor' | 'lookups';

/**
 * The variants and the yardsticks
 */
export type ContenderName = VariantName | YardstickName;

/**
 * Whether a contender decides: asks the voters of a decorated method, allows
 * when they allow and denies when they deny
 */
export const DECIDES: Readonly<Record<ContenderName, boolean>> = {
  baseline: false,
  published: true,
  ours: true,
  floor: false,
  lookups: true,
};

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
 * Bind an interceptor as the global one of the group 'authorization', a
 * singleton, as our component binds its own
 */
function bindGlobalInterceptor(
  app: Application,
  key: string,
  interceptor: Interceptor,
) {
  app
    .bind(key)
    .to(interceptor)
    .inScope(BindingScope.SINGLETON)
    .apply(asGlobalInterceptor('authorization'));
}

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
      bindGlobalInterceptor(app, 'interceptors.nothing', passThrough);
      target = decorated ? new BaselineGreeter() : new UndecoratedGreeter();
      break;
    case 'lookups':
      // It votes whether or not the method is decorated: it is timed only
      // with a decorated one
      bindGlobalInterceptor(app, 'interceptors.lookups', lookupsInterceptor);
      tag = AuthorizationTags.AUTHORIZER;
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
 * Build the contenders of a setup
 *
 * @param setup - The voters and the user
 * @param names - The contenders, in the order of the first round
 */
export function createInvocationVariants(
  setup: VariantSetup,
  names: readonly ContenderName[] = VARIANT_NAMES,
): InvocationVariant[] {
  return names.map(name => createInvocationVariant(name, setup));
}
