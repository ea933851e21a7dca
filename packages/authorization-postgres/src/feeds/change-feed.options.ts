// Copyright The loopback-security-monorepo authors. License: MIT.

import {createStoreError, PostgresAuthorizationErrorCode} from '../errors';
import {describeInput} from '../stores/store-input';
import {ChangeFeedOptions, DEFAULT_CHANGE_FEED_OPTIONS} from '../types';

/**
 * The error of a malformed option
 * @param where - Whose options, for the message
 * @param message - What was wrong
 */
export function invalidOption(where: string, message: string) {
  return createStoreError(
    `Invalid ${where}: ${message}`,
    500,
    PostgresAuthorizationErrorCode.INVALID_OPTIONS,
  );
}

/**
 * Check that an option is a number in a range
 * @param where - Whose options, for the message
 * @param name - The option
 * @param value - Its value
 * @param min - The least value allowed
 * @param integer - Whether it must be an integer
 */
export function checkNumberOption(
  where: string,
  name: string,
  value: unknown,
  min: number,
  integer = false,
): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    (integer && !Number.isInteger(value))
  ) {
    throw invalidOption(
      where,
      `"${name}" must be ${integer ? 'an integer' : 'a finite number'} ` +
        `of at least ${min}, got ${describeInput(value)}`,
    );
  }
  return value;
}

/**
 * Lay options over the defaults of the change feed, rejecting malformed ones
 * @param configured - The options given, if any
 */
export function completeChangeFeedOptions(
  configured?: ChangeFeedOptions,
): Required<ChangeFeedOptions> {
  const where = 'change feed options';
  const options = {...DEFAULT_CHANGE_FEED_OPTIONS};
  for (const name of Object.keys(options) as (keyof ChangeFeedOptions)[]) {
    const value = configured?.[name];
    if (value !== undefined) options[name] = value;
  }
  checkNumberOption(where, 'pollIntervalMs', options.pollIntervalMs, 1);
  checkNumberOption(where, 'stalenessBoundMs', options.stalenessBoundMs, 1);
  checkNumberOption(where, 'reconnectDelayMs', options.reconnectDelayMs, 0);
  checkNumberOption(where, 'batchSize', options.batchSize, 1, true);
  // With a bound below the poll interval a healthy instance would report
  // itself stale between two polls
  if (options.stalenessBoundMs <= options.pollIntervalMs) {
    throw invalidOption(
      where,
      `"stalenessBoundMs" (${options.stalenessBoundMs}) must be more than ` +
        `"pollIntervalMs" (${options.pollIntervalMs})`,
    );
  }
  return options;
}
