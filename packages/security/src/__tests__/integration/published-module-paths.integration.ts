// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import * as security from '../..';
import {readModuleExports} from '@loopback/authorization-test-fixtures';
import {PUBLISHED_SECURITY_MODULES} from '../fixtures/published-modules';

const PACKAGE_DIR = join(__dirname, '../../..');

describe('module paths of the published @loopback/security 0.12', () => {
  const published = PUBLISHED_SECURITY_MODULES;
  const paths = Object.keys(published);
  let ours: ReturnType<typeof readModuleExports>;

  before(() => {
    ours = readModuleExports(PACKAGE_DIR, paths);
  });

  for (const path of paths) {
    it(`resolves @loopback/security/${path}`, () => {
      expect(existsSync(join(PACKAGE_DIR, `${path}.js`))).to.be.true();
      expect(existsSync(join(PACKAGE_DIR, `${path}.d.ts`))).to.be.true();
    });

    it(`exports the published values of ${path}, the package's own`, () => {
      expect(ours[path].values).to.containDeep(published[path].values);
      const module = require(join(PACKAGE_DIR, path));
      for (const name of published[path].values) {
        expect(module[name]).to.equal(
          (security as Record<string, unknown>)[name],
        );
      }
    });

    it(`declares the published names of ${path} to TypeScript`, () => {
      expect(ours[path].declarations).to.containDeep(
        published[path].declarations,
      );
    });
  }
});
