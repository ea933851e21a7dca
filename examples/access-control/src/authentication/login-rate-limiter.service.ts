// Copyright The loopback-security-monorepo authors. License: MIT.

import type {Pool} from 'pg';
import {
  RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import {clientNetwork} from './client-network';

/**
 * Limits of failed logins
 */
export interface LoginLimits {
  /**
   * Failed logins a username may have from one client network within the
   * window. Default: 5.
   */
  maxFailuresPerUsername: number;
  /**
   * Failed logins a username may have from all networks together within
   * the window: the cap of a guess spread over many networks, and what
   * someone must spend, from at least a few networks, to lock the user out
   * everywhere. Default: 50.
   */
  maxFailuresPerUsernameOverall: number;
  /**
   * Failed logins a client address may have within the window; the
   * addresses of one IPv6 /64 network count as one. Default: 20.
   */
  maxFailuresPerAddress: number;
  /**
   * The window, in milliseconds, from the first failure; rounded up to whole
   * seconds. Default: 15 minutes.
   */
  windowMs: number;
}

/**
 * The limits used when the application is given none
 */
export const DEFAULT_LOGIN_LIMITS: Readonly<LoginLimits> = Object.freeze({
  maxFailuresPerUsername: 5,
  maxFailuresPerUsernameOverall: 50,
  maxFailuresPerAddress: 20,
  windowMs: 15 * 60 * 1000,
});

/**
 * The table of the counters in PostgreSQL mode, created by the library
 */
export const LOGIN_COUNTERS_TABLE = 'login_failures';

/**
 * The longest username kept as a key (the PostgreSQL table's keys are at
 * most 255 characters); longer ones are cut, which only ever makes two
 * names share a counter
 */
const MAX_KEY_LENGTH = 200;

/**
 * What the PostgreSQL store of `rate-limiter-flexible` has to remove
 * expired rows
 */
interface PrunableLimiter {
  clearExpired(expiredBefore: number): Promise<void>;
}

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
   * The password was right: the attempt stops counting against the address,
   * and the username's failures are forgotten
   */
  succeeded(): Promise<void>;
}

/**
 * Counts failed logins per username and client network, per client
 * network, and per username over all networks, with
 * `rate-limiter-flexible`: in the memory of the process, or in a PostgreSQL
 * table that every instance shares, so that the limits hold across
 * instances.
 *
 * @remarks
 * The low limit of a username holds per network: failures sent from
 * somewhere else do not lock its owner out. Only the higher limit over all
 * networks, which caps a guess spread over many networks, can; reaching it
 * takes that many failures from at least a few networks (each network has
 * its own limit).
 *
 * @remarks
 * An attempt counts from the moment it is let through, before its password
 * is checked, so a burst of requests sent at once gets no more checks than
 * the limit; a successful login then takes its count back. A username is
 * counted whether or not it exists. A refused attempt counts nothing and
 * checks no password. Counting fails closed: when the counters cannot be
 * read or written, the attempt is refused with the error (a 503 when the
 * database is away).
 */
export class LoginRateLimiter {
  /**
   * @param byUsername - The counters of usernames at one network
   * @param byAddress - The counters of client networks
   * @param byUsernameOverall - The counters of usernames over all networks
   */
  constructor(
    private readonly byUsername: RateLimiterAbstract,
    private readonly byAddress: RateLimiterAbstract,
    private readonly byUsernameOverall: RateLimiterAbstract,
  ) {}

  /**
   * Counters in the memory of this process
   * @param limits - The limits, laid over {@link DEFAULT_LOGIN_LIMITS}
   */
  static inMemory(limits: Partial<LoginLimits> = {}): LoginRateLimiter {
    const [byUsername, byAddress, overall] = limiterOptions(limits).map(
      options => new RateLimiterMemory(options),
    );
    return new LoginRateLimiter(byUsername, byAddress, overall);
  }

