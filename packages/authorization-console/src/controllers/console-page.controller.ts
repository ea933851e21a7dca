// Copyright The loopback-security-monorepo authors. License: MIT.

import {authorize} from '@loopback/authorization';
import {Constructor, inject} from '@loopback/core';
import {get, param, Response, RestBindings} from '@loopback/rest';
import {consoleError} from '../console-errors';
import {
  ConsoleAsset,
  ConsoleAssets,
  CONSOLE_HEADERS,
} from '../page/console-assets';
import {ResolvedConsoleOptions} from '../types';

const UNDOCUMENTED = {'x-visibility': 'undocumented', responses: {}} as const;

/**
 * The console's controller of its page and the page's files, public: the
 * page is static, the same for every caller, and shows data only once the
 * API (which requires the console's roles) answers
 * @param options - The console's options
 * @param assets - The built files
 */
export function createConsolePageController(
  options: ResolvedConsoleOptions,
  assets: ConsoleAssets,
): Constructor<unknown> {
  const base = `${options.path}/console`;

  class AuthorizationConsolePageController {
    constructor(
      @inject(RestBindings.Http.RESPONSE) private readonly response: Response,
    ) {}

    @authorize.skip()
    @get(base, UNDOCUMENTED)
    page(): Response {
      return this.send(assets.page);
    }

    @authorize.skip()
    @get(`${base}/{file}`, UNDOCUMENTED)
    file(@param.path.string('file') name: string): Response {
      const asset = assets.file(name);
      if (!asset) {
        throw consoleError(404, 'NOT_FOUND', 'No such file of the console');
      }
      return this.send(asset);
    }

    private send(asset: ConsoleAsset): Response {
      this.response
        .status(200)
        .set({...CONSOLE_HEADERS, 'Content-Type': asset.type})
        .end(asset.body);
      return this.response;
    }
  }
  return AuthorizationConsolePageController;
}
