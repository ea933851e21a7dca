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
import {AuthorizationMetadata, AuthorizationOptions} from '../types';

/**
 * Provides the authorization metadata in force for the controller method of
 * the current request (`AuthorizationBindings.METADATA`): the method's
 * `@authorize`, else its class's, else the `defaultMetadata` option.
 */
export class AuthorizationMetadataProvider implements Provider<
  AuthorizationMetadata | undefined
> {
  /**
   * @param controllerClass - The controller class of the request, if any
   * @param methodName - The controller method of the request, if any
   * @param options - The component options
   */
  constructor(
    @inject(CoreBindings.CONTROLLER_CLASS, {optional: true})
    private readonly controllerClass?: Constructor<{}>,
    @inject(CoreBindings.CONTROLLER_METHOD_NAME, {optional: true})
    private readonly methodName?: string,
    @config({fromBinding: AuthorizationBindings.COMPONENT, optional: true})
    private readonly options: AuthorizationOptions = {},
  ) {}

  /**
   * The metadata, or `undefined` outside a controller method or when there is
   * none
   */
  value(): AuthorizationMetadata | undefined {
    if (!this.controllerClass || !this.methodName) return undefined;
    return (
      getAuthorizationMetadata(this.controllerClass, this.methodName) ??
      this.options.defaultMetadata
    );
  }
}
