// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Context,
  inject,
  injectable,
  LifeCycleObserver,
  lifeCycleObserver,
} from '@loopback/core';
import debugFactory from 'debug';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {authenticatedMethodsOf} from '../helpers/authentication-metadata';
import {AuthorizationBindings} from '../keys';
import {getAccessReport, RouteAccess} from './access-report';
import {routeServersOf} from './route-servers';
import {
  authorizationOptions,
  builtinAuthorizersOptions,
} from '../options/options.reader';

const debug = debugFactory('loopback:authorization:startup-checks');

/**
 * The checks authorization runs when the application starts: it lists the
 * routes that no authorization rule covers, as the `unprotectedRoutes`
 * option says (through `debug`, the default, so that nothing reaches the
 * console unless asked; a warning; an error that stops the start; or
 * nothing), and it checks the options of both components, so that a
 * malformed option or role hierarchy stops the start instead of failing the
 * first request.
 *
 * @remarks
 * A route is unprotected when its method has no `@authorize` (nor its
 * class), no `defaultMetadata` applies and its path is not in
 * `publicPaths`; a route that is not a controller method is never seen by
 * authorization, so it counts too. A route whose method `@authenticate` of
 * `@loopback/authentication` guards is listed as "authentication only": any
 * authenticated caller may call it. The options and the routes are checked
 * before the servers listen, so a failed check leaves no port open; routes
 * bound after `app.init()` are not checked, and options configured after it
 * are checked again at `start`. Options configured later, or on a server or
 * request context, are checked by the first call that reads them.
 */
@injectable()
@lifeCycleObserver('authorization')
export class StartupChecksObserver implements LifeCycleObserver {
  /**
   * @param ctx - The application context
   * @param warn - Where warnings go with `unprotectedRoutes: 'warn'`.
   * Default: `console.warn`.
   */
  constructor(
    @inject.context() private readonly ctx: Context,
    @inject(AuthorizationBindings.WARNING_WRITER, {optional: true})
    private readonly warn: (message: string) => void = console.warn,
  ) {}

  /**
   * Check the options of both components, then the routes. At `init`, which
   * `app.start()` runs for every observer before it starts any: LoopBack
   * starts the servers before the observers of named groups, so a check at
   * `start` would come after the port opened.
   */
  async init(): Promise<void> {
    const options = await this.checkOptions();
    const mode = options.unprotectedRoutes;
    if (mode === 'silent' || (mode === undefined && !debug.enabled)) return;
    // The routes and their metadata are all it needs: no rule store is read
    const open = (
      await getAccessReport(this.ctx, {describeRules: false})
    ).filter(route => route.access === 'unprotected');
    if (open.length === 0) return;
    const message = describeUnprotected(
      open,
      authenticatedMethodsOf(routeServersOf(this.ctx)),
    );
    if (mode === undefined) {
      debug('%s', message);
      return;
    }
    if (mode === 'fail') {
      throw createAuthorizationError(
        message,
        500,
        AuthorizationErrorCode.UNPROTECTED_ROUTES,
      );
    }
    this.warn(message);
  }

  /**
   * Check the options again, for those configured after `init`
   */
  async start(): Promise<void> {
    await this.checkOptions();
  }

  /**
   * Check the options of both components; throws on malformed ones
   */
  private async checkOptions() {
    const options = await authorizationOptions.read(this.ctx);
    await builtinAuthorizersOptions.read(this.ctx);
    return options;
  }
}

/**
 * Name the routes and who may call them, and say how to protect them or
 * silence the check
 * @param routes - The unprotected routes
 * @param authenticated - Whether `@authenticate` guards a controller method
 */
function describeUnprotected(
  routes: RouteAccess[],
  authenticated: (controller: string, method: string) => boolean,
): string {
  const lines = routes.map(route => {
    const {controller, method} = route;
    const where =
      controller !== undefined
        ? `${controller}.${method}`
        : 'not a controller method: authorization never sees it';
    const who =
      controller !== undefined &&
      method !== undefined &&
      authenticated(controller, method)
        ? 'authentication only, no authorization rule'
        : 'anyone may call it';
    return `  ${route.verb.toUpperCase()} ${route.path} (${where}): ${who}`;
  });
  return [
    `Authorization: ${routes.length} route(s) have no authorization rule:`,
    ...lines,
    'Decorate them with @authorize (@authorize.skip() for public ones), set ' +
      'the "defaultMetadata" option, or list public paths in "publicPaths"; ' +
      '"unprotectedRoutes" set to "fail" stops the start, "silent" hides this.',
  ].join('\n');
}
