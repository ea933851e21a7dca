// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {LoginRateLimiter} from '../../../authentication/login-rate-limiter.service';

describe('LoginRateLimiter', () => {
  let now: number;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  function givenLimiter(perUsername = 2, perAddress = 100) {
    return new LoginRateLimiter(
      {
        maxFailuresPerUsername: perUsername,
        maxFailuresPerAddress: perAddress,
        windowMs: 60_000,
      },
      clock,
    );
  }

  /**
   * One wrong login, as the controller handles it
   * @returns The wait answered: 0 when the attempt went ahead and failed
   */
  function wrongLogin(
    limiter: LoginRateLimiter,
    username: string,
    address: string,
  ): number {
    const attempt = limiter.reserve(username, address);
    attempt.failed();
    return attempt.retryAfter;
  }

  it('says how many seconds are left in the window once the limit is reached', () => {
    const limiter = givenLimiter();
    wrongLogin(limiter, 'ann', '10.0.0.1');
    expect(limiter.retryAfter('ann', '10.0.0.1')).to.equal(0);
    wrongLogin(limiter, 'ann', '10.0.0.1');
    expect(limiter.retryAfter('ann', '10.0.0.2')).to.equal(60);
    now += 59_500;
    expect(limiter.retryAfter('ann', '10.0.0.2')).to.equal(1);
  });

  it('lets the username try again once the window is over', () => {
    const limiter = givenLimiter();
    wrongLogin(limiter, 'ann', 'a');
    wrongLogin(limiter, 'ann', 'a');
    now += 60_000;
    expect(limiter.retryAfter('ann', 'a')).to.equal(0);
  });

  describe('attempts in flight', () => {
    it('lets through no more attempts than the limit before any is settled', () => {
      const limiter = givenLimiter(5, 100);
      const attempts = Array.from({length: 40}, () =>
        limiter.reserve('ann', 'a'),
      );
      const waits = attempts.map(a => a.retryAfter);
      expect(waits.filter(w => w === 0)).to.have.length(5);
      expect(waits.slice(5).every(w => w === 60)).to.be.true();
    });

    it('lets through no more attempts than the address limit over many usernames', () => {
      const limiter = givenLimiter(5, 3);
      const waits = ['u1', 'u2', 'u3', 'u4'].map(
        u => limiter.reserve(u, 'a').retryAfter,
      );
      expect(waits).to.eql([0, 0, 0, 60]);
      // The refused attempt was not counted against its username
      expect(limiter.retryAfter('u4', 'b')).to.equal(0);
    });

    it('takes the count of a successful attempt back and forgets the username failures', () => {
      const limiter = givenLimiter(2, 2);
      wrongLogin(limiter, 'ann', 'a');
      limiter.reserve('ann', 'a').succeeded();
      expect(wrongLogin(limiter, 'ann', 'b')).to.equal(0);
      expect(wrongLogin(limiter, 'ann', 'b')).to.equal(0);
      expect(limiter.retryAfter('ann', 'c')).to.equal(60);
      // Address a has one failure: the success did not count
      expect(wrongLogin(limiter, 'other', 'a')).to.equal(0);
      expect(limiter.retryAfter('other2', 'a')).to.equal(60);
    });

    it('keeps counting the attempts still in flight when another one succeeds', () => {
      const limiter = givenLimiter(2, 100);
      const pending = limiter.reserve('ann', 'a');
      limiter.reserve('ann', 'b').succeeded();
      limiter.reserve('ann', 'c').failed();
      expect(limiter.retryAfter('ann', 'd')).to.equal(60);
      pending.failed();
      expect(limiter.retryAfter('ann', 'd')).to.equal(60);
    });

    it('settles an attempt once', () => {
      const limiter = givenLimiter(2, 100);
      const attempt = limiter.reserve('ann', 'a');
      attempt.failed();
      attempt.failed();
      attempt.succeeded();
      expect(limiter.retryAfter('ann', 'a')).to.equal(0);
    });
  });

  describe('a full table of counters (10,000 by default)', () => {
    /**
     * Fail 20 logins from each of many addresses, each on a new username
     */
    function givenFlood(limiter: LoginRateLimiter, addresses: number) {
      for (let a = 0; a < addresses; a++) {
        for (let i = 0; i < 20; i++) {
          wrongLogin(limiter, `junk-${a}-${i}`, `10.0.${a >> 8}.${a & 255}`);
        }
      }
    }

    it('keeps a locked username locked through a flood of made-up usernames from many addresses', () => {
      const limiter = givenLimiter(5, 20);
      for (let i = 0; i < 5; i++) wrongLogin(limiter, 'alice', '10.9.9.9');
      expect(limiter.retryAfter('alice', '10.8.8.8')).to.be.above(0);
      // 500 addresses, each up to its limit, on 10,000 names
      givenFlood(limiter, 500);
      expect(limiter.retryAfter('alice', '10.8.8.8')).to.be.above(0);
    });

    it('keeps a locked address locked through a flood of made-up usernames', () => {
      const limiter = givenLimiter(5, 20);
      for (let i = 0; i < 20; i++) wrongLogin(limiter, `u${i}`, '10.9.9.9');
      givenFlood(limiter, 600);
      expect(limiter.retryAfter('someone', '10.9.9.9')).to.be.above(0);
    });

    it('refuses new usernames once it is full of live locks, and forgets none of them', () => {
      const limiter = givenLimiter(1, 1_000_000);
      for (let i = 0; i < 10_000; i++) wrongLogin(limiter, `user${i}`, 'a');
      expect(wrongLogin(limiter, 'newcomer', 'a')).to.be.above(0);
      expect(limiter.retryAfter('user0', 'b')).to.be.above(0);
      expect(limiter.retryAfter('user9998', 'b')).to.be.above(0);
    });

    it('makes room by dropping counters whose window is over', () => {
      const limiter = givenLimiter(1, 1_000_000);
      for (let i = 0; i < 10_000; i++) wrongLogin(limiter, `old${i}`, 'a');
      now += 60_000;
      wrongLogin(limiter, 'alice', 'b');
      for (let i = 0; i < 9_000; i++) {
        expect(wrongLogin(limiter, `new${i}`, 'c')).to.equal(0);
      }
      expect(limiter.retryAfter('alice', 'd')).to.be.above(0);
      expect(limiter.retryAfter('new0', 'd')).to.be.above(0);
    });
  });

  describe('the maxCounters option', () => {
    function givenSmallTable() {
      return new LoginRateLimiter(
        {
          maxFailuresPerUsername: 3,
          maxFailuresPerAddress: 1000,
          windowMs: 60_000,
          maxCounters: 5,
        },
        clock,
      );
    }

    it('drops the counters below their limit with the fewest failures first', () => {
      const limiter = givenSmallTable();
      for (let i = 0; i < 2; i++) wrongLogin(limiter, 'two', 'a');
      wrongLogin(limiter, 'one', 'a');
      for (let i = 0; i < 3; i++) wrongLogin(limiter, 'locked', 'a');
      wrongLogin(limiter, 'busy', 'a');
      wrongLogin(limiter, 'busy', 'a');
      // Full: address a, two, one, locked, busy
      expect(wrongLogin(limiter, 'new', 'a')).to.equal(0);
      wrongLogin(limiter, 'two', 'a');
      expect(limiter.retryAfter('two', 'b')).to.equal(60);
      expect(limiter.retryAfter('locked', 'b')).to.equal(60);
      // "one" was dropped: two more failures do not reach its limit of 3
      wrongLogin(limiter, 'one', 'a');
      wrongLogin(limiter, 'one', 'a');
      expect(limiter.retryAfter('one', 'a')).to.equal(0);
    });

    it('never drops a counter with an attempt in flight', () => {
      const limiter = givenSmallTable();
      const pending = [1, 2, 3, 4].map(i => limiter.reserve(`u${i}`, 'a'));
      expect(limiter.reserve('u5', 'a').retryAfter).to.be.above(0);
      pending.forEach(p => p.failed());
      expect(limiter.reserve('u5', 'a').retryAfter).to.equal(0);
    });

    it('refuses a limit that is not a positive integer, naming it', () => {
      for (const [name, value] of [
        ['maxCounters', 1],
        ['maxCounters', 0],
        ['windowMs', -1],
        ['maxFailuresPerUsername', 1.5],
        ['maxFailuresPerAddress', NaN],
        ['maxFailuresPerAddress', undefined],
      ] as const) {
        expect(() => new LoginRateLimiter({[name]: value})).to.throw(
          new RegExp(`^Invalid login limit ${name}: `),
        );
      }
    });
  });

  describe('client addresses', () => {
    it('counts the addresses of one IPv6 /64 network together', () => {
      const limiter = givenLimiter(100, 3);
      wrongLogin(limiter, 'u1', '2001:db8:1:2::1');
      wrongLogin(limiter, 'u2', '2001:db8:1:2:ffff:ffff:ffff:fffe');
      wrongLogin(limiter, 'u3', '2001:DB8:1:2:0:0:0:9');
      expect(limiter.retryAfter('u4', '2001:db8:1:2:abcd::7')).to.be.above(0);
      // The next /64 is another network
      expect(limiter.retryAfter('u4', '2001:db8:1:3::1')).to.equal(0);
    });

    it('reads compressed and zoned IPv6 forms as the same network', () => {
      const limiter = givenLimiter(100, 2);
      wrongLogin(limiter, 'u1', 'fe80::1%eth0');
      wrongLogin(limiter, 'u2', 'fe80:0:0:0:aaaa::2');
      expect(limiter.retryAfter('u3', 'fe80::3')).to.be.above(0);
    });

    it('counts an IPv4-mapped IPv6 address as the IPv4 address', () => {
      const limiter = givenLimiter(100, 2);
      wrongLogin(limiter, 'u1', '::ffff:10.0.0.1');
      wrongLogin(limiter, 'u2', '10.0.0.1');
      expect(limiter.retryAfter('u3', '::ffff:10.0.0.1')).to.be.above(0);
      expect(limiter.retryAfter('u3', '10.0.0.1')).to.be.above(0);
      // Another IPv4 address of the same /64 of mapped addresses is apart
      expect(limiter.retryAfter('u3', '::ffff:10.0.0.2')).to.equal(0);
    });
  });
});
