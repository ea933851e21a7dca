// Copyright The loopback-security-monorepo authors. License: MIT.

import type {PoolConfig} from 'pg';

/**
 * A rule as this package stores it: an opaque JSON object with a string `id`.
 *
 * @remarks
 * The store does not interpret rules; the policy package validates them
 * before they are written. For reference, a rule of that package has the
 * fields `id`, `effect` (`allow` or `deny`), `resource`, `actions`,
 * `subjects` and, optionally, `where`, `fields` and `description`.
 */
export interface StoredRule {
  /**
   * The rule's id, unique in the store; a non-empty string
   */
  id: string;
  /**
   * Whatever else the rule holds, kept as JSON
   */
  [field: string]: unknown;
}

/**
 * The roles of one principal, for all tenants or for one
 */
export interface RoleAssignment {
  /**
   * The principal, as its security id (the user profile's `securityId`)
   */
  principal: string;
  /**
   * The tenant the roles hold in; `''` for roles that hold in every tenant
   */
  tenant: string;
  /**
   * The role names, without duplicates, in the order they were written
   */
  roles: readonly string[];
}

/**
 * One change of the store, as the change feed hands it to subscribers
 */
export type StoreChange =
  | {
      /** The revision of the write that made the change */
      revision: number;
      /** A rule was created or replaced */
      kind: 'rule';
      /** What happened to it */
      op: 'upsert';
      /** The rule as stored */
      rule: Readonly<StoredRule>;
    }
  | {
      /** The revision of the write that made the change */
      revision: number;
      /** A rule was removed */
      kind: 'rule';
      /** What happened to it */
      op: 'remove';
      /** The id of the removed rule */
      id: string;
    }
  | {
      /** The revision of the write that made the change */
      revision: number;
      /** The roles of a principal changed; empty roles remove the entry */
      kind: 'roles';
      /** Always `set`: the assignment replaces the previous one */
      op: 'set';
      /** The new assignment */
      assignment: Readonly<RoleAssignment>;
    }
  | {
      /** The revision of the write that made the change */
      revision: number;
      /** A principal was revoked, or restored */
      kind: 'principal';
      /** What happened to it */
      op: 'revoke' | 'restore';
      /** Its revocation as it now stands */
      revocation: Readonly<PrincipalRevocation>;
    };

/**
 * The revocation of a principal, such as a deleted or disabled user
 */
export interface PrincipalRevocation {
  /**
   * The principal, as its security id
   */
  principal: string;
  /**
   * Whether it is revoked now: `false` once restored
   */
  revoked: boolean;
  /**
   * When it was last revoked, in milliseconds since the epoch (the
   * database's clock): what was issued to it before stays refused after it
   * is restored
   */
  revokedAt: number;
}

/**
 * What a write did
 */
export interface WriteResult {
  /**
   * The revision of the write; the current revision when nothing changed
   * (a write that changes nothing takes no revision)
   */
  revision: number;
  /**
   * Whether anything changed
   */
  changed: boolean;
}

/**
 * The changes after a revision, as one read of the change log returns them
 */
export interface ChangeBatch {
  /**
   * The changes, in revision order
   */
  changes: StoreChange[];
  /**
   * The log holds no change up to this revision any more: a reader below
   * it must load a snapshot
   */
  prunedThrough: number;
}

/**
 * Everything the store holds at one revision
 */
export interface StoreSnapshot {
  /**
   * The revision the snapshot was read at
   */
  revision: number;
  /**
   * Every rule
   */
  rules: readonly Readonly<StoredRule>[];
  /**
   * Every non-empty role assignment
   */
  roleAssignments: readonly Readonly<RoleAssignment>[];
  /**
   * Every principal ever revoked, restored ones included
   */
  revocations: readonly Readonly<PrincipalRevocation>[];
}

/**
 * Receives what the change feed reads: the full state once when the feed
 * starts, then each change in revision order
 */
export interface ChangeSubscriber {
  /**
   * Replace everything with a snapshot
   * @param snapshot - The store's content, frozen
   */
  load(snapshot: StoreSnapshot): void;
  /**
   * Apply one change
   * @param change - The change, frozen
   */
  apply(change: StoreChange): void;
}

/**
 * The freshness of an instance: how far behind the store it may be
 */
export interface FeedStatus {
  /**
   * The revision this instance has applied; 0 before the first load
   */
  revision: number;
  /**
   * The highest revision this instance has heard of (notifications
   * included); at least `revision`
   */
  knownRevision: number;
  /**
   * Milliseconds since the instance last confirmed it had everything the
   * store held; `Infinity` before the first load
   */
  lagMs: number;
  /**
   * The staleness bound in milliseconds: past it the instance is stale
   */
  stalenessBoundMs: number;
  /**
   * Whether `lagMs` is past the bound; a stale instance fails closed
   */
  stale: boolean;
  /**
   * Whether the dedicated LISTEN connection is up
   */
  listening: boolean;
  /**
   * How often the LISTEN connection was opened again after it was lost
   */
  reconnects: number;
  /**
   * The last error met reading the store or listening, if any
   */
  lastError?: string;
}

/**
 * Options of the change feed
 */
export interface ChangeFeedOptions {
  /**
   * Read the store at least this often, in milliseconds, even without a
   * notification: a lost notification costs at most this delay.
   * Default 1000.
   */
  pollIntervalMs?: number;
  /**
   * Past this many milliseconds without confirming it is up to date, the
   * instance reports itself stale and fails closed. Must be more than
   * `pollIntervalMs`. Default 5000.
   */
  stalenessBoundMs?: number;
  /**
   * Wait this long before opening a lost LISTEN connection again, in
   * milliseconds, doubled on each failure up to 2000. Default 100.
   */
  reconnectDelayMs?: number;
  /**
   * The most revisions read in one query while catching up. Default 500.
   */
  batchSize?: number;
}

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
 * The default options of the change feed
 */
export const DEFAULT_CHANGE_FEED_OPTIONS: Readonly<
  Required<ChangeFeedOptions>
> = Object.freeze({
  pollIntervalMs: 1000,
  stalenessBoundMs: 5000,
  reconnectDelayMs: 100,
  batchSize: 500,
});

/**
 * What a write of one rule did: `changed` tells whether the rule was
 * written (created, or removed)
 */
export type RuleWriteResult = WriteResult;

/**
 * The default schema of the tables
 */
export const DEFAULT_SCHEMA = 'authorization';

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
