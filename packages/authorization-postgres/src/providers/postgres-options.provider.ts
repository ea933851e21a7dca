// Copyright The loopback-security-monorepo authors. License: MIT.

import {config, injectable, Provider} from '@loopback/core';
import type {PoolConfig} from 'pg';
import {
  checkNumberOption,
  completeChangeFeedOptions,
  invalidOption,
} from '../feeds/change-feed.options';
import {PostgresAuthorizationBindings} from '../keys';
import {quoteSchema} from '../stores/schema.migrations';
import {describeInput} from '../stores/store-input';
import {
  ChangeFeedOptions,
  DEFAULT_POSTGRES_AUTHORIZATION_OPTIONS,
  PostgresAuthorizationOptions,
} from '../types';
import {singletonUnder} from './singleton-binding';

/**
 * The component's options, complete and checked
 */
export interface ResolvedPostgresAuthorizationOptions extends Required<ChangeFeedOptions> {
  /**
   * How to connect, for the pool and the LISTEN connection
   */
  pool: PoolConfig;
  /**
   * The schema of the tables
   */
  schema: string;
  /**
   * The minimum-revision request header, in lower case
   */
  revisionHeader: string;
  /**
   * The longest wait for a requested revision, in milliseconds
   */
  revisionWaitMs: number;
  /**
   * The user profile field that names the tenant
   */
  tenantField: string;
  /**
   * How long change-log rows are kept, in milliseconds; 0 for ever
   */
  changeLogRetentionMs: number;
  /**
   * Whether the health endpoint is served
   */
  healthEndpoint: boolean;
}

const WHERE = 'PostgresAuthorizationComponent options';

/**
 * Timeouts of the pool unless `pool` sets them: a connection or a query that
 * hangs (a network partition) must fail, so that the feed retries and the
 * instance reports itself stale instead of waiting for ever
 */
export const DEFAULT_POOL_TIMEOUTS: Readonly<PoolConfig> = Object.freeze({
  connectionTimeoutMillis: 5000,
  // eslint-disable-next-line @typescript-eslint/naming-convention
  query_timeout: 10000,
  keepAlive: true,
});

/**
 * Lay options over the defaults, rejecting malformed ones
 * @param configured - The options given, if any
 */
export function completePostgresAuthorizationOptions(
  configured: PostgresAuthorizationOptions = {},
): ResolvedPostgresAuthorizationOptions {
  const options = {...DEFAULT_POSTGRES_AUTHORIZATION_OPTIONS, ...configured};
  const feed = completeChangeFeedOptions(options);
  const {connectionString} = options;
  if (connectionString !== undefined && typeof connectionString !== 'string') {
    throw invalidOption(
      WHERE,
      `"connectionString" must be a string, got ${describeInput(connectionString)}`,
    );
  }
  if (connectionString === undefined && options.pool === undefined) {
    throw invalidOption(WHERE, 'give "connectionString" or "pool"');
  }
  quoteSchema(options.schema);
  for (const name of ['revisionHeader', 'tenantField'] as const) {
    if (typeof options[name] !== 'string' || options[name] === '') {
      throw invalidOption(
        WHERE,
        `"${name}" must be a non-empty string, got ${describeInput(options[name])}`,
      );
    }
  }
  checkNumberOption(WHERE, 'revisionWaitMs', options.revisionWaitMs, 0);
  checkNumberOption(
    WHERE,
    'changeLogRetentionMs',
    options.changeLogRetentionMs,
    0,
  );
  return {
    ...feed,
    pool: {
      ...DEFAULT_POOL_TIMEOUTS,
      ...options.pool,
      ...(connectionString && {connectionString}),
    },
    schema: options.schema,
    revisionHeader: options.revisionHeader.toLowerCase(),
    revisionWaitMs: options.revisionWaitMs,
    tenantField: options.tenantField,
    changeLogRetentionMs: options.changeLogRetentionMs,
    healthEndpoint: options.healthEndpoint !== false,
  };
}

/**
 * Provides the component's options, read from its configuration once: the
 * pool, the store and the feed are built from them when first used
 */
@injectable(singletonUnder(PostgresAuthorizationBindings.OPTIONS))
export class PostgresOptionsProvider implements Provider<ResolvedPostgresAuthorizationOptions> {
  /**
   * @param configured - The configuration of the component
   */
  constructor(
    @config({fromBinding: PostgresAuthorizationBindings.COMPONENT})
    private readonly configured?: PostgresAuthorizationOptions,
  ) {}

  /**
   * The complete options
   */
  value(): ResolvedPostgresAuthorizationOptions {
    return completePostgresAuthorizationOptions(this.configured);
  }
}
