// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {RoleHierarchy} from '../../../options/role-hierarchy';

describe('RoleHierarchy', () => {
  it('expands a role with the roles it includes, two levels deep', () => {
    const hierarchy = new RoleHierarchy({
      ADMIN: ['MANAGER'],
      MANAGER: ['USER'],
    });
    expect(hierarchy.expand(['ADMIN'])).to.eql(['ADMIN', 'MANAGER', 'USER']);
    expect(hierarchy.expand(['MANAGER'])).to.eql(['MANAGER', 'USER']);
    expect(hierarchy.expand(['USER'])).to.eql(['USER']);
  });

  it('keeps roles it does not know and removes duplicates', () => {
    const hierarchy = new RoleHierarchy({ADMIN: ['USER']});
    expect(hierarchy.expand(['GUEST', 'ADMIN', 'USER'])).to.eql([
      'GUEST',
      'ADMIN',
      'USER',
    ]);
  });

  it('follows a diamond once', () => {
    const hierarchy = new RoleHierarchy({
      OWNER: ['EDITOR', 'BILLING'],
      EDITOR: ['VIEWER'],
      BILLING: ['VIEWER'],
    });
    expect(hierarchy.expand(['OWNER'])).to.eql([
      'OWNER',
      'EDITOR',
      'VIEWER',
      'BILLING',
    ]);
  });

  const INVALID: [string, unknown, RegExp][] = [
    ['a cycle', {A: ['B'], B: ['C'], C: ['A']}, /cycle A -> B -> C -> A/],
    ['a role that includes itself', {A: ['A']}, /cycle A -> A/],
    [
      'a string instead of a list',
      {ADMIN: 'USER'},
      /"ADMIN" must include an array of non-empty role names, got "USER"/,
    ],
    ['a list with a number', {ADMIN: [1]}, /"ADMIN" must include an array/],
    ['an array', [['ADMIN', 'USER']], /expected an object of role names/],
    ['a string', 'ADMIN>USER', /expected an object of role names/],
  ];
  for (const [what, spec, message] of INVALID) {
    it(`rejects ${what} when it is created`, () => {
      expect(() => new RoleHierarchy(spec)).to.throw(message);
      expect(() => new RoleHierarchy(spec)).to.throw(/Invalid role hierarchy/);
    });
  }
});
