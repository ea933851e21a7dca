// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationDecision} from '@loopback/authorization';
import {consoleError} from '../console-errors';
import {show} from '../console-options';
import {DecisionFilter} from './decision-entry';

const MAX_TEXT = 200;
// A Map, not an object: `constructor` or `__proto__` must not be found
const DECISIONS = new Map<string, DecisionFilter['decision']>([
  ['allow', AuthorizationDecision.ALLOW],
  ['deny', AuthorizationDecision.DENY],
]);
// Digits only: `Number` would take `1e3`, `0x10`, ` 10` and `10.0`
const LIMIT = /^[1-9]\d*$/;

/**
 * The query of the decision log: filters and how many
 */
export interface DecisionQuery {
  /**
   * The filters
   */
  filter: DecisionFilter;
  /**
   * The most entries to return
   */
  limit: number;
}

/**
 * Check the query parameters of the decision log; throws a 400 error that
 * names the parameter at fault
 * @param raw - The parameters, as strings (or missing)
 * @param maxLimit - The largest `limit`
 */
export function checkDecisionQuery(
  raw: {user?: string; decision?: string; path?: string; limit?: string},
  maxLimit: number,
): DecisionQuery {
  const filter: DecisionFilter = {};
  for (const name of ['user', 'path'] as const) {
    const value = raw[name];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string' || value.length > MAX_TEXT) {
      throw invalidParameter(
        name,
        `expected at most ${MAX_TEXT} characters, got ${show(value)}`,
      );
    }
    filter[name] = value;
  }
  if (raw.decision !== undefined && raw.decision !== '') {
    const decision = DECISIONS.get(String(raw.decision).toLowerCase());
    if (!decision) {
      throw invalidParameter(
        'decision',
        `expected "Allow" or "Deny", got ${show(raw.decision)}`,
      );
    }
    filter.decision = decision;
  }
  let limit = Math.min(100, maxLimit);
  if (raw.limit !== undefined && raw.limit !== '') {
    limit = Number(raw.limit);
    if (!LIMIT.test(String(raw.limit)) || limit > maxLimit) {
      throw invalidParameter(
        'limit',
        `expected an integer from 1 to ${maxLimit}, got ${show(raw.limit)}`,
      );
    }
  }
  return {filter, limit};
}

function invalidParameter(name: string, what: string) {
  return consoleError(
    400,
    'INVALID_DECISION_QUERY',
    `Invalid query parameter "${name}": ${what}`,
    [{path: name, message: what}],
  );
}
