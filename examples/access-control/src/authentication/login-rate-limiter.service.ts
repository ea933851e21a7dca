// Copyright The loopback-security-monorepo authors. License: MIT.

import debugFactory from 'debug';

const debug = debugFactory('loopback:example:access-control:login-limits');

/**
 * Limits of failed logins
 */
export interface LoginLimits {
  /**
   * Failed logins a username may have within the window. Default: 5.
   */
  maxFailuresPerUsername: number;
  /**
   * Failed logins a client address may have within the window. Default: 20.
   */
  maxFailuresPerAddress: number;
  /**
   * The window, in milliseconds, from the first failure. Default: 15 minutes.
   */
  windowMs: number;
}

/**
 * The limits used when the application is given none
 */
export const DEFAULT_LOGIN_LIMITS: Readonly<LoginLimits> = Object.freeze({
  maxFailuresPerUsername: 5,
  maxFailuresPerAddress: 20,
  windowMs: 15 * 60 * 1000,
});

/**
 * The most counters kept: beyond it the oldest are dropped, so that a flood
 * of made-up usernames cannot grow the memory without bound
 */
const MAX_COUNTERS = 10000;

/**
 * The longest username kept as a key; longer ones are cut, which only ever
 * makes two names share a counter
 */
const MAX_KEY_LENGTH = 256;

interface Counter {
  failures: number;
  resetAt: number;
}

/**
 * Counts failed logins per username and per client address in fixed
 * windows, and says how long a caller must wait once a limit is reached.
 *
 * @remarks
 * A username is counted whether or not it exists, so a limit comes after the
 * same number of failures for both, and an unknown username cannot be told
 * from a wrong password. A refused attempt checks no password: a limited
 * caller costs no scrypt run.
 */
export class LoginRateLimiter {
  private readonly counters = new Map<string, Counter>();

  /**
   * @param limits - The limits
   * @param now - The clock, in milliseconds
   */
  constructor(
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Seconds to wait before the next attempt, or 0 when it may go ahead
   * @param username - The username tried
   * @param address - The client address
   */
  retryAfter(username: string, address: string): number {
    const now = this.now();
    const waits = [
      this.wait(userKey(username), this.limits.maxFailuresPerUsername, now),
      this.wait(addressKey(address), this.limits.maxFailuresPerAddress, now),
    ];
    return Math.max(...waits);
  }

  /**
   * Count a failed login
   * @param username - The username tried
   * @param address - The client address
   */
  failed(username: string, address: string): void {
    this.count(userKey(username));
    this.count(addressKey(address));
  }

  /**
   * Forget the failures of a username after a successful login
   * @param username - The username
   */
  succeeded(username: string): void {
    this.counters.delete(userKey(username));
  }

  private wait(key: string, max: number, now: number): number {
    const counter = this.counters.get(key);
    if (counter == null || counter.resetAt <= now) return 0;
    if (counter.failures < max) return 0;
    return Math.ceil((counter.resetAt - now) / 1000);
  }

  private count(key: string): void {
    const now = this.now();
    let counter = this.counters.get(key);
    if (counter == null || counter.resetAt <= now) {
      // Re-inserted, so that the map stays ordered by window start
      this.counters.delete(key);
      counter = {failures: 0, resetAt: now + this.limits.windowMs};
      this.counters.set(key, counter);
      this.prune(now);
    }
    counter.failures++;
  }

  private prune(now: number): void {
    if (this.counters.size <= MAX_COUNTERS) return;
    for (const [key, counter] of this.counters) {
      if (this.counters.size <= MAX_COUNTERS) break;
      if (counter.resetAt <= now || this.counters.size > MAX_COUNTERS) {
        this.counters.delete(key);
      }
    }
    debug('Pruned the counters to %d', this.counters.size);
  }
}

function userKey(username: string): string {
  return 'user:' + String(username).slice(0, MAX_KEY_LENGTH);
}

function addressKey(address: string): string {
  return 'address:' + address;
}
