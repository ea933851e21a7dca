// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {Pool} from 'pg';
import {RateLimiterMemory, RateLimiterPostgres} from 'rate-limiter-flexible';
import {
  LoginLimits,
  LoginRateLimiter,
} from '../../../authentication/login-rate-limiter.service';

describe('LoginRateLimiter (memory counters)', () => {
  function givenLimiter(limits: Partial<LoginLimits> = {}) {
    return LoginRateLimiter.inMemory({
      maxFailuresPerUsername: 2,
      maxFailuresPerAddress: 100,
      windowMs: 60_000,
      ...limits,
    });
  }

  /**
   * One wrong login, as the controller handles it
   * @returns The wait answered: 0 when the attempt went ahead (and failed)
   */
  async function wrongLogin(
    limiter: LoginRateLimiter,
    username: string,
    address: string,
  ): Promise<number> {
    return (await limiter.reserve(username, address)).retryAfter;
  }

  it('says how many seconds are left in the window once the limit is reached', async () => {
    const limiter = givenLimiter();
    expect(await wrongLogin(limiter, 'ann', '10.0.0.1')).to.equal(0);
    expect(await wrongLogin(limiter, 'ann', '10.0.0.1')).to.equal(0);
    expect(await wrongLogin(limiter, 'ann', '10.0.0.1')).to.be.within(59, 60);
  });

  it('does not lock a username out of other networks before its overall limit', async () => {
    const limiter = givenLimiter({maxFailuresPerUsernameOverall: 5});
    // Someone elsewhere spends the username's limit at their network
    await wrongLogin(limiter, 'ann', '10.0.0.9');
    await wrongLogin(limiter, 'ann', '10.0.0.9');
    expect(await wrongLogin(limiter, 'ann', '10.0.0.9')).to.be.above(0);
    // The owner, at home, still gets in
    const attempt = await limiter.reserve('ann', '192.168.1.7');
    expect(attempt.retryAfter).to.equal(0);
    await attempt.succeeded();
    // A guess spread over networks stops at the overall limit
    for (const address of ['10.0.1.1', '10.0.1.1', '10.0.2.1']) {
      expect(await wrongLogin(limiter, 'ann', address)).to.equal(0);
    }
    expect(await wrongLogin(limiter, 'ann', '10.0.3.1')).to.be.above(0);
  });

  it('lets the username try again once the window is over', async () => {
    const limiter = givenLimiter({windowMs: 1000});
    await wrongLogin(limiter, 'ann', 'a');
    await wrongLogin(limiter, 'ann', 'a');
    expect(await wrongLogin(limiter, 'ann', 'a')).to.equal(1);
    await new Promise(resolve => setTimeout(resolve, 1100));
    expect(await wrongLogin(limiter, 'ann', 'a')).to.equal(0);
  });

  it('lets through no more attempts than the limit in a burst', async () => {
    const limiter = givenLimiter({maxFailuresPerUsername: 5});
    const attempts = await Promise.all(
      Array.from({length: 40}, () => limiter.reserve('ann', '10.0.0.1')),
    );
    expect(attempts.filter(a => a.retryAfter === 0)).to.have.length(5);
  });

  it('lets through no more attempts than the address limit over many usernames', async () => {
    const limiter = givenLimiter({maxFailuresPerAddress: 20});
    const attempts = await Promise.all(
      Array.from({length: 30}, (_, i) => limiter.reserve(`u${i}`, '10.0.0.1')),
    );
    expect(attempts.filter(a => a.retryAfter === 0)).to.have.length(20);
  });

  it('counts nothing for a refused attempt', async () => {
    const limiter = givenLimiter({
      maxFailuresPerAddress: 1,
      maxFailuresPerUsernameOverall: 2,
    });
    await wrongLogin(limiter, 'ann', '10.0.0.1');
    // Refused by the address: bob's count is not touched
    expect(await wrongLogin(limiter, 'bob', '10.0.0.1')).to.be.above(0);
    expect(await wrongLogin(limiter, 'bob', '10.0.0.2')).to.equal(0);
    expect(await wrongLogin(limiter, 'bob', '10.0.0.3')).to.equal(0);
    expect(await wrongLogin(limiter, 'bob', '10.0.0.4')).to.be.above(0);
  });

  it('takes the count of a successful attempt back and forgets the username failures', async () => {
    const limiter = givenLimiter({maxFailuresPerAddress: 4});
    await wrongLogin(limiter, 'ann', 'a');
    const attempt = await limiter.reserve('ann', 'a');
    expect(attempt.retryAfter).to.equal(0);
    await attempt.succeeded();
    // Without forgetting, ann would be at her limit of 2 already
    expect(await wrongLogin(limiter, 'ann', 'a')).to.equal(0);
    // The address counts the three failures only
    expect(await wrongLogin(limiter, 'bob', 'a')).to.equal(0);
    expect(await wrongLogin(limiter, 'carol', 'a')).to.equal(0);
    expect(await wrongLogin(limiter, 'dave', 'a')).to.be.above(0);
  });

  it('refuses a limit that is not a positive integer, naming it', () => {
    for (const [name, value] of [
      ['windowMs', -1],
      ['windowMs', 0],
      ['maxFailuresPerUsername', 1.5],
      ['maxFailuresPerAddress', NaN],
      ['maxFailuresPerAddress', undefined],
      ['maxFailuresPerUsernameOverall', 0],
    ] as const) {
      expect(() => LoginRateLimiter.inMemory({[name]: value})).to.throw(
        new RegExp(`^Invalid login limit ${name}: `),
      );
    }
  });

  it('refuses an attempt with the error of counters it cannot reach, counting nothing', async () => {
    const pool = new Pool({
      connectionString: 'postgres://u:p@127.0.0.1:1/none',
    });
    pool.on('error', () => {});
    const byAddress = new RateLimiterMemory({points: 5, duration: 60});
    const limiter = new LoginRateLimiter(
      new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableCreated: true,
        clearExpiredByTimeout: false,
        points: 5,
        duration: 60,
      }),
      byAddress,
      new RateLimiterMemory({points: 50, duration: 60}),
    );
    try {
      await expect(limiter.reserve('ann', '10.0.0.1')).to.be.rejectedWith({
        code: 'ECONNREFUSED',
      });
      expect(await byAddress.get('ipv4:10.0.0.1')).to.be.null();
    } finally {
      await pool.end();
    }
  });

  describe('client addresses', () => {
    it('counts the addresses of one IPv6 /64 network together', async () => {
      const limiter = givenLimiter({
        maxFailuresPerUsername: 100,
        maxFailuresPerAddress: 3,
      });
      await wrongLogin(limiter, 'u1', '2001:db8:1:2::1');
      await wrongLogin(limiter, 'u2', '2001:db8:1:2:ffff:ffff:ffff:fffe');
      await wrongLogin(limiter, 'u3', '2001:DB8:1:2:0:0:0:9');
      expect(
        await wrongLogin(limiter, 'u4', '2001:db8:1:2:abcd::7'),
      ).to.be.above(0);
      // The next /64 is another network
      expect(await wrongLogin(limiter, 'u4', '2001:db8:1:3::1')).to.equal(0);
    });

    it('reads compressed and zoned IPv6 forms as the same network', async () => {
      const limiter = givenLimiter({
        maxFailuresPerUsername: 100,
        maxFailuresPerAddress: 2,
      });
      await wrongLogin(limiter, 'u1', 'fe80::1%eth0');
      await wrongLogin(limiter, 'u2', 'fe80:0:0:0:aaaa::2');
      expect(await wrongLogin(limiter, 'u3', 'fe80::3')).to.be.above(0);
    });

    it('counts an IPv4-mapped IPv6 address as the IPv4 address', async () => {
      const limiter = givenLimiter({
        maxFailuresPerUsername: 100,
        maxFailuresPerAddress: 2,
      });
      await wrongLogin(limiter, 'u1', '::ffff:10.0.0.1');
      await wrongLogin(limiter, 'u2', '10.0.0.1');
      expect(await wrongLogin(limiter, 'u3', '::ffff:10.0.0.1')).to.be.above(0);
      expect(await wrongLogin(limiter, 'u3', '10.0.0.1')).to.be.above(0);
      // Another IPv4 address of the same /64 of mapped addresses is apart
      expect(await wrongLogin(limiter, 'u3', '::ffff:10.0.0.2')).to.equal(0);
    });
  });
});
