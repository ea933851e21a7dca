// Copyright The loopback-security-monorepo authors. License: MIT.

import {Binding, Context} from '@loopback/core';
import type {RouteEntry} from '@loopback/rest';
import {getAuthorizationMetadata} from '../metadata/authorization-metadata';
import {ruleInForce, ruleSourceOf} from '../metadata/rule-in-force';
import {
  authorizationOptions,
  ResolvedAuthorizationOptions,
} from '../options/options.reader';
import {AuthorizationMetadata} from '../types';
import {
  AuthorizationRules,
  describeAuthorizationRules,
} from './authorization-rules';
import {isPublicPath} from '../options/route-checks.options';

// The tags `@loopback/rest` puts on route bindings (`RestTags`), spelled out
// so that this package needs `@loopback/rest` for its types only
const REST_ROUTE_TAG = 'restRoute';
const CONTROLLER_BINDING_TAG = 'controllerBinding';

/**
 * Whether a route is guarded: `protected` (authorization decides),
 * `public` (skipped by `@authorize`, or at a public path) or `unprotected`
 * (nothing decides: no metadata, no `defaultMetadata`, or a route that is not
 * a controller method, which authorization never sees)
 */
export type RouteAccessLevel = 'protected' | 'public' | 'unprotected';

/**
 * Where the rules of a route come from
 */
export type RouteRulesSource =
  'decorator' | 'defaultMetadata' | 'publicPath' | 'none' | 'notController';

/**
 * One route of an access report
 */
export interface RouteAccess {
  /**
   * The HTTP verb, lower case
   */
  verb: string;
  /**
   * The route path, as in the OpenAPI document
   */
  path: string;
  /**
   * The controller class name, for a controller route
   */
  controller?: string;
  /**
   * The controller method name, for a controller route
   */
  method?: string;
  /**
   * Whether the route is guarded
   */
  access: RouteAccessLevel;
  /**
   * Where its rules come from
   */
  source: RouteRulesSource;
  /**
   * The rules in force, when some metadata applies
   */
  rules?: AuthorizationRules;
}

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
 * Every route of an application or a REST server, with its verb, path,
 * controller method and the authorization rules in force, sorted by path and
 * verb.
 *
 * @remarks
 * Give it the application, before or after `start()`: it reads the routes of
 * every server bound under `servers.*` that has routes, as LoopBack
 * registers them. Routes that are not controller methods (handler routes,
 * redirects) are listed as `unprotected` unless at a public path, since
 * authorization never sees them.
 *
 * @param ctx - The application, or a REST server
 */
export async function getAccessReport(ctx: Context): Promise<RouteAccess[]> {
  const report: RouteAccess[] = [];
  for (const server of routeServersOf(ctx)) {
    await server.getApiSpec();
    const options = await authorizationOptions.read(server);
    report.push(...listRouteAccess(server, options));
  }
  return report;
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

/**
 * The routes registered in a server's context, with their rules; the routes
 * must be set up already (`getApiSpec()` or `start()` does it)
 * @param server - The server's context
 * @param options - The authorization options in force
 */
export function listRouteAccess(
  server: Context,
  options: ResolvedAuthorizationOptions,
): RouteAccess[] {
  const report: RouteAccess[] = [];
  for (const binding of server.findByTag(REST_ROUTE_TAG)) {
    const route = server.getSync<RouteEntry>(binding.key, {optional: true});
    if (route == null) continue;
    report.push(routeAccessOf(server, binding, route, options));
  }
  return report.sort(
    (a, b) => compare(a.path, b.path) || compare(a.verb, b.verb),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function routeAccessOf(
  server: Context,
  binding: Readonly<Binding>,
  route: RouteEntry,
  options: ResolvedAuthorizationOptions,
): RouteAccess {
  const verb = route.verb.toLowerCase();
  const {path} = route;
  const controllerClass = controllerClassOf(server, binding, route);
  const method = route.spec['x-operation-name'];
  if (controllerClass == null || typeof method !== 'string') {
    // Authorization never sees such a route: only a public path covers it
    return isPublicPath(path, options.publicPaths)
      ? {verb, path, access: 'public', source: 'publicPath'}
      : {verb, path, access: 'unprotected', source: 'notController'};
  }
  const entry = {verb, path, controller: controllerClass.name, method};
  const own = getAuthorizationMetadata(controllerClass, method);
  const source = ruleSourceOf(own, options, path);
  const rule = ruleInForce(own, options, path);
  if (rule !== undefined) return {...entry, ...accessOf(rule, source)};
  const access = source === 'publicPath' ? 'public' : 'unprotected';
  return {...entry, access, source};
}

function accessOf(
  metadata: AuthorizationMetadata,
  source: RouteRulesSource,
): Pick<RouteAccess, 'access' | 'source' | 'rules'> {
  return {
    access: metadata.skip ? 'public' : 'protected',
    source,
    rules: describeAuthorizationRules(metadata),
  };
}

/**
 * The controller class of a route: from the controller binding LoopBack tags
 * a controller's routes with, else from a route made with
 * `app.route(verb, path, spec, ControllerClass, factory, method)`, which
 * keeps the class in a protected field
 */
function controllerClassOf(
  server: Context,
  binding: Readonly<Binding>,
  route: RouteEntry,
): Function | undefined {
  const controllerKey: unknown = binding.tagMap[CONTROLLER_BINDING_TAG];
  if (typeof controllerKey === 'string') {
    const ctor = server.getBinding(controllerKey, {
      optional: true,
    })?.valueConstructor;
    if (ctor) return ctor;
  }
  const ctor = (route as {_controllerCtor?: unknown})._controllerCtor;
  return typeof ctor === 'function' ? ctor : undefined;
}
