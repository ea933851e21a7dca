// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {databaseUnavailable, isDatabaseUnavailable} from '../../..';

describe('isDatabaseUnavailable', () => {
  const away: [string, unknown][] = [
    ['a refused connection', {code: 'ECONNREFUSED', message: 'connect'}],
    ['a reset connection', {code: 'ECONNRESET', message: 'read'}],
    [
      'a host whose name does not resolve, for now',
      {code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND db.invalid'},
    ],
    ['a killed backend (57P01)', {code: '57P01', message: 'terminating'}],
    ['a server starting up (57P03)', {code: '57P03', message: 'starting'}],
    ['a connection exception (08006)', {code: '08006', message: 'failure'}],
    ['too many connections (53300)', {code: '53300', message: 'too many'}],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    [
      'a pool that cannot connect in time',
      new Error('timeout exceeded when trying to connect'),
    ],
    ['a query timeout', new Error('Query read timeout')],
    [
      'a client that failed',
      new Error(
        'Client has encountered a connection error and is not queryable',
      ),
    ],
  ];
  for (const [what, err] of away) {
    it(`tells ${what} from a refused query`, () => {
      expect(isDatabaseUnavailable(err)).to.be.true();
    });
  }

  const refused: [string, unknown][] = [
    ['a unique violation (23505)', {code: '23505', message: 'duplicate'}],
    ['a NUL character (22021)', {code: '22021', message: 'invalid byte'}],
    ['a syntax error (42601)', {code: '42601', message: 'syntax'}],
    ['a code of the wrong length', {code: '08', message: 'x'}],
    ['a plain error', new Error('boom')],
    ['a string', 'Connection terminated'],
    ['nothing', undefined],
  ];
  for (const [what, err] of refused) {
    it(`does not take ${what} for an unavailable database`, () => {
      expect(isDatabaseUnavailable(err)).to.be.false();
    });
  }

  it('makes a 503 that names no host and keeps the cause', () => {
    const cause = new Error('connect ECONNREFUSED 10.0.0.1:5432');
    const error = databaseUnavailable('The database', cause);
    expect(error).to.containDeep({
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: 'The database is unavailable: try again shortly',
      headers: {'Retry-After': '1'},
    });
    expect((error as {cause?: unknown}).cause).to.equal(cause);
  });
});