  /**
   * Counters in the table {@link LOGIN_COUNTERS_TABLE} of a PostgreSQL
   * database, created when missing, shared by every instance on it
   * @param limits - The limits, laid over {@link DEFAULT_LOGIN_LIMITS}
   * @param pool - The `pg` pool to query through
   */
  static async onPostgres(
    limits: Partial<LoginLimits>,
    pool: Pool,
  ): Promise<LoginRateLimiter> {
    const [byUsername, byAddress, overall] = await Promise.all(
      limiterOptions(limits).map(
        options =>
          new Promise<RateLimiterPostgres>((resolve, reject) => {
            const limiter: RateLimiterPostgres = new RateLimiterPostgres(
              {
                ...options,
                storeClient: pool,
                storeType: 'pool',
                tableName: LOGIN_COUNTERS_TABLE,
                // Expired rows are reused by their key, and removed by
                // `prune()` at start: no timer outlives the application
                clearExpiredByTimeout: false,
              },
              (err?: Error) => (err ? reject(err) : resolve(limiter)),
            );
          }),
      ),
    );
    return new LoginRateLimiter(byUsername, byAddress, overall);
  }

  /**
   * Remove the counters whose window ended more than an hour ago
   * (PostgreSQL only: the memory counters go when their window ends)
   */
  async prune(): Promise<void> {
    for (const limiter of [
      this.byUsername,
      this.byAddress,
      this.byUsernameOverall,
    ]) {
      if (limiter instanceof RateLimiterPostgres) {
        // A method of the library's PostgreSQL store its types leave out
        await (limiter as unknown as PrunableLimiter).clearExpired(
          Date.now() - 3_600_000,
        );
      }
    }
  }

  /**
   * Let an attempt through and count it as a failure at once, or refuse it.
   * Call {@link LoginAttempt.succeeded} once its password is found right.
   * @param username - The username tried
   * @param address - The client address, as the socket reports it
   */
  async reserve(username: string, address: string): Promise<LoginAttempt> {
    const userKey = String(username).slice(0, MAX_KEY_LENGTH);
    const addressKey = clientNetwork(address).slice(0, MAX_KEY_LENGTH);
    const userAtAddressKey = `${addressKey} ${userKey}`;
    const counts: [RateLimiterAbstract, string][] = [
      [this.byAddress, addressKey],
      [this.byUsername, userAtAddressKey],
      [this.byUsernameOverall, userKey],
    ];
    // Looked at without counting first: a refused attempt creates no
    // counter, so a locked address cannot fill the table with usernames
    for (const [limiter, key] of counts) {
      const res = await limiter.get(key);
      if (res && res.consumedPoints >= limiter.points) {
        return refused(res.msBeforeNext);
      }
    }
    const taken = await Promise.allSettled(
      counts.map(([limiter, key]) => limiter.consume(key)),
    );
    if (taken.some(result => result.status === 'rejected')) {
      // Over a limit (raced there by other requests) or a failure: every
      // count this attempt made is taken back
      await Promise.all(
        counts.map(([limiter, key], i) =>
          counted(taken[i]) ? limiter.reward(key) : undefined,
        ),
      );
      const failure = taken.find(result => !counted(result));
      if (failure?.status === 'rejected') throw failure.reason;
      const waits = taken.map(result =>
        result.status === 'rejected' ? result.reason.msBeforeNext : 0,
      );
      return refused(Math.max(...waits));
    }
    return {
      retryAfter: 0,
      succeeded: async () => {
        // This attempt stops counting; the username's failures from this
        // network are forgotten, those from elsewhere are not
        await this.byAddress.reward(addressKey);
        await this.byUsernameOverall.reward(userKey);
        await this.byUsername.delete(userAtAddressKey);
      },
    };
  }
}

/**
 * Whether a count was made: it went through, or went over the limit (the
 * library counts those too); not when the store failed
 */
function counted(result: PromiseSettledResult<unknown>): boolean {
  return (
    result.status === 'fulfilled' || result.reason instanceof RateLimiterRes
  );
}

function refused(msBeforeNext: number): LoginAttempt {
  return {
    retryAfter: Math.max(1, Math.ceil(msBeforeNext / 1000)),
    succeeded: async () => {},
  };
}

/**
 * The options of the username, address and overall username limiters, the
 * limits checked
 */
function limiterOptions(configured: Partial<LoginLimits>) {
  const limits = {...DEFAULT_LOGIN_LIMITS, ...configured};
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new Error(
        `Invalid login limit ${name}: ${String(value)} is not a positive integer`,
      );
    }
  }
  const duration = Math.ceil(limits.windowMs / 1000);
  return [
    {keyPrefix: 'user', points: limits.maxFailuresPerUsername, duration},
    {keyPrefix: 'address', points: limits.maxFailuresPerAddress, duration},
    {
      keyPrefix: 'user-overall',
      points: limits.maxFailuresPerUsernameOverall,
      duration,
    },
  ];
}
