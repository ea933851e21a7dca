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

  it('says how many seconds are left in the window once the limit is reached', () => {
    const limiter = givenLimiter();
    limiter.failed('ann', '10.0.0.1');
    expect(limiter.retryAfter('ann', '10.0.0.1')).to.equal(0);
    limiter.failed('ann', '10.0.0.1');
    expect(limiter.retryAfter('ann', '10.0.0.2')).to.equal(60);
    now += 59_500;
    expect(limiter.retryAfter('ann', '10.0.0.2')).to.equal(1);
  });

  it('lets the username try again once the window is over', () => {
    const limiter = givenLimiter();
    limiter.failed('ann', 'a');
    limiter.failed('ann', 'a');
    now += 60_000;
    expect(limiter.retryAfter('ann', 'a')).to.equal(0);
  });

  it('keeps at most 10,000 counters, dropping the oldest', () => {
    const limiter = givenLimiter(1, 1_000_000);
    limiter.failed('first', 'a');
    expect(limiter.retryAfter('first', 'b')).to.be.above(0);
    for (let i = 0; i < 10_000; i++) limiter.failed(`user${i}`, 'a');
    expect(limiter.retryAfter('first', 'b')).to.equal(0);
    expect(limiter.retryAfter('user9999', 'b')).to.be.above(0);
  });
});
