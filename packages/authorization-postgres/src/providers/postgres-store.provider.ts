// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject, injectable, Provider} from '@loopback/core';
import type {Pool} from 'pg';
import {PostgresAuthorizationBindings} from '../keys';
import {PostgresAuthorizationStore} from '../stores/postgres-authorization.store';
import {ResolvedPostgresAuthorizationOptions} from '../postgres-authorization.options';
import {singletonUnder} from './singleton-binding';

/**
 * Provides the store of rules and role assignments, one per application
 */
@injectable(singletonUnder(PostgresAuthorizationBindings.STORE))
export class PostgresStoreProvider implements Provider<PostgresAuthorizationStore> {
  /**
   * @param pool - The pool
   * @param options - The component's options
   */
  constructor(
    @inject(PostgresAuthorizationBindings.POOL) private readonly pool: Pool,
    @inject(PostgresAuthorizationBindings.OPTIONS)
    private readonly options: ResolvedPostgresAuthorizationOptions,
  ) {}

  /**
   * The store
   */
  value(): PostgresAuthorizationStore {
    return new PostgresAuthorizationStore(this.pool, this.options.schema);
  }
}
