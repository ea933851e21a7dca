// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationDecision} from '@loopback/authorization';
import {consoleError} from '../console-errors';
import {show} from '../console-options';
import {DecisionFilter} from './decision-entry';

const MAX_TEXT = 200;
const DECISIONS: Record<string, DecisionFilter['decision']> = {
  allow: AuthorizationDecision.ALLOW,
  deny: AuthorizationDecision.DENY,
};

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
    const decision = DECISIONS[String(raw.decision).toLowerCase()];
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
    if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
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
