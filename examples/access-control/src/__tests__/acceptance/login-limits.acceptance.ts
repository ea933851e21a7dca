// Copyright The loopback-security-monorepo authors. License: MIT.

// The login limits hold for a burst of requests sent at once: every attempt
// is counted before its password is checked, so requests that arrive while
// others are still being checked cannot slip past the limit.

import {expect} from '@loopback/testlab';
import {passwordOf} from '../fixtures/callers';
import {AppUnderTest, givenAppPerTest} from '../fixtures/running-app';

describe('Login limits under concurrent requests', () => {
  const LIMITS = {
    maxFailuresPerUsername: 5,
    maxFailuresPerAddress: 20,
    windowMs: 60000,
  };
  const givenApp = givenAppPerTest();

  interface Outcome {
    status: number;
    retryAfter?: string;
    body: unknown;
  }

  /**
   * Send all the logins at once, each on its own connection, and wait for
   * every answer
   */
  function givenBurst(
    client: AppUnderTest['client'],
    logins: {username: string; password: string}[],
  ): Promise<Outcome[]> {
    return Promise.all(
      logins.map(async login => {
        const res = await client.post('/users/login').send(login);
        return {
          status: res.status,
          retryAfter: res.headers['retry-after'],
          body: res.body,
        };
      }),
    );
  }

  function statusCounts(outcomes: Outcome[]): Record<number, number> {
    const counts: Record<number, number> = {};
    for (const {status} of outcomes) counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  }

  function expectRefusedWithRetryAfter(outcomes: Outcome[]) {
    for (const outcome of outcomes.filter(o => o.status === 429)) {
      expect(Number(outcome.retryAfter)).to.be.within(1, 60);
    }
  }

  it('checks at most the per-username limit of passwords in a burst of 40 wrong logins', async () => {
    const {client} = await givenApp({loginLimits: LIMITS});
    const outcomes = await givenBurst(
      client,
      Array.from({length: 40}, () => ({username: 'bob', password: 'wrong'})),
    );
    expect(statusCounts(outcomes)).to.eql({401: 5, 429: 35});
    expectRefusedWithRetryAfter(outcomes);
    // The limit holds afterwards too, even for the right password
    await client
      .post('/users/login')
      .send({username: 'bob', password: passwordOf('bob')})
      .expect(429);
  });

  it('checks at most the per-address limit of passwords in a burst over many usernames', async () => {
    const {client} = await givenApp({loginLimits: LIMITS});
    const outcomes = await givenBurst(
      client,
      Array.from({length: 30}, (_, i) => ({
        username: `made-up-${i}`,
        password: 'wrong',
      })),
    );
    expect(statusCounts(outcomes)).to.eql({401: 20, 429: 10});
    expectRefusedWithRetryAfter(outcomes);
  });

  it('answers a burst for an unknown username exactly as one for a known username', async () => {
    const {client} = await givenApp({
      loginLimits: {...LIMITS, maxFailuresPerAddress: 100},
    });
    const burst = (username: string) =>
      givenBurst(
        client,
        Array.from({length: 12}, () => ({username, password: 'wrong'})),
      );
    const known = await burst('alice');
    const unknown = await burst('nobody-at-all');
    const summary = (outcomes: Outcome[]) =>
      outcomes.map(o => JSON.stringify([o.status, o.body])).sort();
    expect(summary(unknown)).to.eql(summary(known));
    expect(statusCounts(known)).to.eql({401: 5, 429: 7});
  });

  it('does not count successful logins against the address', async () => {
    const {client} = await givenApp({
      loginLimits: {...LIMITS, maxFailuresPerAddress: 3},
    });
    for (let i = 0; i < 6; i++) {
      await client
        .post('/users/login')
        .send({username: 'alice', password: passwordOf('alice')})
        .expect(200);
    }
  });
});
