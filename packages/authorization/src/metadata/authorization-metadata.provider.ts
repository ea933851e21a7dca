// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Constructor,
  Context,
  CoreBindings,
  inject,
  isPromiseLike,
  Provider,
  ValueOrPromise,
} from '@loopback/core';
import {AuthorizationMetadata} from '../contracts/metadata';
import {AuthorizationBindings} from '../keys';
import {authorizationOptions} from '../options/options.reader';
import {getAuthorizationMetadata} from './authorization-metadata';
import {ruleInForce} from './rule-in-force';

/**
 * Provides the authorization metadata in force for the controller method of
 * the current request (`AuthorizationBindings.METADATA`): the method's
 * `@authorize`, else its class's, else the `defaultMetadata` option that the
 * request's context sees unless the route is at one of the `publicPaths`, as
 * the one rule in force of the package decides it; what the interceptor
 * enforces, frozen.
 */
export class AuthorizationMetadataProvider implements Provider<
  AuthorizationMetadata | undefined
> {
  /**
   * @param ctx - The context the metadata is resolved from
   * @param controllerClass - The controller class of the request, if any
   * @param methodName - The controller method of the request, if any
   * @param route - The REST route of the request, if any: at a public path
   * no `defaultMetadata` applies
   */
  constructor(
    @inject.context() private readonly ctx: Context,
    @inject(CoreBindings.CONTROLLER_CLASS, {optional: true})
    private readonly controllerClass?: Constructor<{}>,
    @inject(CoreBindings.CONTROLLER_METHOD_NAME, {optional: true})
    private readonly methodName?: string,
    @inject(AuthorizationBindings.HTTP_ROUTE, {optional: true})
    private readonly route?: {path?: unknown},
  ) {}

  /**
   * The metadata, or `undefined` outside a controller method or when there is
   * none
   */
  value(): ValueOrPromise<AuthorizationMetadata | undefined> {
    if (!this.controllerClass || !this.methodName) return undefined;
    const own = getAuthorizationMetadata(this.controllerClass, this.methodName);
    // The options cannot change a method's own rule, and are not read for
    // it: a decorated method's metadata does not wait for them
    if (own !== undefined) return own;
    const path = this.route?.path;
    const routePath = typeof path === 'string' ? path : undefined;
    const options = authorizationOptions.read(this.ctx);
    return isPromiseLike(options)
      ? options.then(resolved => ruleInForce(own, resolved, routePath))
      : ruleInForce(own, options, routePath);
  }
}
