// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingScope, inject, injectable, Provider} from '@loopback/core';
import {RestBindings, RestServer} from '@loopback/rest';
import {ServerRoutes} from './server-routes';

/**
 * Provides the routes of the application's REST server, once
 */
@injectable({scope: BindingScope.SINGLETON})
export class ServerRoutesProvider implements Provider<ServerRoutes> {
  /**
   * @param server - The REST server
   */
  constructor(
    @inject(RestBindings.SERVER) private readonly server: RestServer,
  ) {}

  /**
   * The routes
   */
  value(): ServerRoutes {
    return new ServerRoutes(this.server);
  }
}
