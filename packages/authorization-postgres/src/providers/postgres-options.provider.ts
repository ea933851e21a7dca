// Copyright The loopback-security-monorepo authors. License: MIT.

import {config, injectable, Provider} from '@loopback/core';
import {PostgresAuthorizationBindings} from '../keys';
import {
  completePostgresAuthorizationOptions,
  PostgresAuthorizationOptions,
  ResolvedPostgresAuthorizationOptions,
} from '../postgres-authorization.options';
import {singletonUnder} from './singleton-binding';

/**
 * Provides the component's options, read from its configuration once: the
 * pool, the store and the feed are built from them when first used
 */
@injectable(singletonUnder(PostgresAuthorizationBindings.OPTIONS))
export class PostgresOptionsProvider implements Provider<ResolvedPostgresAuthorizationOptions> {
  /**
   * @param configured - The configuration of the component
   */
  constructor(
    @config({fromBinding: PostgresAuthorizationBindings.COMPONENT})
    private readonly configured?: PostgresAuthorizationOptions,
  ) {}

  /**
   * The complete options
   */
  value(): ResolvedPostgresAuthorizationOptions {
    return completePostgresAuthorizationOptions(this.configured);
  }
}
