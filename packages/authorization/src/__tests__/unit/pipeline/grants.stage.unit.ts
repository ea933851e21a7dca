// Copyright The loopback-security-monorepo authors. License: MIT.

import {Context, InvocationContext} from '@loopback/core';
import {securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {AuthorizationTags} from '../../..';
import {RoleHierarchy} from '../../../options/role-hierarchy';
import {mapGrants} from '../../../pipeline/grants.stage';

describe('mapGrants', () => {
  const principals = [{[securityId]: 'u1', name: 'u1', type: 'USER'}];

  function givenInvocation(setup: (app: Context) => void) {
    const app = new Context('app');
    setup(app);
    return new InvocationContext(new Context(app), {}, 'm', []);
  }

  it('maps nothing, at once, without mappers', () => {
    const grants = mapGrants(
      principals,
      givenInvocation(() => {}),
    );
    expect(grants).to.eql({roles: [], scopes: []});
    expect(Object.isFrozen(grants)).to.be.true();
  });

  it('unites the names of every mapper, expanded by the hierarchy', async () => {
    const ctx = givenInvocation(app => {
      app
        .bind('roleMappers.a')
        .to(() => ['MANAGER', {[securityId]: 'X', name: 'AUDITOR'}])
        .tag(AuthorizationTags.ROLE_MAPPER);
      app
        .bind('roleMappers.b')
        .to(async () => ['MANAGER'])
        .tag(AuthorizationTags.ROLE_MAPPER);
      app
        .bind('scopeMappers.a')
        .to(() => ['read', 'read'])
        .tag(AuthorizationTags.SCOPE_MAPPER);
    });
    const hierarchy = new RoleHierarchy({MANAGER: ['USER']});
    expect(await mapGrants(principals, ctx, hierarchy)).to.eql({
      roles: ['MANAGER', 'USER', 'AUDITOR'],
      scopes: ['read'],
    });
  });

  it('rejects a mapper binding that is not a function, naming it', async () => {
    const ctx = givenInvocation(app =>
      app
        .bind('roleMappers.odd')
        .to('ADMIN')
        .tag(AuthorizationTags.ROLE_MAPPER),
    );
    await expect(mapGrants(principals, ctx)).to.be.rejectedWith(
      'Invalid mapper "roleMappers.odd": expected a function, got "ADMIN"',
    );
  });

  it('rejects a result that is not a list of names, naming the mapper', async () => {
    const ctx = givenInvocation(app =>
      app
        .bind('scopeMappers.odd')
        .to(() => 'read write')
        .tag(AuthorizationTags.SCOPE_MAPPER),
    );
    await expect(mapGrants(principals, ctx)).to.be.rejectedWith(
      /Invalid result of mapper "scopeMappers\.odd"/,
    );
  });
});
