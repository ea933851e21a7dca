// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {completePostgresAuthorizationOptions} from '../../../postgres-authorization.options';

describe('completePostgresAuthorizationOptions', () => {
  it('lays the options over the defaults', () => {
    expect(
      completePostgresAuthorizationOptions({
        connectionString: 'postgres://h/db',
        revisionHeader: 'X-Revision',
        pool: {max: 3},
      }),
    ).to.deepEqual({
      pollIntervalMs: 1000,
      stalenessBoundMs: 5000,
      reconnectDelayMs: 100,
      batchSize: 500,
      pool: {
        connectionTimeoutMillis: 5000,
        // eslint-disable-next-line @typescript-eslint/naming-convention
        query_timeout: 10000,
        keepAlive: true,
        max: 3,
        connectionString: 'postgres://h/db',
      },
      schema: 'authorization',
      revisionHeader: 'x-revision',
      revisionWaitMs: 2000,
      tenantField: 'tenantId',
      changeLogRetentionMs: 86400000,
      healthEndpoint: true,
    });
  });

  const bad: [string, object, RegExp][] = [
    ['no connection', {}, /give "connectionString" or "pool"/],
    [
      'a connection string that is not a string',
      {connectionString: 5},
      /"connectionString" must be a string, got number 5/,
    ],
    [
      'a schema with a capital',
      {pool: {}, schema: 'Authz'},
      /Invalid PostgreSQL schema name "Authz"/,
    ],
    [
      'an empty revision header',
      {pool: {}, revisionHeader: ''},
      /"revisionHeader" must be a non-empty string, got ""/,
    ],
    [
      'a tenant field that is not a string',
      {pool: {}, tenantField: 1},
      /"tenantField" must be a non-empty string, got number 1/,
    ],
    [
      'a negative revision wait',
      {pool: {}, revisionWaitMs: -1},
      /"revisionWaitMs" must be a finite number of at least 0, got number -1/,
    ],
    [
      'a poll interval of zero',
      {pool: {}, pollIntervalMs: 0},
      /"pollIntervalMs" must be a finite number of at least 1/,
    ],
    [
      'a bound of Infinity',
      {pool: {}, stalenessBoundMs: Infinity},
      /"stalenessBoundMs" must be a finite number/,
    ],
    [
      'a bound below the poll interval',
      {pool: {}, stalenessBoundMs: 1000},
      /"stalenessBoundMs" \(1000\) must be more than "pollIntervalMs" \(1000\)/,
    ],
  ];
  for (const [what, options, message] of bad) {
    it(`refuses ${what}`, () => {
      let error: {statusCode?: number; code?: string} | undefined;
      try {
        completePostgresAuthorizationOptions(options as never);
      } catch (err) {
        error = err as typeof error;
      }
      expect(error).to.containDeep({
        statusCode: 500,
        code: 'INVALID_AUTHORIZATION_STORE_OPTIONS',
      });
      expect((error as Error).message).to.match(message);
    });
  }
});
