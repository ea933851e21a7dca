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
import {getAuthorizationMetadata} from '../decorators/authorization-metadata';
import {authorizationOptions} from '../options/options.readers';

/**
 * Provides the authorization metadata in force for the controller method of
 * the current request (`AuthorizationBindings.METADATA`): the method's
 * `@authorize`, else its class's, else the `defaultMetadata` option that the
 * request's context sees; what the interceptor enforces, frozen.
 */
export class AuthorizationMetadataProvider implements Provider<
  AuthorizationMetadata | undefined
> {
  /**
   * @param ctx - The context the metadata is resolved from
   * @param controllerClass - The controller class of the request, if any
   * @param methodName - The controller method of the request, if any
   */
  constructor(
    @inject.context() private readonly ctx: Context,
    @inject(CoreBindings.CONTROLLER_CLASS, {optional: true})
    private readonly controllerClass?: Constructor<{}>,
    @inject(CoreBindings.CONTROLLER_METHOD_NAME, {optional: true})
    private readonly methodName?: string,
  ) {}

  /**
   * The metadata, or `undefined` outside a controller method or when there is
   * none
   */
  value(): ValueOrPromise<AuthorizationMetadata | undefined> {
    if (!this.controllerClass || !this.methodName) return undefined;
    const own = getAuthorizationMetadata(this.controllerClass, this.methodName);
    if (own) return own;
    const options = authorizationOptions.read(this.ctx);
    return isPromiseLike(options)
      ? options.then(resolved => resolved.defaultMetadata)
      : options.defaultMetadata;
  }
}
