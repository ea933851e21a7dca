// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationBindings,
  AuthorizationComponent,
  AuthorizationDecision,
  AuthorizationOptions,
  AuthorizationSpecOptions,
  AuthorizationTags,
  BuiltinAuthorizersComponent,
} from '@loopback/authorization';
import {
  AuthorizationConsoleBindings,
  AuthorizationConsoleComponent,
  AuthorizationConsoleOptions,
} from '@loopback/authorization-console';
import {
  AuthorizationPolicyBindings,
  AuthorizationPolicyComponent,
} from '@loopback/authorization-policy';
import {BootMixin} from '@loopback/boot';
import {
  ApplicationConfig,
  BindingScope,
  CoreBindings,
  CoreTags,
  createBindingFromClass,
} from '@loopback/core';
import {RepositoryMixin} from '@loopback/repository';
import {RestApplication, RestBindings} from '@loopback/rest';
import {
  RestExplorerBindings,
  RestExplorerComponent,
} from '@loopback/rest-explorer';
import debugFactory from 'debug';
import {randomBytes} from 'node:crypto';
import {AUTHENTICATION_REQUIRED_CHALLENGE} from './authentication/challenges';
import {CredentialsService} from './authentication/credentials.service';
import {JwtAuthenticationMiddlewareProvider} from './authentication/jwt-authentication.middleware';
import {
  DEFAULT_TOKEN_OPTIONS,
  JwtService,
  TokenOptions,
} from './authentication/jwt.service';
import {LoginRateLimiterProvider} from './authentication/login-rate-limiter.provider';
import {
  DEFAULT_LOGIN_LIMITS,
  LoginLimits,
} from './authentication/login-rate-limiter.service';
import {PasswordHasher} from './authentication/password-hasher.service';
import {MalformedPathMiddlewareProvider} from './middleware/malformed-path.middleware';
import {DatabaseUnavailableMiddlewareProvider} from './middleware/database-unavailable.middleware';
import {
  AuditDecisionListenerProvider,
  debugAuditWriter,
} from './authorization/audit';
import {ConsoleRoleStore} from './authorization/console-role-store';
import {ConsoleUserCheckProvider} from './authentication/console-user-check.provider';
import {UserOwnerResolverProvider} from './authorization/owner-resolvers';
import {logError} from './errors/log-error';
import {AccessControlBindings, OwnerResolvers} from './keys';
import {useMemory, usePostgres} from './storage';
import {Order} from './models';
import {UNAUTHORIZED_RESPONSE} from './openapi/responses';
import {SecuritySchemeEnhancer} from './openapi/security-scheme.enhancer';
import {ViewCounter} from './services/view-counter.service';

const debug = debugFactory('loopback:example:access-control:application');

/**
 * The shortest `JWT_SECRET` accepted, in bytes: an HS256 key should be at
 * least as long as the hash (RFC 7518, section 3.2)
 */
export const MIN_SECRET_BYTES = 32;

/**
 * Options of {@link AccessControlApplication}
 */
export interface AccessControlConfig extends ApplicationConfig {
  /**
   * Token settings
   */
  jwt?: Partial<TokenOptions> & {
    /**
     * The HS256 secret, at least {@link MIN_SECRET_BYTES} bytes. Default: 32
     * random bytes drawn at start, so tokens die with the process.
     */
    secret?: string;
  };
  /**
   * A JSON file to keep the data in, written with mode 0600. Default: none,
   * memory only.
   */
  dataFile?: string;
  /**
   * Web origins allowed to call the API from a browser (CORS), such as
   * `['https://shop.example.com']`. Default: none: CORS is off, so a web
   * page on another origin cannot log in with the public demo passwords.
   * `rest.cors` given explicitly wins.
   */
  corsOrigins?: string[];
  /**
   * Limits of failed logins. Default: {@link DEFAULT_LOGIN_LIMITS}.
   */
  loginLimits?: Partial<LoginLimits>;
  /**
   * A PostgreSQL URL (`postgres://user:password@host:port/database`): users,
   * orders, policy rules and role assignments are then kept there, shared
   * by every instance started with the same URL. Default: none, memory
   * mode. `dataFile` is ignored when it is set.
   */
  databaseUrl?: string;
  /**
   * More options of the authorization console, laid over this example's
   * (`loginPath`, and the decision log kept in PostgreSQL when
   * `databaseUrl` is set), such as `{decisionLog: {streamRecheckMs: 1000}}`.
   * Default: none.
   */
  console?: AuthorizationConsoleOptions;
}

