// Copyright The loopback-security-monorepo authors. License: MIT.

import debugFactory from 'debug';
import {clientNetwork} from './client-network';

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
   * Failed logins a client address may have within the window; the
   * addresses of one IPv6 /64 network count as one. Default: 20.
   */
  maxFailuresPerAddress: number;
  /**
   * The window, in milliseconds, from the first failure. Default: 15 minutes.
   */
  windowMs: number;
  /**
   * The most counters kept, usernames and addresses together, so that a
   * flood of made-up usernames cannot grow the memory without bound. When
   * the table is full, counters whose window is over go first, then those
   * below their limit with the fewest failures; a counter that locks its
   * username or address is never dropped, and a new username or address is
   * refused (429) while every counter locks. Default: 10,000.
   */
  maxCounters: number;
}

/**
 * The limits used when the application is given none
 */
export const DEFAULT_LOGIN_LIMITS: Readonly<LoginLimits> = Object.freeze({
  maxFailuresPerUsername: 5,
  maxFailuresPerAddress: 20,
  windowMs: 15 * 60 * 1000,
  maxCounters: 10000,
});

/**
 * The longest username kept as a key; longer ones are cut, which only ever
 * makes two names share a counter
 */
const MAX_KEY_LENGTH = 256;

/**
 * An attempt let through by {@link LoginRateLimiter.reserve}, or refused
 */
export interface LoginAttempt {
  /**
   * Seconds to wait before trying again; 0 when the attempt was let through.
   * A refused attempt was not counted and must check no password.
   */
  readonly retryAfter: number;
  /**
   * The password was right: the attempt stops counting, and the username's
   * failures are forgotten
   */
  succeeded(): void;
  /**
   * The password was wrong, or checking it failed: the attempt keeps
   * counting as a failure
   */
  failed(): void;
}

interface Counter {
  /** Failures in this window */
  failures: number;
  /** Attempts let through whose password is still being checked */
  inFlight: number;
  resetAt: number;
  /** The limit of this username or address */
  max: number;
}

/**
 * Counts failed logins per username and per client address in fixed
 * windows, and says how long a caller must wait once a limit is reached.
 *
 * @remarks
 * An attempt counts from the moment it is let through, before its password
 * is checked, so a burst of requests sent at once gets no more checks than
 * the limit; a successful login then takes its count back. A username is
 * counted whether or not it exists, so a limit comes after the same number
 * of failures for both, and an unknown username cannot be told from a wrong
 * password. A refused attempt checks no password: a limited caller costs no
 * scrypt run, whether the username exists or not.
 */
export class LoginRateLimiter {
  private readonly limits: Readonly<LoginLimits>;
  /** In the order their windows started */
  private readonly counters = new Map<string, Counter>();

  /**
   * @param limits - The limits, laid over {@link DEFAULT_LOGIN_LIMITS}
   * @param now - The clock, in milliseconds
   * @throws Error - when a limit is not a positive integer
   */
  constructor(
    limits: Partial<LoginLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = checkLimits({...DEFAULT_LOGIN_LIMITS, ...limits});
  }

  /**
   * Seconds to wait before the next attempt, or 0 when it may go ahead.
   * Counts nothing: {@link LoginRateLimiter.reserve} does.
   * @param username - The username tried
   * @param address - The client address
   */
  retryAfter(username: string, address: string): number {
    const now = this.now();
    return Math.max(
      ...this.slots(username, address).map(s => this.wait(s, now)),
    );
  }

  /**
   * Let an attempt through and count it as a failure at once, or refuse it.
   * Call {@link LoginAttempt.succeeded} or {@link LoginAttempt.failed} once
   * its password has been checked.
   * @param username - The username tried
   * @param address - The client address
   */
  reserve(username: string, address: string): LoginAttempt {
    const now = this.now();
    const slots = this.slots(username, address);
    const wait = Math.max(...slots.map(s => this.wait(s, now)));
    if (wait > 0) return refused(wait);
    if (!this.makeRoom(slots, now)) {
      debug('Every counter locks: refusing a new username or address');
      return refused(this.earliestReset(now));
    }
    const counters = slots.map(({key, max}) => {
      let counter = this.counters.get(key);
      if (counter == null || counter.resetAt <= now) {
        // Re-inserted, so that the map stays ordered by window start
        this.counters.delete(key);
        counter = {
          failures: 0,
          inFlight: 0,
          resetAt: now + this.limits.windowMs,
          max,
        };
        this.counters.set(key, counter);
      }
      counter.inFlight++;
      return counter;
    });
    return this.attempt(
      slots.map(s => s.key),
      counters,
    );
  }

