// Copyright The loopback-security-monorepo authors. License: MIT.

import {securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {
  ANONYMOUS_CALLER,
  callerFromAuthorizationContext,
  callerFromUserProfile,
} from '../..';

describe('the caller', () => {
  it('is anonymous without a user', () => {
    expect(callerFromUserProfile(undefined)).to.equal(ANONYMOUS_CALLER);
    expect(
      callerFromAuthorizationContext({principals: [], roles: []}),
    ).to.equal(ANONYMOUS_CALLER);
  });

  it('takes the id, the string roles and a frozen copy of the profile', () => {
    const profile = {
      [securityId]: 'alice',
      id: 'alice',
      tenantId: 't1',
      roles: ['CUSTOMER', 7, null, 'ADMIN'],
    };
    const caller = callerFromUserProfile(profile);
    expect(caller).to.containDeep({
      id: 'alice',
      roles: ['CUSTOMER', 'ADMIN'],
      attributes: {id: 'alice', tenantId: 't1'},
    });
    profile.tenantId = 't2';
    expect(caller.attributes.tenantId).to.equal('t1');
    expect(Object.isFrozen(caller)).to.be.true();
    expect(Object.isFrozen(caller.roles)).to.be.true();
    expect(Object.isFrozen(caller.attributes)).to.be.true();
  });

  it('takes a finite number as id as its decimal string, as the voters do', () => {
    const caller = callerFromUserProfile({
      [securityId]: 42 as unknown as string,
      roles: ['CUSTOMER'],
    });
    expect(caller.id).to.equal('42');
    expect(caller.roles).to.deepEqual(['CUSTOMER']);
  });

  it('fails with 500 for a profile without a usable id, never anonymous', () => {
    for (const id of ['', undefined, null, NaN, Infinity, {}, ['7']]) {
      expect(() =>
        callerFromUserProfile({
          [securityId]: id as string,
          roles: ['ADMIN'],
        }),
      ).to.throw({statusCode: 500, code: 'INVALID_USER_PROFILE'});
    }
  });

  it('reads the roles the role mappers found in an authorization context', () => {
    const caller = callerFromAuthorizationContext({
      principals: [{[securityId]: 'bob', id: 'bob', roles: ['IGNORED']}],
      roles: [{[securityId]: 'MANAGER', name: 'MANAGER'}],
    });
    expect(caller.id).to.equal('bob');
    expect(caller.roles).to.deepEqual(['MANAGER']);
  });
});
