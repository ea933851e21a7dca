// Copyright The loopback-security-monorepo authors. License: MIT.

import {Binding, Context} from '@loopback/core';
import type {RouteEntry} from '@loopback/rest';
import {getAuthorizationMetadata} from '../metadata/authorization-metadata';
import {ruleInForce, ruleSourceOf} from '../metadata/rule-in-force';
import {
  authorizationOptions,
  ResolvedAuthorizationOptions,
} from '../options/options.reader';
import {EVERYONE} from '../contracts/decision';
import {AuthorizationMetadata, RouteRuleDescription} from '../types';
import {
  AuthorizationRules,
  describeAuthorizationRules,
} from './authorization-rules';
import {isPublicPath} from '../options/route-checks.options';
import {routeServersOf} from './route-servers';
import {
  describeRouteRules,
  findRouteRuleDescribers,
} from './route-rules.describers';

// The tags `@loopback/rest` puts on route bindings (`RestTags`), spelled out
// so that this package needs `@loopback/rest` for its types only
const REST_ROUTE_TAG = 'restRoute';
const CONTROLLER_BINDING_TAG = 'controllerBinding';

/**
 * Whether a route is guarded: `protected` (authorization decides),
 * `public` (skipped by `@authorize`, at a public path, or allowed to
 * `$everyone` by a rule that names nothing else that could refuse a caller)
 * or `unprotected` (nothing decides: no metadata, no `defaultMetadata`, or a
 * route that is not a controller method, which authorization never sees)
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
  /**
   * The rules kept as data behind them (the policy rules of the route's
   * resource and action, say), as the route rule describers bound in the
   * application describe them; absent when none has any
   */
  describedRules?: RouteRuleDescription[];
}

/**
 * Options of {@link getAccessReport}
 */
export interface AccessReportOptions {
  /**
   * Ask the route rule describers (`AuthorizationTags.ROUTE_RULE_DESCRIBER`)
   * for the rules kept as data behind each route. Default: `true`. Code that
   * only needs the routes and their metadata (a start-up check, a router)
   * turns it off: describers may read a store.
   */
  describeRules?: boolean;
}

/**
 * Every route of an application or a REST server, with its verb, path,
 * controller method and the authorization rules in force, sorted by path and
 * verb; for a route whose rule is kept as data (policy rules), the rules the
 * route rule describers of the application find behind it.
 *
 * @remarks
 * Give it the application, before or after `start()`: it reads the routes of
 * every server bound under `servers.*` that has routes, as LoopBack
 * registers them. Routes that are not controller methods (handler routes,
 * redirects) are listed as `unprotected` unless at a public path, since
 * authorization never sees them.
 *
 * @param ctx - The application, or a REST server
 * @param reportOptions - What to include
 */
export async function getAccessReport(
  ctx: Context,
  reportOptions: AccessReportOptions = {},
): Promise<RouteAccess[]> {
  const report: RouteAccess[] = [];
  for (const server of routeServersOf(ctx)) {
    await server.getApiSpec();
    const options = await authorizationOptions.read(server);
    const routes = listRoutes(server, options);
    if (reportOptions.describeRules === false) {
      report.push(...routes.map(r => r.access));
      continue;
    }
    const describers = await findRouteRuleDescribers(server);
    for (const {access, metadata} of routes) {
      const {controller, method} = access;
      if (
        describers.length > 0 &&
        metadata !== undefined &&
        !metadata.skip &&
        controller !== undefined &&
        method !== undefined
      ) {
        const {verb, path} = access;
        const described = await describeRouteRules(describers, metadata, {
          verb,
          path,
          controller,
          method,
        });
        if (described) access.describedRules = described;
      }
      report.push(access);
    }
  }
  return report;
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
  return listRoutes(server, options).map(r => r.access);
}

/**
 * A route of the report, with the rule in force it was described from
 */
interface ListedRoute {
  access: RouteAccess;
  metadata?: AuthorizationMetadata;
}

function listRoutes(
  server: Context,
  options: ResolvedAuthorizationOptions,
): ListedRoute[] {
  const report: ListedRoute[] = [];
  for (const binding of server.findByTag(REST_ROUTE_TAG)) {
    const route = server.getSync<RouteEntry>(binding.key, {optional: true});
    if (route == null) continue;
    report.push(routeAccessOf(server, binding, route, options));
  }
  return report.sort(
    (a, b) =>
      compare(a.access.path, b.access.path) ||
      compare(a.access.verb, b.access.verb),
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
): ListedRoute {
  const verb = route.verb.toLowerCase();
  const {path} = route;
  const controllerClass = controllerClassOf(server, binding, route);
  const method = route.spec['x-operation-name'];
  if (controllerClass == null || typeof method !== 'string') {
    // Authorization never sees such a route: only a public path covers it
    return {
      access: isPublicPath(path, options.publicPaths)
        ? {verb, path, access: 'public', source: 'publicPath'}
        : {verb, path, access: 'unprotected', source: 'notController'},
    };
  }
  const entry = {verb, path, controller: controllerClass.name, method};
  const own = getAuthorizationMetadata(controllerClass, method);
  const source = ruleSourceOf(own, options, path);
  const rule = ruleInForce(own, options, path);
  if (rule !== undefined) {
    return {access: {...entry, ...accessOf(rule, source)}, metadata: rule};
  }
  const access = source === 'publicPath' ? 'public' : 'unprotected';
  return {access: {...entry, access, source}};
}

function accessOf(
  metadata: AuthorizationMetadata,
  source: RouteRulesSource,
): Pick<RouteAccess, 'access' | 'source' | 'rules'> {
  return {
    access:
      metadata.skip === true || allowsEveryone(metadata)
        ? 'public'
        : 'protected',
    source,
    rules: describeAuthorizationRules(metadata),
  };
}

/**
 * Whether a rule lets anyone call: it allows `$everyone` and names nothing
 * that could refuse a caller (denied roles, scopes, an owner to resolve,
 * voters of its own, an action whose rules decide). The decision is still
 * made, and recorded, for every call; an authorizer the application binds
 * for every method could still refuse one.
 */
function allowsEveryone(metadata: AuthorizationMetadata): boolean {
  return (
    metadata.allowedRoles?.includes(EVERYONE) === true &&
    !metadata.deniedRoles?.length &&
    !metadata.scopes?.length &&
    !metadata.voters?.length &&
    metadata.ownership === undefined &&
    (metadata as {action?: unknown}).action === undefined
  );
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
