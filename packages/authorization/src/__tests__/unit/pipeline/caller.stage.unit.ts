// Copyright The loopback-security-monorepo authors. License: MIT.

import {securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {createPrincipalFromUserProfile} from '../../../pipeline/caller.stage';

describe('createPrincipalFromUserProfile', () => {
  it('copies the profile, as a USER named after its id by default', () => {
    const user = {[securityId]: 'u1', roles: ['ADMIN']};
    const principal = createPrincipalFromUserProfile(user);
    expect(principal).to.eql({
      [securityId]: 'u1',
      roles: ['ADMIN'],
      name: 'u1',
      type: 'USER',
    });
    expect(principal).to.not.equal(user);
  });

  it('keeps an own "__proto__" field of a parsed profile as data', () => {
    const parsed = JSON.parse('{"__proto__": {"type": "ADMIN"}, "name": "x"}');
    const principal = createPrincipalFromUserProfile({
      ...parsed,
      [securityId]: 'u1',
    });
    expect(Object.getPrototypeOf(principal)).to.equal(Object.prototype);
    expect(principal.type).to.equal('USER');
    expect(
      Object.getOwnPropertyDescriptor(principal, '__proto__'),
    ).to.not.be.undefined();
  });
});
