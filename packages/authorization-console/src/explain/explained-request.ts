// Copyright The loopback-security-monorepo authors. License: MIT.

import {RestServer} from '@loopback/rest';
import parseUrl from 'parseurl';
import {consoleError} from '../console-errors';

/**
 * The path and query of an explained request, as the REST server's router
 * and parameter parser see them
 */
export interface ExplainedRequest {
  /**
   * The path as Express gives it to the router: not decoded, not
   * normalised (`/x/../me` stays so, `//orders/x` is a path, not a host,
   * which Express's mount trims to `/orders/x`)
   */
  path: string;
  /**
   * The query parameters, parsed by the server's own query parser
   */
  query: Record<string, unknown>;
}

type QueryParser = (text: string) => Record<string, unknown>;

/**
 * Read the request-target of an explained request as the REST server reads
 * a real one's: the path with `parseurl` (what Express's `request.path`
 * uses), the query with the Express application's `query parser fn`
 * setting (`qs` by default). Building a `URL` instead would resolve dot
 * segments and read `//host/x` as a host, so explain would match another
 * route than the router does.
 *
 * @param server - The REST server
 * @param target - The path and query string, as a request line carries it
 */
export function explainedRequest(
  server: RestServer,
  target: string,
): ExplainedRequest {
  const parsed = parseUrl({url: target} as Parameters<typeof parseUrl>[0]);
  let path = parsed?.pathname ?? '/';
  // Express mounts the REST handler with `use(basePath)`, whose match of a
  // path starting with `//` takes its first `/` and trims it: the router of
  // `//orders/x` sees `/orders/x`, that of `///x` sees `//x`
  if (path.startsWith('//')) path = path.slice(1);
  const search = typeof parsed?.query === 'string' ? parsed.query : '';
  // Protected in type; set once the server handles a request, as the
  // explain request is one
  const parser: unknown = server['_expressApp']?.get('query parser fn');
  const query =
    typeof parser === 'function'
      ? ((parser as QueryParser)(search) ?? {})
      : Object.fromEntries(new URLSearchParams(search));
  return {path, query};
}

/**
 * Whether an error is the router's failure to decode a path parameter whose
 * percent-encoding is not UTF-8
 * @param error - What the router threw
 */
export function isMalformedPath(error: unknown): boolean {
  return error instanceof URIError;
}

/**
 * The answer to an explained path the router cannot decode (400). A real
 * request with it never reaches authorization: LoopBack answers the
 * router's `URIError` with 500 unless the application maps it (a
 * middleware around `findRoute` that answers 400, as the example does).
 * @param path - The path
 */
export function malformedPath(path: string): Error {
  const what =
    'its percent-encoding is not UTF-8: the router cannot decode it, so ' +
    'a request with it reaches no route and authorization never sees it';
  return consoleError(
    400,
    'MALFORMED_PATH',
    `Malformed path ${JSON.stringify(path)}: ${what}`,
    [{path: 'route.path', message: what}],
  );
}
