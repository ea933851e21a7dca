// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Context,
  inject,
  injectable,
  LifeCycleObserver,
  lifeCycleObserver,
} from '@loopback/core';
import {
  authorizationOptions,
  builtinAuthorizersOptions,
} from '../options/options.readers';

/**
 * Checks the authorization options of the application when it starts, so
 * that a malformed option or role hierarchy stops the start instead of
 * failing the first request. Options configured later, or on a server or
 * request context, are checked by the first call that reads them.
 */
@injectable()
@lifeCycleObserver('authorization')
export class AuthorizationOptionsObserver implements LifeCycleObserver {
  /**
   * @param ctx - The application context
   */
  constructor(@inject.context() private readonly ctx: Context) {}

  /**
   * Check the options of both components; throws on malformed ones
   */
  async start(): Promise<void> {
    await authorizationOptions.read(this.ctx);
    await builtinAuthorizersOptions.read(this.ctx);
  }
}
