// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationDecision} from '@loopback/authorization';
import {securityId} from '@loopback/security';
import {DecidedBy, decidedByVotes} from '../explain/decided-by';
import type {LoggedDecision} from './decision-log';

/**
 * A route, by its verb and path template
 */
export interface RouteName {
  /**
   * The HTTP verb, upper case
   */
  verb: string;
  /**
   * The path template, such as `/orders/{id}`
   */
  path: string;
}

/**
 * One decision of the log, as the API returns it
 */
export interface DecisionEntry {
  /**
   * Its number in the log of the instance that made it
   */
  seq: number;
  /**
   * When it was made, ISO 8601
   */
  time: string;
  /**
   * The caller; absent for an anonymous caller
   */
  user?: {id: string; name?: string};
  /**
   * The caller's roles, after mapping and the role hierarchy
   */
  roles: string[];
  /**
   * The method, as `Class.prototype.method`
   */
  method: string;
  /**
   * The route of the method, when it serves one
   */
  route?: RouteName;
  /**
   * The policy resource type and action of the method, when its metadata
   * names them
   */
  resource?: string;
  /**
   * See `resource`
   */
  action?: string;
  /**
   * `Allow` or `Deny`
   */
  decision: AuthorizationDecision.ALLOW | AuthorizationDecision.DENY;
  /**
   * What decided
   */
  decidedBy: DecidedBy;
  /**
   * How long the decision took, in milliseconds
   */
  durationMs: number;
}

/**
 * Filters of the decision log; every one given must hold
 */
export interface DecisionFilter {
  /**
   * The caller's id or name, exactly
   */
  user?: string;
  /**
   * The decision
   */
  decision?: AuthorizationDecision.ALLOW | AuthorizationDecision.DENY;
  /**
   * Part of the route's path template, or of the method's name
   */
  path?: string;
}

/**
 * Describe a logged decision as an entry of the API
 * @param logged - The decision
 * @param routeOf - Finds the route of a method
 */
export function toDecisionEntry(
  logged: LoggedDecision,
  routeOf: (method: string) => RouteName | undefined,
): DecisionEntry {
  const {record} = logged;
  const entry: DecisionEntry = {
    seq: logged.seq,
    time: new Date(logged.time).toISOString(),
    roles: [...record.roles],
    method: record.resource,
    decision: record.decision,
    decidedBy: decidedByVotes(record.votes, record.error),
    durationMs: Math.round(record.durationMs * 1000) / 1000,
  };
  const principal = record.principals[0];
  if (principal) {
    const name: unknown = principal.name;
    entry.user =
      typeof name === 'string'
        ? {id: String(principal[securityId]), name}
        : {id: String(principal[securityId])};
  }
  const route = routeOf(record.resource);
  if (route) entry.route = route;
  const {resource} = record.metadata;
  const action: unknown = (record.metadata as {action?: unknown}).action;
  if (typeof resource === 'string') entry.resource = resource;
  if (typeof action === 'string') entry.action = action;
  return entry;
}

/**
 * Whether an entry passes a filter
 * @param entry - The entry
 * @param filter - The filter
 */
export function matchesFilter(
  entry: DecisionEntry,
  filter: DecisionFilter,
): boolean {
  if (filter.decision && entry.decision !== filter.decision) return false;
  if (
    filter.user !== undefined &&
    entry.user?.id !== filter.user &&
    entry.user?.name !== filter.user
  ) {
    return false;
  }
  if (
    filter.path !== undefined &&
    !(entry.route?.path ?? '').includes(filter.path) &&
    !entry.method.includes(filter.path)
  ) {
    return false;
  }
  return true;
}
