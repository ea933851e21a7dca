// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Context,
  inject,
  injectable,
  LifeCycleObserver,
  lifeCycleObserver,
} from '@loopback/core';
import {completeBuiltinAuthorizersOptions} from '../builtin-authorizers.options';
import {AuthorizationBindings} from '../keys';
import {completeAuthorizationOptions} from '../services/component-options.service';

/**
 * Checks the authorization options when the application starts, so that a
 * malformed option or role hierarchy stops the start instead of failing the
 * first request.
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
    completeAuthorizationOptions(
      await this.ctx.getConfig(AuthorizationBindings.COMPONENT),
    );
    completeBuiltinAuthorizersOptions(
      await this.ctx.getConfig(AuthorizationBindings.BUILTIN_AUTHORIZERS),
    );
  }
}
