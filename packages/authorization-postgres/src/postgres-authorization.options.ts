// Copyright The loopback-security-monorepo authors. License: MIT.

import {describeValue} from '@loopback/authorization';
import type {PoolConfig} from 'pg';
import {
  ChangeFeedOptions,
  completeChangeFeedOptions,
  DEFAULT_CHANGE_FEED_OPTIONS,
} from './feeds/change-feed.options';
import {DEFAULT_SCHEMA, quoteSchema} from './stores/schema.migrations';
import {checkNumberOption, invalidOption} from './stores/store-input';

/**
 * Options of `PostgresAuthorizationComponent`, bound with
 * `app.configure(PostgresAuthorizationBindings.COMPONENT).to(options)`
 */
export interface PostgresAuthorizationOptions extends ChangeFeedOptions {
  /**
   * How to reach PostgreSQL, such as `postgres://user:pass@host:5432/db`;
   * or give `pool`
   */
  connectionString?: string;
  /**
   * Options of the `pg` pool (and of the LISTEN connection), used when no
   * `connectionString` is given
   */
  pool?: PoolConfig;
  /**
   * The PostgreSQL schema of the tables, created when missing. Default
   * `authorization`.
   */
  schema?: string;
  /**
   * The request header that carries a minimum revision (read-your-writes).
   * Default `x-authorization-revision`.
   */
  revisionHeader?: string;
  /**
   * How long a request carrying a revision header waits for this instance
   * to reach it before it is answered 503, in milliseconds. Default 2000.
   */
  revisionWaitMs?: number;
  /**
   * The field of the user profile that names the tenant of a request: the
   * roles assigned for that tenant are added to those for every tenant.
   * Default `tenantId`.
   */
  tenantField?: string;
  /**
   * Remove change-log rows older than this many milliseconds, checked when
   * the application starts and then every hour (or every retention period,
   * when shorter); `0` keeps them all. An instance behind the pruned
   * revision loads a snapshot. Default one day.
   */
  changeLogRetentionMs?: number;
  /**
   * Whether to serve the freshness of this instance at
   * `GET /authorization/health` (503 when stale). Default `true`.
   */
  healthEndpoint?: boolean;
}

/**
 * The default options of the component
 */
export const DEFAULT_POSTGRES_AUTHORIZATION_OPTIONS = Object.freeze({
  ...DEFAULT_CHANGE_FEED_OPTIONS,
  schema: DEFAULT_SCHEMA,
  revisionHeader: 'x-authorization-revision',
  revisionWaitMs: 2000,
  tenantField: 'tenantId',
  changeLogRetentionMs: 86_400_000,
  healthEndpoint: true,
});

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
      `"connectionString" must be a string, got ${describeValue(connectionString)}`,
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
        `"${name}" must be a non-empty string, got ${describeValue(options[name])}`,
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