  private attempt(keys: string[], counters: Counter[]): LoginAttempt {
    let settled = false;
    const settle = (success: boolean) => {
      if (settled) return;
      settled = true;
      for (const counter of counters) {
        counter.inFlight--;
        if (!success) counter.failures++;
      }
      if (success) counters[0].failures = 0;
      // An empty counter goes; attempts still in flight keep theirs.
      keys.forEach((key, i) => {
        const counter = counters[i];
        if (counter.failures > 0 || counter.inFlight > 0) return;
        if (this.counters.get(key) === counter) this.counters.delete(key);
      });
    };
    return {
      retryAfter: 0,
      succeeded: () => settle(true),
      failed: () => settle(false),
    };
  }

  private slots(username: string, address: string) {
    return [
      {key: userKey(username), max: this.limits.maxFailuresPerUsername},
      {
        key: 'address:' + clientNetwork(address),
        max: this.limits.maxFailuresPerAddress,
      },
    ];
  }

  private wait({key}: {key: string}, now: number): number {
    const counter = this.counters.get(key);
    if (counter == null || !locks(counter, now)) return 0;
    return secondsUntil(counter.resetAt, now);
  }

  /**
   * Make room for the counters of an attempt that are not in the table yet
   * @returns Whether there is room
   */
  private makeRoom(slots: {key: string}[], now: number): boolean {
    const keys = slots.map(s => s.key);
    const growth = () => keys.filter(k => !this.counters.has(k)).length;
    if (this.counters.size + growth() <= this.limits.maxCounters) return true;
    for (const [key, counter] of this.counters) {
      if (counter.resetAt <= now) this.counters.delete(key);
    }
    while (this.counters.size + growth() > this.limits.maxCounters) {
      const victim = this.leastUsed(keys, now);
      if (victim === undefined) return false;
      this.counters.delete(victim);
    }
    debug('Dropped counters down to %d', this.counters.size);
    return true;
  }

  /**
   * The key of the live counter with the fewest failures that locks nothing
   * and has no attempt in flight (dropping one in flight would lose its
   * count), the oldest first; none of the keys of the attempt itself
   */
  private leastUsed(keep: string[], now: number): string | undefined {
    let found: string | undefined;
    let fewest = Infinity;
    for (const [key, counter] of this.counters) {
      if (counter.failures >= fewest || counter.inFlight > 0) continue;
      if (locks(counter, now) || keep.includes(key)) continue;
      found = key;
      fewest = counter.failures;
    }
    return found;
  }

  private earliestReset(now: number): number {
    let earliest = Infinity;
    for (const counter of this.counters.values()) {
      earliest = Math.min(earliest, counter.resetAt);
    }
    return secondsUntil(earliest, now);
  }
}

function refused(retryAfter: number): LoginAttempt {
  const nothing = () => {};
  return {retryAfter, succeeded: nothing, failed: nothing};
}

/**
 * Whether a counter refuses more attempts now: its window is not over, and
 * its failures and the attempts in flight have reached its limit
 */
function locks(counter: Counter, now: number): boolean {
  return (
    counter.resetAt > now && counter.failures + counter.inFlight >= counter.max
  );
}

function secondsUntil(time: number, now: number): number {
  return Math.max(1, Math.ceil((time - now) / 1000));
}

function userKey(username: string): string {
  return 'user:' + String(username).slice(0, MAX_KEY_LENGTH);
}

function checkLimits(limits: LoginLimits): Readonly<LoginLimits> {
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new Error(
        `Invalid login limit ${name}: ${String(value)} is not a positive integer`,
      );
    }
  }
  if (limits.maxCounters < 2) {
    throw new Error(
      `Invalid login limit maxCounters: ${limits.maxCounters} leaves no room for a username and an address`,
    );
  }
  return Object.freeze(limits);
}
