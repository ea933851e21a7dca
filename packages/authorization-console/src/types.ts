// Copyright The loopback-security-monorepo authors. License: MIT.

import type {BindingAddress, ValueOrPromise} from '@loopback/core';
import type {UserProfile} from '@loopback/security';

/**
 * Options of `AuthorizationConsoleComponent`, bound with
 * `app.configure(AuthorizationConsoleBindings.COMPONENT).to(options)`
 */
export interface AuthorizationConsoleOptions {
  /**
   * Where the console and its API live: the page at `<path>/console`, the
   * API at `<path>/explain`, `<path>/decisions` and so on. Default
   * `/authorization`.
   */
  path?: string;
  /**
   * The roles that may use the console's API, checked by `@authorize` like
   * any route. Default `['ADMIN']`.
   */
  roles?: string[];
  /**
   * Where the console's login form posts `{username, password}` to get a
   * bearer token (the response's `token`), such as `/users/login`. Default:
   * none, the administrator pastes a token.
   */
  loginPath?: string;
  /**
   * The decision log
   */
  decisionLog?: DecisionLogOptions;
  /**
   * The access matrix
   */
  matrix?: {
    /**
     * The most columns (roles, the built-in ones included) a matrix has:
     * each cell is a run of the pipeline. The roles past it are listed in
     * the answer's `omittedRoles`, and `?roles=` picks others. Default 40.
     */
    maxRoles?: number;
  };
  /**
   * For an explanation that checks an instance: the repository to read
   * instances of each policy resource type from, by resource name. Default:
   * the repository bound (tag `repository`) whose model has the resource's
   * name and that is not guarded by the policy rules.
   */
  repositories?: Record<string, BindingAddress>;
}

/**
 * Options of the decision log
 */
export interface DecisionLogOptions {
  /**
   * How many decisions the log keeps in memory; the oldest go first.
   * Default 1000.
   */
  capacity?: number;
  /**
   * How many clients may follow the stream at once; one more is answered
   * 503. Default 10.
   */
  maxSubscribers?: number;
  /**
   * How often, in milliseconds, an open stream checks again that its
   * client holds a console role (the role removed, the user deleted), and
   * ends when it does not. Default 5000.
   */
  streamRecheckMs?: number;
  /**
   * The longest life of a stream, in milliseconds: then it ends and the
   * page reconnects, through authentication again (a token that expired
   * meanwhile is refused). Default 300000 (five minutes).
   */
  streamMaxAgeMs?: number;
  /**
   * Keep the decisions in PostgreSQL too, in the schema of
   * `@loopback/authorization-postgres` (which must be mounted): the log API
   * then reads them there, from every instance. Default: off.
   */
  postgres?: PostgresDecisionLogOptions;
}

/**
 * Options of the decisions kept in PostgreSQL
 */
export interface PostgresDecisionLogOptions {
  /**
   * Remove decisions older than this many milliseconds. Default seven days.
   */
  retentionMs?: number;
  /**
   * Write the decisions recorded since the last write this often, in
   * milliseconds. Default 1000.
   */
  flushIntervalMs?: number;
  /**
   * The most decisions waiting for a write; past it the newest are dropped
   * (and counted), never a request slowed down. Default 10000.
   */
  maxPending?: number;
}

/**
 * The options with every default filled in
 */
export interface ResolvedConsoleOptions {
  /**
   * {@inheritDoc AuthorizationConsoleOptions.path}
   */
  readonly path: string;
  /**
   * {@inheritDoc AuthorizationConsoleOptions.roles}
   */
  readonly roles: readonly string[];
  /**
   * {@inheritDoc AuthorizationConsoleOptions.loginPath}
   */
  readonly loginPath?: string;
  /**
   * {@inheritDoc DecisionLogOptions.capacity}
   */
  readonly capacity: number;
  /**
   * {@inheritDoc DecisionLogOptions.maxSubscribers}
   */
  readonly maxSubscribers: number;
  /**
   * {@inheritDoc DecisionLogOptions.streamRecheckMs}
   */
  readonly streamRecheckMs: number;
  /**
   * {@inheritDoc DecisionLogOptions.streamMaxAgeMs}
   */
  readonly streamMaxAgeMs: number;
  /**
   * The most columns of the access matrix (`matrix.maxRoles`)
   */
  readonly matrixMaxRoles: number;
  /**
   * {@inheritDoc DecisionLogOptions.postgres}
   */
  readonly postgres?: Readonly<Required<PostgresDecisionLogOptions>>;
  /**
   * {@inheritDoc AuthorizationConsoleOptions.repositories}
   */
  readonly repositories: Readonly<Record<string, BindingAddress>>;
}

/**
 * The defaults of the options
 */
export const DEFAULT_CONSOLE_OPTIONS = Object.freeze({
  path: '/authorization',
  roles: Object.freeze(['ADMIN']),
  capacity: 1000,
  maxSubscribers: 10,
  streamRecheckMs: 5000,
  streamMaxAgeMs: 300_000,
  matrixMaxRoles: 40,
  retentionMs: 7 * 24 * 3_600_000,
  flushIntervalMs: 1000,
  maxPending: 10_000,
});

