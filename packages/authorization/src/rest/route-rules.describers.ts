// Copyright The loopback-security-monorepo authors. License: MIT.

import {Binding, Context} from '@loopback/core';
import type {AuthorizationMetadata} from '../contracts/metadata';
import type {
  DescribedRoute,
  RouteRuleDescriber,
  RouteRuleDescription,
} from '../contracts/route-rule-describer';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {describeValue} from '../helpers/describe-value';
import {AuthorizationTags} from '../keys';

/**
 * The route rule describers a server's context sees, resolved, in key
 * order (so that a report lists their rules in an order that does not
 * depend on when they were bound)
 * @param server - The server's context
 */
export async function findRouteRuleDescribers(
  server: Context,
): Promise<{key: string; describe: RouteRuleDescriber}[]> {
  const bindings = server
    .findByTag<RouteRuleDescriber>(AuthorizationTags.ROUTE_RULE_DESCRIBER)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const describers = [];
  for (const binding of bindings) {
    describers.push({
      key: binding.key,
      describe: await resolveDescriber(server, binding),
    });
  }
  return describers;
}

async function resolveDescriber(
  server: Context,
  binding: Readonly<Binding<RouteRuleDescriber>>,
): Promise<RouteRuleDescriber> {
  let value: unknown;
  try {
    value = await server.get(binding.key);
  } catch (err) {
    throw failed(binding.key, `cannot be resolved: ${messageOf(err)}`);
  }
  if (typeof value !== 'function') {
    throw failed(
      binding.key,
      `expected a function, got ${describeValue(value)}`,
    );
  }
  return value as RouteRuleDescriber;
}

/**
 * The rules every describer finds behind the rule in force of a route, in
 * the describers' order; `undefined` when none has any
 * @param describers - From {@link findRouteRuleDescribers}
 * @param metadata - The rule in force
 * @param route - The route
 */
export async function describeRouteRules(
  describers: readonly {key: string; describe: RouteRuleDescriber}[],
  metadata: AuthorizationMetadata,
  route: DescribedRoute,
): Promise<RouteRuleDescription[] | undefined> {
  let found: RouteRuleDescription[] | undefined;
  for (const {key, describe} of describers) {
    let described: unknown;
    try {
      described = await describe(metadata, Object.freeze({...route}));
    } catch (err) {
      // Named, with the status and code of what failed (a store that cannot
      // be read answers 503)
      const {statusCode, code} = (err ?? {}) as {
        statusCode?: unknown;
        code?: unknown;
      };
      const error = failed(
        key,
        `failed on ${routeName(route)}: ${messageOf(err)}`,
      );
      if (typeof statusCode === 'number') error.statusCode = statusCode;
      if (typeof code === 'string') error.code = code;
      throw error;
    }
    if (described === undefined) continue;
    found = [...(found ?? []), ...checkDescriptions(key, route, described)];
  }
  return found;
}

/**
 * Copies of the descriptions a describer returned, checked field by field:
 * a report must not show a rule it did not understand
 */
function checkDescriptions(
  key: string,
  route: DescribedRoute,
  value: unknown,
): RouteRuleDescription[] {
  const bad = (what: string, got: unknown) =>
    failed(
      key,
      `returned an invalid value for ${routeName(route)}: ${what}, got ${describeValue(got)}`,
    );
  if (!Array.isArray(value)) throw bad('it must be an array', value);
  return value.map((item: unknown, i): RouteRuleDescription => {
    const rule = item as Partial<Record<keyof RouteRuleDescription, unknown>>;
    if (typeof item !== 'object' || item === null) {
      throw bad(`[${i}] must be an object`, item);
    }
    if (typeof rule.id !== 'string' || rule.id === '') {
      throw bad(`[${i}].id must be a non-empty string`, rule.id);
    }
    if (rule.effect !== 'allow' && rule.effect !== 'deny') {
      throw bad(`[${i}].effect must be "allow" or "deny"`, rule.effect);
    }
    if (!isStringList(rule.subjects)) {
      throw bad(`[${i}].subjects must be a list of strings`, rule.subjects);
    }
    const copy: RouteRuleDescription = {
      id: rule.id,
      effect: rule.effect,
      subjects: [...rule.subjects],
    };
    if (rule.where !== undefined) {
      if (typeof rule.where !== 'object' || rule.where === null) {
        throw bad(`[${i}].where must be an object`, rule.where);
      }
      copy.where = jsonCopy(rule.where, () =>
        bad(`[${i}].where must be plain JSON data`, rule.where),
      );
    }
    if (rule.fields !== undefined) {
      if (!isStringList(rule.fields)) {
        throw bad(`[${i}].fields must be a list of strings`, rule.fields);
      }
      copy.fields = [...rule.fields];
    }
    return copy;
  });
}

/**
 * A copy the describer cannot change later, and that a JSON report can hold
 */
function jsonCopy(value: object, bad: () => Error): object {
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    throw bad();
  }
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(v => typeof v === 'string');
}

function routeName(route: DescribedRoute): string {
  return `${route.verb.toUpperCase()} ${route.path}`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : describeValue(err);
}

function failed(key: string, what: string) {
  return createAuthorizationError(
    `Route rule describer "${key}" ${what}`,
    500,
    AuthorizationErrorCode.INVALID_ROUTE_RULES,
  );
}
