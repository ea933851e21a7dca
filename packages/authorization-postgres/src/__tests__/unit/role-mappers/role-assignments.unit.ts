// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {securityId} from '@loopback/security';
import {
  createPostgresRoleMapper,
  RoleAssignments,
  StoreSnapshot,
} from '../../..';
import {rolesChange} from '../../fixtures/store.fixtures';

function snapshot(...roleAssignments: StoreSnapshot['roleAssignments']) {
  return {revision: 1, rules: [], roleAssignments, revocations: []};
}

describe('RoleAssignments', () => {
  it('gives the roles for every tenant, plus those of the tenant', () => {
    const roles = new RoleAssignments();
    roles.load(
      snapshot(
        {principal: 'ann', tenant: '', roles: ['USER', 'AUDITOR']},
        {principal: 'ann', tenant: 't1', roles: ['ADMIN', 'USER']},
      ),
    );
    expect(roles.rolesOf('ann')).to.deepEqual(['USER', 'AUDITOR']);
    expect(roles.rolesOf('ann', 't1')).to.deepEqual([
      'USER',
      'AUDITOR',
      'ADMIN',
    ]);
    expect(roles.rolesOf('ann', 't2')).to.deepEqual(['USER', 'AUDITOR']);
    expect(roles.rolesOf('bob')).to.deepEqual([]);
  });

  it('applies a change to one entry and removes emptied ones', () => {
    const roles = new RoleAssignments();
    roles.load(snapshot({principal: 'ann', tenant: '', roles: ['USER']}));
    roles.apply(rolesChange(2, 'ann', 't1', ['ADMIN']));
    roles.apply(rolesChange(3, 'ann', '', []));
    roles.apply({revision: 4, kind: 'rule', op: 'remove', id: 'r1'});
    expect(roles.entries()).to.deepEqual([
      {principal: 'ann', tenant: 't1', roles: ['ADMIN']},
    ]);
    roles.apply(rolesChange(5, 'ann', 't1', []));
    expect(roles.entries()).to.deepEqual([]);
  });

  it('replaces everything on a new load', () => {
    const roles = new RoleAssignments();
    roles.load(snapshot({principal: 'ann', tenant: '', roles: ['USER']}));
    roles.load(snapshot({principal: 'bob', tenant: '', roles: ['USER']}));
    expect(roles.rolesOf('ann')).to.deepEqual([]);
    expect(roles.rolesOf('bob')).to.deepEqual(['USER']);
  });

  it('returns a copy that the caller cannot use to change the roles', () => {
    const roles = new RoleAssignments();
    roles.load(snapshot({principal: 'ann', tenant: '', roles: ['USER']}));
    roles.rolesOf('ann').push('ADMIN');
    expect(roles.rolesOf('ann')).to.deepEqual(['USER']);
  });
});

describe('createPostgresRoleMapper', () => {
  const fresh = {checkFresh: () => {}};
  const roles = new RoleAssignments();
  roles.load(
    snapshot(
      {principal: 'ann', tenant: '', roles: ['USER']},
      {principal: 'ann', tenant: 't1', roles: ['ADMIN']},
      {principal: 'app', tenant: '', roles: ['ADMIN']},
    ),
  );

  it('maps user principals, with the tenant of the profile field', async () => {
    const map = createPostgresRoleMapper(fresh, roles, 'org');
    const ann = {[securityId]: 'ann', type: 'USER'};
    expect(await map([ann], undefined as never)).to.deepEqual(['USER']);
    expect(await map([{...ann, org: 't1'}], undefined as never)).to.deepEqual([
      'USER',
      'ADMIN',
    ]);
    // A tenant that is not a string is no tenant, not a match of anything
    expect(await map([{...ann, org: ['t1']}], undefined as never)).to.deepEqual(
      ['USER'],
    );
  });

  it('ignores principals that are not users', async () => {
    const map = createPostgresRoleMapper(fresh, roles);
    const app = {[securityId]: 'app', type: 'APPLICATION'};
    expect(await map([app], undefined as never)).to.deepEqual([]);
  });

  it('throws what the freshness check throws, before mapping', () => {
    const stale = {
      checkFresh: () => {
        throw new Error('stale');
      },
    };
    const map = createPostgresRoleMapper(stale, roles);
    expect(() => map([], undefined as never)).to.throw('stale');
  });
});
