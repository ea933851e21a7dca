// Copyright The loopback-security-monorepo authors. License: MIT.

import {describeValue} from '../helpers/describe-value';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';

/**
 * Roles that include other roles, checked and compiled once: each role maps
 * to every role it includes, directly or through others.
 *
 * @example
 * ```ts
 * const hierarchy = new RoleHierarchy({ADMIN: ['MANAGER'], MANAGER: ['USER']});
 * hierarchy.expand(['ADMIN']); // ['ADMIN', 'MANAGER', 'USER']
 * ```
 */
export class RoleHierarchy {
  private readonly included = new Map<string, readonly string[]>();

  /**
   * @param spec - For each role, the roles it includes. A malformed spec or a
   * cycle throws here, so a mistake shows when the hierarchy is configured.
   */
  constructor(spec: unknown) {
    const graph = checkShape(spec);
    for (const role of graph.keys()) {
      this.included.set(role, reach(graph, role));
    }
  }

  /**
   * The given roles followed by every role they include, without duplicates
   * @param roles - Role names
   */
  expand(roles: Iterable<string>): string[] {
    const result = new Set<string>();
    for (const role of roles) {
      result.add(role);
      for (const included of this.included.get(role) ?? []) {
        result.add(included);
      }
    }
    return [...result];
  }
}

function invalid(what: string) {
  return createAuthorizationError(
    `Invalid role hierarchy: ${what}`,
    500,
    AuthorizationErrorCode.INVALID_OPTIONS,
  );
}

function checkShape(spec: unknown): Map<string, string[]> {
  if (spec == null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw invalid(
      `expected an object of role names to arrays of role names, got ${describeValue(spec)}`,
    );
  }
  const graph = new Map<string, string[]>();
  for (const [role, includes] of Object.entries(spec)) {
    if (
      !Array.isArray(includes) ||
      includes.some(r => typeof r !== 'string' || r === '')
    ) {
      throw invalid(
        `"${role}" must include an array of non-empty role names, got ${describeValue(includes)}`,
      );
    }
    graph.set(role, includes);
  }
  return graph;
}

/**
 * Every role reachable from `start`, depth first; throws on a cycle, naming
 * it
 */
function reach(graph: Map<string, string[]>, start: string): string[] {
  const found: string[] = [];
  const path: string[] = [];
  const visit = (role: string) => {
    path.push(role);
    for (const next of graph.get(role) ?? []) {
      const loop = path.indexOf(next);
      if (loop >= 0) {
        throw invalid(`cycle ${[...path.slice(loop), next].join(' -> ')}`);
      }
      // A role already found was explored in full, cycles included
      if (found.includes(next)) continue;
      found.push(next);
      visit(next);
    }
    path.pop();
  };
  visit(start);
  return found;
}
