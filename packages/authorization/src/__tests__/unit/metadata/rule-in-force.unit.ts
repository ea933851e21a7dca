// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {AuthorizationMetadata} from '../../..';
import {
  RuleOptions,
  ruleInForce,
  RuleSource,
  ruleSourceOf,
} from '../../../metadata/rule-in-force';

describe('ruleInForce', () => {
  const OWN: AuthorizationMetadata = {allowedRoles: ['ADMIN']};
  const DEFAULT: AuthorizationMetadata = {allowedRoles: ['STAFF']};
  const WITH_DEFAULT: RuleOptions = {
    defaultMetadata: DEFAULT,
    publicPaths: ['/explorer'],
  };
  const WITHOUT_DEFAULT: RuleOptions = {publicPaths: ['/explorer']};

  // own rule, options, path, then where the rule comes from and the rule
  const CASES: [
    string,
    AuthorizationMetadata | undefined,
    RuleOptions,
    string | undefined,
    RuleSource,
    AuthorizationMetadata | undefined,
  ][] = [
    ['an own rule', OWN, WITH_DEFAULT, '/orders', 'decorator', OWN],
    [
      'an own rule at a public path',
      OWN,
      WITH_DEFAULT,
      '/explorer',
      'decorator',
      OWN,
    ],
    [
      'the default at a path that is not public',
      undefined,
      WITH_DEFAULT,
      '/orders',
      'defaultMetadata',
      DEFAULT,
    ],
    [
      'the default for a call that serves no route',
      undefined,
      WITH_DEFAULT,
      undefined,
      'defaultMetadata',
      DEFAULT,
    ],
    [
      'nothing at a public path, whatever the default',
      undefined,
      WITH_DEFAULT,
      '/explorer/openapi.json',
      'publicPath',
      undefined,
    ],
    [
      'nothing at a public path without a default',
      undefined,
      WITHOUT_DEFAULT,
      '/explorer',
      'publicPath',
      undefined,
    ],
    [
      'nothing without an own rule or a default',
      undefined,
      WITHOUT_DEFAULT,
      '/orders',
      'none',
      undefined,
    ],
  ];

  for (const [title, own, options, path, source, rule] of CASES) {
    it(`takes ${title}`, () => {
      expect(ruleSourceOf(own, options, path)).to.equal(source);
      expect(ruleInForce(own, options, path)).to.equal(rule);
    });
  }
});
