// Copyright The loopback-security-monorepo authors. License: MIT.

import type {
  DecisionListener,
  OwnerResolver,
  RoleMapper,
} from '@loopback/authorization';
import {BindingKey} from '@loopback/core';
import type {AuditWriter} from './authorization/audit';
import type {RoleSource} from './authorization/role-source';
import type {CredentialsService} from './authentication/credentials.service';
import type {JwtService, TokenOptions} from './authentication/jwt.service';
import type {LoginRateLimiter} from './authentication/login-rate-limiter.service';
import type {PasswordHasher} from './authentication/password-hasher.service';
import type {LoginLimits} from './authentication/login-rate-limiter.service';
import type {UserStatus} from './authentication/user-status';
import type {
  DbDataSource,
  DbDataSourceConfig,
} from './datasources/db.datasource';
import type {OrderRepository} from './repositories/order.repository';
import type {UserRepository} from './repositories/user.repository';
import type {ViewCounter} from './services/view-counter.service';

/**
 * Binding keys of the access-control example. Every key the example binds or
 * injects is declared here, so that no raw key string appears elsewhere.
 */
export namespace AccessControlBindings {
  /**
   * The HS256 key that signs and verifies the tokens. Bound at start from
   * `JWT_SECRET` or generated at random; tests read it to forge tokens.
   */
  export const JWT_SECRET = BindingKey.create<Uint8Array>(
    'example.accessControl.jwt.secret',
  );

  /**
   * Issuer and lifetime of the tokens
   */
  export const TOKEN_OPTIONS = BindingKey.create<TokenOptions>(
    'example.accessControl.jwt.options',
  );

  /**
   * The service that signs and verifies tokens
   */
  export const TOKEN_SERVICE = BindingKey.create<JwtService>(
    'services.JwtService',
  );

  /**
   * The service that hashes and checks passwords
   */
  export const PASSWORD_HASHER = BindingKey.create<PasswordHasher>(
    'services.PasswordHasher',
  );

  /**
   * The service that checks a username and a password
   */
  export const CREDENTIALS_SERVICE = BindingKey.create<CredentialsService>(
    'services.CredentialsService',
  );

  /**
   * Whether the user of a token may still act: the user record in memory
   * mode, the revoked principals of PostgreSQL with `DATABASE_URL`
   */
  export const USER_STATUS = BindingKey.create<UserStatus>(
    'example.accessControl.userStatus',
  );

  /**
   * The limits of failed logins, from the application's `loginLimits`
   */
  export const LOGIN_LIMITS = BindingKey.create<Partial<LoginLimits>>(
    'example.accessControl.loginLimits',
  );

  /**
   * Counts failed logins per username and per client address: in memory,
   * or in PostgreSQL with `DATABASE_URL` (shared by every instance)
   */
  export const LOGIN_RATE_LIMITER = BindingKey.create<LoginRateLimiter>(
    'services.LoginRateLimiter',
  );

  /**
   * The counter behind `GET /number-of-views`
   */
  export const VIEW_COUNTER = BindingKey.create<ViewCounter>(
    'services.ViewCounter',
  );

  /**
   * Settings of the `db` datasource; the application binds them from its
   * options (memory connector, with a `file` when `DATA_FILE` is set)
   */
  export const DATASOURCE_CONFIG = BindingKey.create<DbDataSourceConfig>(
    'datasources.config.db',
  );

  /**
   * The `db` datasource, under the key that `@loopback/boot` gives it
   */
  export const DATASOURCE = BindingKey.create<DbDataSource>('datasources.db');

  /**
   * The user repository, under the key that `@loopback/boot` gives it
   */
  export const USER_REPOSITORY = BindingKey.create<UserRepository>(
    'repositories.UserRepository',
  );

  /**
   * The order repository, under the key that `@loopback/boot` gives it
   */
  export const ORDER_REPOSITORY = BindingKey.create<OrderRepository>(
    'repositories.OrderRepository',
  );

  /**
   * The decision listener that writes one audit line per authorization
   * decision, tagged `AuthorizationTags.DECISION_LISTENER`
   */
  export const AUDIT_LISTENER = BindingKey.create<DecisionListener>(
    'example.accessControl.audit.listener',
  );

  /**
   * Where the audit lines go. Default: the debug logger
   * `loopback:example:access-control:audit`, silent unless `DEBUG` names
   * it. Rebind it to send the lines elsewhere (a file, a log service, an
   * array in a test); the next decision uses the new writer.
   */
  export const AUDIT_WRITER = BindingKey.create<AuditWriter>(
    'example.accessControl.audit.writer',
  );

  /**
   * Where the users' roles are kept: the user records in memory mode, the
   * role assignments of PostgreSQL with `DATABASE_URL`. Authorization reads
   * roles there on every request, never from the token.
   */
  export const ROLE_SOURCE = BindingKey.create<RoleSource>(
    'example.accessControl.roleSource',
  );

  /**
   * The role mapper of memory mode, which reads the role source, tagged
   * `AuthorizationTags.ROLE_MAPPER`
   */
  export const ROLE_MAPPER = BindingKey.create<RoleMapper>(
    'authorization.roleMappers.roleSource',
  );
}

/**
 * Binding keys of the owner resolvers that the `ownership` metadata of
 * `@authorize` names. The ownership authorizer of
 * `BuiltinAuthorizersComponent` calls them with the instance id (the first
 * argument of the method) and allows the caller whose user id they return.
 */
export namespace OwnerResolvers {
  /**
   * The owner of a user record: the user themself, `undefined` when there is
   * no such user
   */
  export const USER = BindingKey.create<OwnerResolver>(
    'example.accessControl.owners.user',
  );
}
