// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  listModulePaths,
  ModuleExports,
  readModuleExports,
} from '@loopback/authorization-test-fixtures';
import {securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {dirname, join} from 'node:path';
import * as authorization from '../..';

const OURS = join(__dirname, '../../..');
// The published package, installed for the tests under another name
const PUBLISHED = dirname(
  require.resolve('@loopback/authorization-published/package.json'),
);

describe('module paths of the published @loopback/authorization 0.16', () => {
  // Every dist/ module of the published tarball: applications and tests
  // import some of them directly (dist/util, dist/decorators/authorize)
  const paths = listModulePaths(PUBLISHED);
  let published: Record<string, ModuleExports>;
  let ours: Record<string, ModuleExports>;

  before(() => {
    published = readModuleExports(PUBLISHED, paths);
    ours = readModuleExports(OURS, paths);
  });

  it('finds the modules of the published package', () => {
    expect(paths).to.containDeep([
      'dist/index',
      'dist/util',
      'dist/decorators/authorize',
    ]);
  });

  for (const path of paths) {
    it(`exports the published values of ${path}, the package's own`, () => {
      expect(ours[path].values).to.containDeep(published[path].values);
      const module = require(join(OURS, path));
      const index = authorization as Record<string, unknown>;
      for (const name of published[path].values) {
        if (name in index) expect(module[name]).to.equal(index[name]);
      }
    });

    it(`declares the published names of ${path} to TypeScript`, () => {
      expect(ours[path].declarations).to.containDeep(
        published[path].declarations,
      );
    });
  }

  it('turns a profile into a principal through dist/util, as published', () => {
    const util = require(join(OURS, 'dist/util'));
    const principal = util.createPrincipalFromUserProfile({
      [securityId]: 'u1',
      email: 'ann@example.com',
    });
    expect(principal).to.containDeep({
      [securityId]: 'u1',
      type: 'USER',
      name: 'u1',
      email: 'ann@example.com',
    });
  });
});
