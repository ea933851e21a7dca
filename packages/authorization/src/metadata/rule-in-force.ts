// Copyright The loopback-security-monorepo authors. License: MIT.

import type {AuthorizationMetadata} from '../contracts/metadata';
import type {ResolvedAuthorizationOptions} from '../options/options.reader';
import {isPublicPath} from '../options/route-checks.options';

/**
 * Where the rule in force for a method comes from: its own `@authorize`
 * (or its class's), none because its route is at a public path, the
 * `defaultMetadata` option, or nowhere
 */
export type RuleSource =
  'decorator' | 'publicPath' | 'defaultMetadata' | 'none';

/**
 * The options the rule in force depends on
 */
export type RuleOptions = Pick<
  ResolvedAuthorizationOptions,
  'defaultMetadata' | 'publicPaths'
>;

/**
 * Where the rule in force for a method comes from. This is the one place
 * that says "a method's own rule, else the default metadata unless the path
 * is public": the interceptor, the metadata provider and the access report
 * (and through it the start-up check and the OpenAPI enhancer) all ask it,
 * each with the path it knows the call or the route by.
 *
 * @param own - The method's own rule (its `@authorize`, else its class's)
 * @param options - The options in force
 * @param path - The path of the REST route the method serves, if any; a call
 * that serves no route (`invokeMethod`, a proxy) has none, so no path makes
 * it public
 */
export function ruleSourceOf(
  own: AuthorizationMetadata | undefined,
  options: RuleOptions,
  path: string | undefined,
): RuleSource {
  if (own !== undefined) return 'decorator';
  if (path !== undefined && isPublicPath(path, options.publicPaths)) {
    return 'publicPath';
  }
  return options.defaultMetadata !== undefined ? 'defaultMetadata' : 'none';
}

/**
 * The rule in force for a method: what {@link ruleSourceOf} names, frozen
 * (a method's own rule is frozen by its lookup, the `defaultMetadata` by the
 * options' check); `undefined` when nothing is to be decided
 *
 * @param own - The method's own rule (its `@authorize`, else its class's)
 * @param options - The options in force
 * @param path - The path of the REST route the method serves, if any
 */
export function ruleInForce(
  own: AuthorizationMetadata | undefined,
  options: RuleOptions,
  path: string | undefined,
): AuthorizationMetadata | undefined {
  switch (ruleSourceOf(own, options, path)) {
    case 'decorator':
      return own;
    case 'defaultMetadata':
      return options.defaultMetadata;
    default:
      return undefined;
  }
}
