// Copyright The loopback-security-monorepo authors. License: MIT.

import type {DecisionListener} from '@loopback/authorization';
import {BindingKey, CoreBindings} from '@loopback/core';
import type {AuthorizationConsoleComponent} from './authorization-console.component';
import type {AccessMatrixService} from './matrix/access-matrix.service';
import type {DecisionExplainer} from './explain/decision-explainer.service';
import type {DecisionLog} from './log/decision-log';
import type {PostgresDecisionStore} from './log/postgres-decision.store';
import type {ServerRoutes} from './routes/server-routes';
import type {
  ConsolePolicyStore,
  DecisionLogPool,
  ProfileFactory,
  UserCheck,
  ResolvedConsoleOptions,
  RoleStore,
} from './types';

/**
 * Binding keys of the authorization console
 */
export namespace AuthorizationConsoleBindings {
  /**
   * The key `app.component(AuthorizationConsoleComponent)` binds the
   * component under; configure the console at this key
   */
  export const COMPONENT = BindingKey.create<AuthorizationConsoleComponent>(
    `${CoreBindings.COMPONENTS}.AuthorizationConsoleComponent`,
  );

  /**
   * The console's options, laid over the defaults and checked
   */
  export const OPTIONS = BindingKey.create<ResolvedConsoleOptions>(
    'authorization.console.options',
  );

  /**
   * The in-memory decision log
   */
  export const DECISION_LOG = BindingKey.create<DecisionLog>(
    'authorization.console.decisionLog',
  );

  /**
   * The decision listener that feeds the log, tagged
   * `AuthorizationTags.DECISION_LISTENER`
   */
  export const DECISION_LISTENER = BindingKey.create<DecisionListener>(
    'authorization.console.decisionListener',
  );

  /**
   * The routes of the REST server, as authorization sees them
   */
  export const ROUTES = BindingKey.create<ServerRoutes>(
    'authorization.console.routes',
  );

  /**
   * The decisions kept in PostgreSQL, when the `decisionLog.postgres`
   * option is set
   */
  export const DECISION_STORE = BindingKey.create<PostgresDecisionStore>(
    'authorization.console.decisionStore',
  );

  /**
   * The service that explains a decision without making the call
   */
  export const EXPLAINER = BindingKey.create<DecisionExplainer>(
    'authorization.console.explainer',
  );

  /**
   * The service that builds the access matrix
   */
  export const MATRIX = BindingKey.create<AccessMatrixService>(
    'authorization.console.matrix',
  );

  /**
   * Optional: where the users and their roles are kept, for the Roles page.
   * Bind one to list users (and to edit their roles when it can).
   */
  export const ROLE_STORE = BindingKey.create<RoleStore>(
    'authorization.console.roleStore',
  );

  /**
   * Optional: builds the user profile of a subject to explain, as
   * authentication would build it for a request of that user. Default: a
   * profile with the id only (`{[securityId]: id, id}`).
   */
  export const PROFILE_FACTORY = BindingKey.create<ProfileFactory>(
    'authorization.console.profileFactory',
  );

  /**
   * Optional: the check authentication makes of a user before binding it
   * (deleted, disabled, revoked), run on the profile of a user to explain:
   * what it throws (a 401, say) is what the explanation answers. Default:
   * none, every user is let in.
   */
  export const USER_CHECK = BindingKey.create<UserCheck>(
    'authorization.console.userCheck',
  );
}

/**
 * Keys of other packages the console reads when they are bound. They are
 * spelled out, with the value type the console needs, so that the console
 * runs without those packages installed (they are optional peers).
 */
export namespace ConsolePeerBindings {
  /**
   * `AuthorizationPolicyBindings.STORE` of `@loopback/authorization-policy`
   */
  export const POLICY_STORE = BindingKey.create<ConsolePolicyStore>(
    'authorization.policy.store',
  );

  /**
   * `PostgresAuthorizationBindings.POOL` of
   * `@loopback/authorization-postgres`
   */
  export const POSTGRES_POOL = BindingKey.create<DecisionLogPool>(
    'authorization.postgres.pool',
  );

  /**
   * `PostgresAuthorizationBindings.OPTIONS` of
   * `@loopback/authorization-postgres`, for its schema name
   */
  export const POSTGRES_OPTIONS = BindingKey.create<{schema: string}>(
    'authorization.postgres.options',
  );
}
