// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingKey} from '@loopback/core';
import {consoleError} from './console-errors';
import {
  AuthorizationConsoleOptions,
  DEFAULT_CONSOLE_OPTIONS,
  ResolvedConsoleOptions,
} from './types';

/**
 * A URL path of plain segments: it is written into the console's page and
 * into route paths, so nothing in it may need escaping
 */
const PATH = /^(\/[A-Za-z0-9._~-]+)+$/;

/**
 * Lay the configured options over the defaults and check them; a malformed
 * option stops the application's start with an error that names it, rather
 * than open the console wider than meant
 * @param configured - The configured options, if any
 */
export function resolveConsoleOptions(
  configured: unknown,
): ResolvedConsoleOptions {
  if (configured == null) configured = {};
  if (typeof configured !== 'object' || Array.isArray(configured)) {
    throw invalid('', 'an object', configured);
  }
  const options = configured as AuthorizationConsoleOptions;
  const path = options.path ?? DEFAULT_CONSOLE_OPTIONS.path;
  if (typeof path !== 'string' || !PATH.test(path)) {
    throw invalid('path', 'a path such as "/authorization"', path);
  }
  const roles = options.roles ?? DEFAULT_CONSOLE_OPTIONS.roles;
  if (
    !Array.isArray(roles) ||
    roles.length === 0 ||
    !roles.every(r => typeof r === 'string' && r !== '')
  ) {
    // No roles would lock everyone out, or with a permissive default
    // decision let everyone in
    throw invalid('roles', 'a non-empty array of role names', roles);
  }
  const {loginPath} = options;
  if (
    loginPath !== undefined &&
    (typeof loginPath !== 'string' || !PATH.test(loginPath))
  ) {
    throw invalid('loginPath', 'a path such as "/users/login"', loginPath);
  }
  const log = options.decisionLog ?? {};
  if (typeof log !== 'object' || Array.isArray(log)) {
    throw invalid('decisionLog', 'an object', log);
  }
  const matrix = options.matrix ?? {};
  if (typeof matrix !== 'object' || Array.isArray(matrix)) {
    throw invalid('matrix', 'an object', matrix);
  }
  const repositories = options.repositories ?? {};
  if (typeof repositories !== 'object' || Array.isArray(repositories)) {
    throw invalid('repositories', 'an object of binding keys', repositories);
  }
  for (const [resource, key] of Object.entries(repositories)) {
    if (
      !(typeof key === 'string' && key !== '') &&
      !(key instanceof BindingKey)
    ) {
      throw invalid(`repositories.${resource}`, 'a binding key', key);
    }
  }
  return Object.freeze({
    path,
    roles: Object.freeze([...roles]),
    loginPath,
    capacity: count(
      'decisionLog.capacity',
      log.capacity,
      DEFAULT_CONSOLE_OPTIONS.capacity,
      100_000,
    ),
    maxSubscribers: count(
      'decisionLog.maxSubscribers',
      log.maxSubscribers,
      DEFAULT_CONSOLE_OPTIONS.maxSubscribers,
      1000,
    ),
    streamRecheckMs: count(
      'decisionLog.streamRecheckMs',
      log.streamRecheckMs,
      DEFAULT_CONSOLE_OPTIONS.streamRecheckMs,
      3_600_000,
    ),
    streamMaxAgeMs: count(
      'decisionLog.streamMaxAgeMs',
      log.streamMaxAgeMs,
      DEFAULT_CONSOLE_OPTIONS.streamMaxAgeMs,
      86_400_000,
    ),
    matrixMaxRoles: count(
      'matrix.maxRoles',
      matrix.maxRoles,
      DEFAULT_CONSOLE_OPTIONS.matrixMaxRoles,
      1000,
    ),
    postgres: log.postgres === undefined ? undefined : postgresOptions(log),
    repositories: Object.freeze({...repositories}),
  });
}

function postgresOptions(log: AuthorizationConsoleOptions['decisionLog']) {
  const pg = log?.postgres;
  if (pg === null || typeof pg !== 'object' || Array.isArray(pg)) {
    throw invalid('decisionLog.postgres', 'an object', pg);
  }
  const day = 86_400_000;
  return Object.freeze({
    retentionMs: count(
      'decisionLog.postgres.retentionMs',
      pg.retentionMs,
      DEFAULT_CONSOLE_OPTIONS.retentionMs,
      3650 * day,
    ),
    flushIntervalMs: count(
      'decisionLog.postgres.flushIntervalMs',
      pg.flushIntervalMs,
      DEFAULT_CONSOLE_OPTIONS.flushIntervalMs,
      day,
    ),
    maxPending: count(
      'decisionLog.postgres.maxPending',
      pg.maxPending,
      DEFAULT_CONSOLE_OPTIONS.maxPending,
      1_000_000,
    ),
  });
}

function count(
  name: string,
  value: unknown,
  fallback: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > max
  ) {
    throw invalid(name, `an integer from 1 to ${max}`, value);
  }
  return value;
}

function invalid(name: string, expected: string, got: unknown): Error {
  const where = name ? `"${name}"` : 'the options';
  return consoleError(
    500,
    'INVALID_CONSOLE_OPTIONS',
    `Invalid authorization console options: ${where} must be ${expected}, got ${show(got)}`,
  );
}

/**
 * A short, safe rendering of a value for an error message
 * @param value - Any value
 */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? value.slice(0, 60) + '…' : value);
  }
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
