// Copyright The loopback-security-monorepo authors. License: MIT.

import {checkNumberOption, invalidOption} from '../stores/store-input';

/**
 * Options of the change feed
 */
export interface ChangeFeedOptions {
  /**
   * Read the store at least this often, in milliseconds, even without a
   * notification: a lost notification costs at most this delay.
   * Default 1000.
   */
  pollIntervalMs?: number;
  /**
   * Past this many milliseconds without confirming it is up to date, the
   * instance reports itself stale and fails closed. Must be more than
   * `pollIntervalMs`. Default 5000.
   */
  stalenessBoundMs?: number;
  /**
   * Wait this long before opening a lost LISTEN connection again, in
   * milliseconds, doubled on each failure up to 2000. Default 100.
   */
  reconnectDelayMs?: number;
  /**
   * The most revisions read in one query while catching up. Default 500.
   */
  batchSize?: number;
}

/**
 * The default options of the change feed
 */
export const DEFAULT_CHANGE_FEED_OPTIONS: Readonly<
  Required<ChangeFeedOptions>
> = Object.freeze({
  pollIntervalMs: 1000,
  stalenessBoundMs: 5000,
  reconnectDelayMs: 100,
  batchSize: 500,
});

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
