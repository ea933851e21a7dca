// Copyright The loopback-security-monorepo authors. License: MIT.

import {Context, InvocationContext} from '@loopback/core';
import {Principal, securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {MAX_ROLES_PER_PRINCIPAL, profileRoleMapper} from '../../..';

const invocation = new InvocationContext(new Context(), {}, 'm', []);

function user(fields: object): Principal {
  return {[securityId]: 'u1', type: 'USER', ...fields};
}

describe('profileRoleMapper', () => {
  it('reads `roles` and `role` of user principals', () => {
    expect(
      profileRoleMapper(
        [user({roles: ['ADMIN', 'USER'], role: 'AUDITOR'})],
        invocation,
      ),
    ).to.eql(['ADMIN', 'USER', 'AUDITOR']);
  });

  it('finds no roles without a user or without role fields', () => {
    expect(profileRoleMapper([], invocation)).to.eql([]);
    expect(profileRoleMapper([user({})], invocation)).to.eql([]);
  });

  it('ignores principals that are not users', () => {
    const app = {[securityId]: 'a', type: 'APPLICATION', roles: ['ADMIN']};
    expect(profileRoleMapper([app], invocation)).to.eql([]);
  });

  it('rejects roles given as a string, naming the user', () => {
    expect(() =>
      profileRoleMapper([user({roles: 'ADMIN'})], invocation),
    ).to.throw(
      'Invalid "roles" of user u1: expected an array of role names, got "ADMIN"',
    );
  });

  it('rejects a role that is not a string', () => {
    expect(() => profileRoleMapper([user({role: 42})], invocation)).to.throw(
      /Invalid "role" of user u1: expected role names, got number 42/,
    );
    expect(() =>
      profileRoleMapper([user({roles: ['A', {name: 'B'}]})], invocation),
    ).to.throw(/expected role names, got object/);
  });

  it('rejects a huge role list instead of working through it', () => {
    const roles = Array.from(
      {length: MAX_ROLES_PER_PRINCIPAL + 1},
      (_, i) => `R${i}`,
    );
    expect(() => profileRoleMapper([user({roles})], invocation)).to.throw(
      /1001 roles, more than the 1000 allowed/,
    );
  });
});