/**
 * A shop API guarded by `@loopback/authorization`: JWT login, and the
 * built-in role and ownership authorizers.
 */
export class AccessControlApplication extends BootMixin(
  RepositoryMixin(RestApplication),
) {
  /**
   * @param options - Application options; `rest` for the server, `jwt` and
   * `dataFile` for this example
   */
  constructor(options: AccessControlConfig = {}) {
    super(withCors(options));
    this.projectRoot = __dirname;
    // LoopBack starts a server before the observers of named groups unless
    // its binding names its group: so named, it starts last, once the demo
    // data is seeded and the authorization checks have passed
    this.getBinding(`${CoreBindings.SERVERS}.RestServer`).tag({
      [CoreTags.LIFE_CYCLE_OBSERVER_GROUP]: 'server',
    });

    this.setUpAuthentication(options);
    this.setUpAuthorization();
    this.setUpPolicies();
    if (options.databaseUrl) {
      usePostgres(this, options.databaseUrl);
    } else {
      useMemory(this, options.dataFile);
    }

    this.bind(AccessControlBindings.VIEW_COUNTER)
      .toClass(ViewCounter)
      .inScope(BindingScope.SINGLETON);
    this.add(createBindingFromClass(SecuritySchemeEnhancer));
    this.configure(RestExplorerBindings.COMPONENT).to({path: '/explorer'});
    this.component(RestExplorerComponent);
    this.setUpConsole(options);
  }

  /**
   * Mount the authorization console at `/authorization/console`, for
   * `ADMIN`: its login form posts to `POST /users/login`, its Roles page
   * reads and changes the roles where authorization reads them, explain
   * checks a user as authentication does (a deleted one gets 401), and on
   * PostgreSQL its decision log is kept in the database for a week
   */
  private setUpConsole(options: AccessControlConfig): void {
    this.configure<AuthorizationConsoleOptions>(
      AuthorizationConsoleBindings.COMPONENT,
    ).to({
      loginPath: '/users/login',
      ...options.console,
      decisionLog: {
        ...(options.databaseUrl ? {postgres: {}} : {}),
        ...options.console?.decisionLog,
      },
    });
    this.component(AuthorizationConsoleComponent);
    this.bind(AuthorizationConsoleBindings.ROLE_STORE).toClass(
      ConsoleRoleStore,
    );
    this.bind(AuthorizationConsoleBindings.USER_CHECK).toProvider(
      ConsoleUserCheckProvider,
    );
  }

  /**
   * Bind the token and password services and the middleware that
   * authenticates requests
   */
  private setUpAuthentication(options: AccessControlConfig): void {
    const {secret, ...tokenOptions} = options.jwt ?? {};
    this.bind(AccessControlBindings.JWT_SECRET).to(createSecret(secret));
    this.bind(AccessControlBindings.TOKEN_OPTIONS).to({
      ...DEFAULT_TOKEN_OPTIONS,
      ...tokenOptions,
    });
    this.bind(AccessControlBindings.TOKEN_SERVICE)
      .toClass(JwtService)
      .inScope(BindingScope.SINGLETON);
    this.bind(AccessControlBindings.PASSWORD_HASHER)
      .toClass(PasswordHasher)
      .inScope(BindingScope.SINGLETON);
    this.bind(AccessControlBindings.CREDENTIALS_SERVICE).toClass(
      CredentialsService,
    );
    this.bind(AccessControlBindings.LOGIN_LIMITS).to({
      ...DEFAULT_LOGIN_LIMITS,
      ...options.loginLimits,
    });
    this.bind(AccessControlBindings.LOGIN_RATE_LIMITER)
      .toProvider(LoginRateLimiterProvider)
      .inScope(BindingScope.SINGLETON);
    this.middleware(DatabaseUnavailableMiddlewareProvider);
    this.middleware(MalformedPathMiddlewareProvider);
    // A 503 is expected while the database is away: not a stack trace each
    this.bind(RestBindings.SequenceActions.LOG_ERROR).to(logError);
    this.middleware(JwtAuthenticationMiddlewareProvider);
  }

  /**
   * Mount the authorization component with its built-in authorizers, and
   * bind the owner resolvers and the audit of the example
   */
  private setUpAuthorization(): void {
    const binding = this.component(AuthorizationComponent);
    // Role, scope and ownership authorizers: `allowedRoles` and `ownership`
    // are enforced as declared. Its role mapper, which reads the roles of
    // the token, is removed: roles come from the role source on every
    // request (see storage.ts), so that a role change or a deleted user
    // takes effect on the next request, not when the token expires.
    this.component(BuiltinAuthorizersComponent);
    this.unbind(AuthorizationBindings.PROFILE_ROLE_MAPPER);
    this.configure<AuthorizationOptions>(binding.key).to({
      // Fail closed: a Deny ends the vote, and when every voter abstains (a
      // customer on someone else's order, say) the answer is Deny.
      precedence: AuthorizationDecision.DENY,
      defaultDecision: AuthorizationDecision.DENY,
      // A caller without a token is asked to authenticate (401 and a
      // challenge); an authenticated caller who may not gets 403.
      anonymousDenial: {wwwAuthenticate: AUTHENTICATION_REQUIRED_CHALLENGE},
      // Every route has its rule; the explorer is public on purpose. A new
      // route without @authorize stops the start.
      // In PostgreSQL mode, the health endpoint is for a load balancer too
      publicPaths: ['/explorer', '/authorization/health'],
      unprotectedRoutes: 'fail',
    });
    // The OpenAPI document gets each operation's rules, its 403 and this 401,
    // which tells a missing token from a bad one
    this.configure<AuthorizationSpecOptions>(
      AuthorizationBindings.SPEC_ENHANCER,
    ).to({unauthorizedResponse: UNAUTHORIZED_RESPONSE});
    // A singleton: the provider runs once, on the application context.
    this.bind(OwnerResolvers.USER)
      .toProvider(UserOwnerResolverProvider)
      .inScope(BindingScope.SINGLETON);
    this.bind(AccessControlBindings.AUDIT_WRITER).to(debugAuditWriter);
    this.bind(AccessControlBindings.AUDIT_LISTENER)
      .toProvider(AuditDecisionListenerProvider)
      .inScope(BindingScope.SINGLETON)
      .tag(AuthorizationTags.DECISION_LISTENER);
  }

  /**
   * Mount the policy rules: the policy voter decides the order routes, and
   * the rules are kept in the `db` datasource, next to the orders (in the
   * data file with `DATA_FILE`)
   */
  private setUpPolicies(): void {
    this.component(AuthorizationPolicyComponent);
    this.configure(AuthorizationPolicyBindings.COMPONENT).to({
      resources: [Order],
    });
    this.bind(AuthorizationPolicyBindings.DATASOURCE).toAlias(
      AccessControlBindings.DATASOURCE,
    );
  }
}

/**
 * The options with the CORS settings of `corsOrigins`: off without origins
 * @param options - The application options
 */
function withCors(options: AccessControlConfig): AccessControlConfig {
  if (options.rest?.cors !== undefined) return options;
  const origins = options.corsOrigins ?? [];
  const cors =
    origins.length === 0
      ? {origin: false}
      : {
          origin: [...origins],
          methods: ['GET', 'POST', 'PATCH', 'DELETE'],
          allowedHeaders: ['Authorization', 'Content-Type'],
          credentials: false,
          maxAge: 600,
        };
  return {...options, rest: {...options.rest, cors}};
}

/**
 * The HS256 key: the configured secret, or random bytes
 * @param secret - The configured secret, if any
 */
function createSecret(secret: string | undefined): Uint8Array {
  if (secret === undefined || secret === '') {
    debug('No JWT secret configured: generated one at random');
    return new Uint8Array(randomBytes(MIN_SECRET_BYTES));
  }
  const key = new TextEncoder().encode(secret);
  if (key.length < MIN_SECRET_BYTES) {
    throw new Error(
      `JWT_SECRET is too short: ${key.length} bytes, at least ` +
        `${MIN_SECRET_BYTES} required`,
    );
  }
  return key;
}
