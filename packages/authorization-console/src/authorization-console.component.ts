// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationTags} from '@loopback/authorization';
import {
  Application,
  Binding,
  BindingScope,
  Component,
  config,
  Constructor,
  ContextTags,
  CoreBindings,
  createBindingFromClass,
  inject,
  injectable,
  LifeCycleObserver,
} from '@loopback/core';
import {resolveConsoleOptions} from './console-options';
import {createConsoleAdminController} from './controllers/console-admin.controller';
import {createConsoleApiController} from './controllers/console-api.controller';
import {createConsolePageController} from './controllers/console-page.controller';
import {createDecisionLogController} from './controllers/decision-log.controller';
import {DecisionExplainer} from './explain/decision-explainer.service';
import {AuthorizationConsoleBindings} from './keys';
import {DecisionLog} from './log/decision-log';
import {PostgresDecisionStore} from './log/postgres-decision.store';
import {AccessMatrixService} from './matrix/access-matrix.service';
import {ConsoleStartupObserver} from './observers/console-startup.observer';
import {ConsoleAssets} from './page/console-assets';
import {ServerRoutesProvider} from './routes/server-routes.provider';

/**
 * The authorization console: mount it next to `AuthorizationComponent` to
 * serve the explain API, the decision log and its stream, the access
 * matrix and the console's page under the configured path (default
 * `/authorization`). Configure it at `AuthorizationConsoleBindings.COMPONENT`.
 */
@injectable({tags: {[ContextTags.KEY]: AuthorizationConsoleBindings.COMPONENT}})
export class AuthorizationConsoleComponent implements Component {
  /**
   * The bindings the component adds
   */
  bindings: Binding[];
  /**
   * The controllers of the page and the API
   */
  controllers: Constructor<unknown>[];
  /**
   * The start-up check: no start without the authorization interceptor
   */
  lifeCycleObservers: Constructor<LifeCycleObserver>[] = [
    ConsoleStartupObserver,
  ];

  /**
   * @param app - The application, whose stop ends the log's streams
   * @param configured - The options, checked here: a malformed one stops the
   * start
   */
  constructor(
    @inject(CoreBindings.APPLICATION_INSTANCE) app: Application,
    @config() configured: unknown = {},
  ) {
    const options = resolveConsoleOptions(configured);
    const log = new DecisionLog(options.capacity);
    // Before any server stops: an open stream would hold it open, and so
    // would one asked for while it stops. A start after a stop opens it.
    app.on('stateChanged', ({to}: {to: string}) => {
      if (to === 'stopping') log.close();
      else if (to === 'starting') log.open();
    });
    this.bindings = [
      Binding.bind(AuthorizationConsoleBindings.OPTIONS).to(options),
      Binding.bind(AuthorizationConsoleBindings.DECISION_LOG).to(log),
      // A constant: the pipeline reads it without resolving anything
      Binding.bind(AuthorizationConsoleBindings.DECISION_LISTENER)
        .to(log.listener)
        .tag(AuthorizationTags.DECISION_LISTENER),
      createBindingFromClass(ServerRoutesProvider, {
        key: AuthorizationConsoleBindings.ROUTES,
      }),
      createBindingFromClass(DecisionExplainer, {
        key: AuthorizationConsoleBindings.EXPLAINER,
      }).inScope(BindingScope.SINGLETON),
      createBindingFromClass(AccessMatrixService, {
        key: AuthorizationConsoleBindings.MATRIX,
      }).inScope(BindingScope.SINGLETON),
    ];
    if (options.postgres) {
      this.bindings.push(
        createBindingFromClass(PostgresDecisionStore, {
          key: AuthorizationConsoleBindings.DECISION_STORE,
        }),
      );
    }
    const assets = new ConsoleAssets(options.path, options.loginPath);
    this.controllers = [
      createConsolePageController(options, assets),
      createConsoleApiController(options),
      createDecisionLogController(options),
      createConsoleAdminController(options),
    ];
  }
}