/**
 * One user of a {@link RoleStore}
 */
export interface RoleStoreUser {
  /**
   * The user id, the `securityId` of the user's profile
   */
  id: string;
  /**
   * A name to show, if any
   */
  name?: string;
  /**
   * The roles kept for the user
   */
  roles: readonly string[];
}

/**
 * Where the users and their roles are kept, for the console's Roles page
 */
export interface RoleStore {
  /**
   * Every user with their roles
   */
  listUsers(): Promise<RoleStoreUser[]>;
  /**
   * Replace the roles of a user. Without it the roles are shown read-only.
   * Rejects with an error whose `statusCode` is 404 for an unknown user.
   * @param userId - The user id
   * @param roles - The role names
   */
  setRoles?(userId: string, roles: readonly string[]): Promise<void>;
}

/**
 * Builds the profile of a user to explain a decision for, as authentication
 * would build it for a request of that user; `undefined` when there is no
 * such user (the explanation then uses the id alone)
 */
export type ProfileFactory = (user: {
  id: string;
}) => ValueOrPromise<UserProfile | undefined>;

/**
 * The check authentication makes of a verified user before it binds it,
 * run on the profile of a user to explain (as of a token issued now):
 * throws the error a request of that user is refused with (its
 * `statusCode`, 401 for a deleted or revoked user, 503 when that cannot be
 * known now); returns when the user may act
 */
export type UserCheck = (profile: UserProfile) => ValueOrPromise<void>;

/**
 * What the decision log needs of a `pg` pool
 */
export interface DecisionLogPool {
  /**
   * Run a query
   * @param text - The SQL
   * @param values - The parameters
   */
  query(
    text: string,
    values?: unknown[],
  ): Promise<{rows: Record<string, unknown>[]; rowCount?: number | null}>;
}

/**
 * A policy rule as the console reads and writes it (the `Rule` of
 * `@loopback/authorization-policy`)
 */
export interface ConsoleRule {
  /** The rule id */
  id: string;
  /** `allow` or `deny` */
  effect: 'allow' | 'deny';
  /** The resource type */
  resource: string;
  /** The actions */
  actions: string[];
  /** Who the rule applies to */
  subjects: string[];
  /** The instances the rule applies to */
  where?: object;
  /** The properties the rule covers */
  fields?: string[];
  /** What the rule is for */
  description?: string;
}

/**
 * The caller as the policy rules see it (the `PolicyCaller` of
 * `@loopback/authorization-policy`)
 */
export interface ConsoleCaller {
  /** The principal id; `undefined` for an anonymous caller */
  id?: string;
  /** The role names */
  roles: readonly string[];
  /** What `$user.<x>` reads */
  attributes: Readonly<Record<string, unknown>>;
}

/**
 * What the console uses of the `PolicyEngine` of
 * `@loopback/authorization-policy`
 */
export interface ConsolePolicyEngine {
  /** The rules in force */
  rules(): readonly Readonly<ConsoleRule>[];
  /**
   * A registered resource type
   * @param name - Its name
   */
  resource(name: string): {idProperty?: string} | undefined;
  /**
   * Check a rule without adding it; throws a 422 error naming the part
   * @param input - The rule
   * @param label - How to name a rule without a valid id
   * @param displayName - How to name the rule
   */
  validate(input: unknown, label?: string, displayName?: string): unknown;
  /**
   * Decide an action, on an instance or at the door
   * @param caller - Who asks
   * @param resource - The resource type
   * @param action - The action
   * @param instance - The instance, if any
   */
  decide(
    caller: ConsoleCaller,
    resource: string,
    action: string,
    instance?: Readonly<Record<string, unknown>>,
  ): {allowed: boolean; ruleId?: string};
  /**
   * The list filter of an action
   * @param caller - Who asks
   * @param resource - The resource type
   * @param action - The action
   */
  filter(
    caller: ConsoleCaller,
    resource: string,
    action: string,
  ): {where: object; matchesNothing: boolean; ruleIds: string[]};
  /**
   * The permitted properties
   * @param caller - Who asks
   * @param resource - The resource type
   * @param action - The action
   * @param instance - The instance, if any
   */
  fields(
    caller: ConsoleCaller,
    resource: string,
    action: string,
    instance?: Readonly<Record<string, unknown>>,
  ): string[];
}

/**
 * What the console uses of the `PolicyStore` of
 * `@loopback/authorization-policy`
 */
export interface ConsolePolicyStore {
  /** The engine with the rules in force */
  engine(): Promise<ConsolePolicyEngine>;
  /** Every rule */
  find(): Promise<readonly Readonly<ConsoleRule>[]>;
  /**
   * Check and store a rule
   * @param input - The rule
   */
  create(input: Omit<ConsoleRule, 'id'> & {id?: string}): Promise<unknown>;
  /**
   * Remove a rule
   * @param id - The rule id
   */
  deleteById(id: string): Promise<boolean>;
}
