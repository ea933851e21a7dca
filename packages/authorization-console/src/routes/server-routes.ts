// Copyright The loopback-security-monorepo authors. License: MIT.

import {getAccessReport, RouteAccess} from '@loopback/authorization';
import {
  Binding,
  ContextView,
  CoreBindings,
  filterByKey,
  filterByTag,
} from '@loopback/core';
import {
  HttpHandler,
  Request,
  ResolvedRoute,
  RestBindings,
  RestServer,
  RestTags,
} from '@loopback/rest';
import type {RouteName} from '../log/decision-entry';

/**
 * A controller route found for a request: its class, method and the route
 * with the request's path parameters
 */
export interface ControllerRouteMatch {
  /**
   * The controller class
   */
  controller: Function;
  /**
   * The method the route invokes
   */
  methodName: string;
  /**
   * The route, resolved for the request
   */
  route: ResolvedRoute;
}

/**
 * The routes of a REST server, as authorization sees them, and the router
 * that real requests go through.
 *
 * @remarks
 * The list (the access report of `@loopback/authorization`) is kept until a
 * binding the REST server builds its routes from changes (a controller, a
 * route, the API spec): building it builds the OpenAPI document, a few
 * milliseconds for a few dozen routes. The change is seen through a
 * `ContextView` on the bindings the server itself watches, so a controller
 * unbound and another bound under its key is seen too.
 */
export class ServerRoutes {
  private cached?: RouteAccess[];
  private byMethod = new Map<string, RouteName>();
  // Counts the changes, so that a list built while one came is not kept
  private changes = 0;

  /**
   * @param server - The REST server
   */
  constructor(private readonly server: RestServer) {
    const view = new ContextView(server, isRouteSource);
    view.on('refresh', () => {
      this.changes++;
      this.cached = undefined;
    });
    view.open();
  }

  /**
   * Every route with its rules, sorted by path and verb
   */
  async list(): Promise<RouteAccess[]> {
    if (!this.cached) {
      const changes = this.changes;
      // The routes and their metadata: the rules as data are read afresh
      // where they are used, never kept with the routes
      const routes = await getAccessReport(this.server, {
        describeRules: false,
      });
      const byMethod = new Map<string, RouteName>();
      for (const r of routes) {
        if (r.controller === undefined || r.method === undefined) continue;
        const key = `${r.controller}.prototype.${r.method}`;
        if (!byMethod.has(key)) {
          byMethod.set(key, {verb: r.verb.toUpperCase(), path: r.path});
        }
      }
      this.byMethod = byMethod;
      if (changes === this.changes) this.cached = routes;
      return routes;
    }
    return this.cached;
  }

  /**
   * The route of a method, as the last {@link ServerRoutes.list} found it
   * @param method - The method, as `Class.prototype.method`
   */
  routeOf(method: string): RouteName | undefined {
    return this.byMethod.get(method);
  }

  /**
   * The controller route that the router picks for a request, as it picks
   * it for a real one; `undefined` when none does (a static asset, an
   * Express route, or nothing)
   * @param verb - The HTTP verb
   * @param path - The path, without the query string
   * @param query - The query parameters
   */
  match(
    verb: string,
    path: string,
    query: Record<string, string | string[]> = {},
  ): ControllerRouteMatch | undefined {
    // The router reads the verb, the path and the URL of a request only
    const request = {
      method: verb.toUpperCase(),
      path,
      url: path,
      query,
      headers: {},
    } as unknown as Request;
    let route: ResolvedRoute;
    try {
      route = this.handler().findRoute(request);
    } catch (err) {
      if ((err as {statusCode?: number}).statusCode === 404) return undefined;
      throw err;
    }
    const controller = (route as {_controllerCtor?: unknown})._controllerCtor;
    const methodName = route.spec['x-operation-name'];
    if (typeof controller !== 'function' || typeof methodName !== 'string') {
      return undefined;
    }
    return {controller, methodName, route};
  }

  private handler(): HttpHandler {
    // Public in effect (LoopBack's own tests read it), protected in type
    return this.server['httpHandler'];
  }
}

const ROUTE_SOURCE_KEY = new RegExp(
  `^(${CoreBindings.CONTROLLERS}|routes)\\..+`,
);

/**
 * The bindings the REST server builds its routes from, as it tells them
 * apart itself: the API spec, and the controllers and routes other than the
 * routes it makes of the controllers
 */
function isRouteSource(binding: Readonly<Binding<unknown>>): boolean {
  if (filterByKey(RestBindings.API_SPEC.key)(binding)) return true;
  return (
    filterByKey(ROUTE_SOURCE_KEY)(binding) &&
    !filterByTag(RestTags.CONTROLLER_ROUTE)(binding)
  );
}
