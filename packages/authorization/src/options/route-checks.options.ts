// Copyright The loopback-security-monorepo authors. License: MIT.

import {describeValue} from '../helpers/describe-value';

/**
 * What the start-up check does with routes that no authorization rule
 * covers: `warn` writes them as a warning (`console.warn` by default), `fail`
 * stops the start with an error, `silent` says nothing. Unset, they go to the
 * `loopback:authorization:startup-checks` debug log only.
 */
export type UnprotectedRoutesMode = 'warn' | 'fail' | 'silent';

/**
 * Options of `AuthorizationComponent` about routes: which ones are public on
 * purpose, and what to do about the ones no rule covers
 */
export interface RouteCheckOptions {
  /**
   * Paths that are public on purpose, such as `/explorer`, `/openapi.json`
   * and `/ping`: a route at such a path, or below it (`/explorer` covers
   * `/explorer/` and `/explorer/openapi.json`), is not given
   * `defaultMetadata` and is not reported as unprotected. Its own
   * `@authorize` still applies. Paths are those of the routes, without the
   * server's `basePath`.
   */
  publicPaths?: string[];
  /**
   * What to do when the application starts with routes that have no
   * `@authorize`, are not covered by `defaultMetadata` and are not in
   * `publicPaths`. Default: unset, which lists them in the
   * `loopback:authorization:startup-checks` debug log and nowhere else, so
   * that an application's tests see no console output.
   */
  unprotectedRoutes?: UnprotectedRoutesMode;
}

const MODES: unknown[] = ['warn', 'fail', 'silent'];

/**
 * Check the route options, and copy `publicPaths` so that the checked list
 * cannot change behind the check's back
 * @param options - The options, changed in place
 * @param fail - Makes the error of a malformed option
 */
export function checkRouteOptions(
  options: RouteCheckOptions,
  fail: (what: string) => Error,
): void {
  const {publicPaths, unprotectedRoutes} = options;
  if (unprotectedRoutes !== undefined && !MODES.includes(unprotectedRoutes)) {
    throw fail(
      `"unprotectedRoutes" must be "warn", "fail" or "silent", got ${describeValue(unprotectedRoutes)}`,
    );
  }
  if (publicPaths === undefined) return;
  if (!Array.isArray(publicPaths)) {
    throw fail(
      `"publicPaths" must be an array of paths, got ${describeValue(publicPaths)}`,
    );
  }
  publicPaths.forEach((path: unknown, i) => {
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw fail(
        `"publicPaths[${i}]" must be a path starting with "/", got ${describeValue(path)}`,
      );
    }
    if (/^\/+$/.test(path)) {
      // It would cover every route: an option meant to open the explorer
      // must not open the whole API
      throw fail(
        `"publicPaths[${i}]" must name a path below "/", got ${describeValue(path)}: "/" would make every route public`,
      );
    }
  });
  options.publicPaths = Object.freeze([...publicPaths]) as string[];
}

/**
 * Is a route path at or below one of the public paths?
 * @param path - The route path, such as `/explorer/openapi.json`
 * @param publicPaths - The public paths
 */
export function isPublicPath(
  path: string,
  publicPaths: readonly string[] | undefined,
): boolean {
  if (!publicPaths) return false;
  for (const publicPath of publicPaths) {
    const prefix = publicPath.endsWith('/') ? publicPath : publicPath + '/';
    if (path === publicPath || path + '/' === prefix) return true;
    if (path.startsWith(prefix)) return true;
  }
  return false;
}
