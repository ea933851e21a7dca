// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {
  checkRouteOptions,
  isPublicPath,
  RouteCheckOptions,
} from '../../../options/route-checks.options';

describe('isPublicPath', () => {
  const PUBLIC = ['/explorer', '/health/'];

  it('covers the path itself and every path below it', () => {
    for (const path of [
      '/explorer',
      '/explorer/',
      '/explorer/openapi.json',
      '/health',
      '/health/live',
    ]) {
      expect(isPublicPath(path, PUBLIC)).to.be.true();
    }
  });

  it('does not cover a path that only starts with the same letters', () => {
    for (const path of ['/explorers', '/explorer-admin', '/healthy', '/']) {
      expect(isPublicPath(path, PUBLIC)).to.be.false();
    }
  });

  it('covers nothing without public paths', () => {
    expect(isPublicPath('/explorer', undefined)).to.be.false();
    expect(isPublicPath('/explorer', [])).to.be.false();
  });
});

describe('checkRouteOptions', () => {
  const fail = (what: string) => new Error(what);

  it('copies and freezes publicPaths, so a later change of the array is not seen', () => {
    const publicPaths = ['/explorer'];
    const options: RouteCheckOptions = {publicPaths};
    checkRouteOptions(options, fail);
    publicPaths.push('/orders');
    expect(options.publicPaths).to.eql(['/explorer']);
    expect(Object.isFrozen(options.publicPaths)).to.be.true();
  });

  it('names the malformed entry', () => {
    expect(() =>
      checkRouteOptions({publicPaths: ['/ok', 42 as unknown as string]}, fail),
    ).to.throw(
      '"publicPaths[1]" must be a path starting with "/", got number 42',
    );
    expect(() =>
      checkRouteOptions(
        {publicPaths: '/explorer' as unknown as string[]},
        fail,
      ),
    ).to.throw('"publicPaths" must be an array of paths, got "/explorer"');
  });

  it('refuses "/" and "//", which would make every route public', () => {
    for (const root of ['/', '//']) {
      expect(() =>
        checkRouteOptions({publicPaths: ['/explorer', root]}, fail),
      ).to.throw(/"publicPaths\[1\]" must name a path below "\/"/);
    }
  });
});
