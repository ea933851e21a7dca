// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  config,
  Constructor,
  CoreBindings,
  inject,
  Provider,
} from '@loopback/core';
import {getAuthorizationMetadata} from '../decorators/authorization-metadata';
import {AuthorizationBindings} from '../keys';
import {isPublicPath} from '../routes/route-checks.options';
import {AuthorizationMetadata, AuthorizationOptions} from '../types';

/**
 * Provides the authorization metadata in force for the controller method of
 * the current request (`AuthorizationBindings.METADATA`): the method's
 * `@authorize`, else its class's, else the `defaultMetadata` option unless
 * the route is at one of the `publicPaths`.
 */
export class AuthorizationMetadataProvider implements Provider<
  AuthorizationMetadata | undefined
> {
  /**
   * @param controllerClass - The controller class of the request, if any
   * @param methodName - The controller method of the request, if any
   * @param options - The component options
   * @param route - The REST route of the request, if any: at a public path
   * no `defaultMetadata` applies
   */
  constructor(
    @inject(CoreBindings.CONTROLLER_CLASS, {optional: true})
    private readonly controllerClass?: Constructor<{}>,
    @inject(CoreBindings.CONTROLLER_METHOD_NAME, {optional: true})
    private readonly methodName?: string,
    @config({fromBinding: AuthorizationBindings.COMPONENT, optional: true})
    private readonly options: AuthorizationOptions = {},
    @inject(AuthorizationBindings.HTTP_ROUTE, {optional: true})
    private readonly route?: {path?: unknown},
  ) {}

  /**
   * The metadata, or `undefined` outside a controller method or when there is
   * none
   */
  value(): AuthorizationMetadata | undefined {
    if (!this.controllerClass || !this.methodName) return undefined;
    const own = getAuthorizationMetadata(this.controllerClass, this.methodName);
    if (own) return own;
    const path = this.route?.path;
    if (
      typeof path === 'string' &&
      isPublicPath(path, this.options.publicPaths)
    ) {
      return undefined;
    }
    return this.options.defaultMetadata;
  }
}
