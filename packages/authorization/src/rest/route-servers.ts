// Copyright The loopback-security-monorepo authors. License: MIT.

import {Context} from '@loopback/core';

/**
 * The part of a LoopBack `RestServer` an access report reads
 */
export interface RouteServer extends Context {
  /**
   * Builds the OpenAPI document; as a side effect it registers the routes of
   * the controllers, which the report then lists
   */
  getApiSpec(): Promise<unknown>;
}

/**
 * The REST servers of a context: itself when it is one, else the servers
 * bound under `servers.*`
 * @param ctx - An application or a server
 */
export function routeServersOf(ctx: Context): RouteServer[] {
  if (isRouteServer(ctx)) return [ctx];
  const servers: RouteServer[] = [];
  for (const binding of ctx.find('servers.*')) {
    let server: unknown;
    try {
      server = ctx.getSync(binding.key, {optional: true});
    } catch {
      // A server resolved asynchronously is not a REST server of LoopBack's
      continue;
    }
    if (isRouteServer(server)) servers.push(server);
  }
  return servers;
}

function isRouteServer(value: unknown): value is RouteServer {
  return (
    value instanceof Context &&
    typeof (value as {getApiSpec?: unknown}).getApiSpec === 'function'
  );
}
