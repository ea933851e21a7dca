// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject, injectable, Provider} from '@loopback/core';
import debugFactory from 'debug';
import {Pool} from 'pg';
import {PostgresAuthorizationBindings} from '../keys';
import {ResolvedPostgresAuthorizationOptions} from '../postgres-authorization.options';
import {singletonUnder} from './singleton-binding';

const debug = debugFactory('loopback:authorization:postgres:pool');

/**
 * Provides the `pg` pool of the store, one per application
 */
@injectable(singletonUnder(PostgresAuthorizationBindings.POOL))
export class PostgresPoolProvider implements Provider<Pool> {
  /**
   * @param options - The component's options
   */
  constructor(
    @inject(PostgresAuthorizationBindings.OPTIONS)
    private readonly options: ResolvedPostgresAuthorizationOptions,
  ) {}

  /**
   * A new pool
   */
  value(): Pool {
    const pool = new Pool(this.options.pool);
    // An idle connection that the server drops emits an error on the pool;
    // unhandled, it would end the process. The next query reports it.
    pool.on('error', err => debug('Idle connection lost: %s', err.message));
    return pool;
  }
}
