// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  parseOperationArgs,
  REQUEST_BODY_INDEX,
  Request,
  ResolvedRoute,
} from '@loopback/rest';

/**
 * The arguments a request gets, but for its body (`undefined` in its
 * place): the path and query parameters, coerced and checked by LoopBack's
 * own parser
 * @param route - The route
 * @param path - The request's path, as the router saw it
 * @param query - The request's query parameters, parsed
 */
export async function parseArgs(
  route: ResolvedRoute,
  path: string,
  query: Record<string, unknown>,
): Promise<unknown[]> {
  const spec = {...route.spec, requestBody: undefined};
  const withoutBody = Object.create(route, {spec: {value: spec}});
  const request = {path, url: path, query, headers: {}} as unknown as Request;
  const args: unknown[] = await parseOperationArgs(request, withoutBody);
  const bodyIndex = bodyIndexOf(route);
  if (bodyIndex !== undefined) args.splice(bodyIndex, 0, undefined);
  return args;
}

/**
 * Where the body goes among a method's arguments, if it takes one
 * @param route - The route
 */
export function bodyIndexOf(route: ResolvedRoute): number | undefined {
  const body = route.spec.requestBody as Record<string, unknown> | undefined;
  if (!body) return undefined;
  const index = body[REQUEST_BODY_INDEX];
  return typeof index === 'number' ? index : 0;
}

/**
 * The first path parameter among a method's arguments: the instance id of
 * `GET /orders/{id}`
 * @param route - The route
 * @param args - The arguments
 */
export function firstPathArg(route: ResolvedRoute, args: unknown[]): unknown {
  const params = route.spec.parameters ?? [];
  let i = params.findIndex(p => (p as {in?: string}).in === 'path');
  if (i < 0) return undefined;
  const bodyIndex = bodyIndexOf(route);
  if (bodyIndex !== undefined && bodyIndex <= i) i++;
  return args[i];
}

/**
 * The query parameters of a request that the route declares as objects (a
 * `filter`, as `@param.filter` declares it): what the method does with
 * them is not known without running it
 * @param route - The route
 * @param query - The request's query parameters
 */
export function objectQueryParams(
  route: ResolvedRoute,
  query: Record<string, unknown>,
): string[] {
  const names: string[] = [];
  for (const p of route.spec.parameters ?? []) {
    const param = p as {
      in?: string;
      name?: string;
      schema?: {type?: unknown};
      content?: unknown;
    };
    if (param.in !== 'query' || typeof param.name !== 'string') continue;
    if (!Object.prototype.hasOwnProperty.call(query, param.name)) continue;
    if (param.content !== undefined || param.schema?.type === 'object') {
      names.push(param.name);
    }
  }
  return names;
}
