// Copyright The loopback-security-monorepo authors. License: MIT.

import type {RouteAccessLevel} from '@loopback/authorization';

/**
 * What a role may do on a route: `allowed`; `denied`; `conditional` (only
 * on some instances: those a policy rule's condition selects, or those the
 * caller owns); `error` (the decision fails)
 */
export type MatrixAccess = 'allowed' | 'denied' | 'conditional' | 'error';

/**
 * One cell of the access matrix
 */
export interface MatrixCell {
  /**
   * What the role may do
   */
  access: MatrixAccess;
  /**
   * What decided: a rule, a voter and its reason, the metadata
   */
  by: string;
  /**
   * More about it, for a conditional or failed cell
   */
  reason?: string;
}

/**
 * One route of the access matrix
 */
export interface MatrixRow {
  /**
   * The HTTP verb, upper case
   */
  verb: string;
  /**
   * The path template
   */
  path: string;
  /**
   * The controller class name
   */
  controller?: string;
  /**
   * The controller method
   */
  method?: string;
  /**
   * Whether authorization guards the route
   */
  access: RouteAccessLevel;
  /**
   * A cell for each role, by role name
   */
  cells: Record<string, MatrixCell>;
}

/**
 * Every route against every role
 */
export interface AccessMatrix {
  /**
   * The columns: the built-in roles, then every role the application knows
   */
  roles: string[];
  /**
   * The rows, by path and verb
   */
  routes: MatrixRow[];
  /**
   * The roles the application knows that have no column: past the
   * `matrix.maxRoles` option, or not among those asked for
   */
  omittedRoles: string[];
}

/**
 * The built-in columns: `$everyone` (anonymous and authenticated callers
 * alike; the lesser of the two), `$authenticated` (a user without roles),
 * `$unauthenticated` (no user), `$owner` (a user without roles, on their
 * own instance)
 */
export const BUILTIN_COLUMNS = Object.freeze([
  '$everyone',
  '$authenticated',
  '$unauthenticated',
  '$owner',
]);

const RANK: Record<MatrixAccess, number> = {
  error: 0,
  denied: 1,
  conditional: 2,
  allowed: 3,
};

/**
 * The lesser of two cells: what holds for both callers
 * @param a - A cell
 * @param b - Another cell
 */
export function worst(a: MatrixCell, b: MatrixCell): MatrixCell {
  return RANK[b.access] < RANK[a.access] ? b : a;
}
