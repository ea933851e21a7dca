// Copyright The loopback-security-monorepo authors. License: MIT.

import {Context, InvocationContext} from '@loopback/core';
import {securityId, SecurityBindings} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {
  createPrincipalFromUserProfile,
  findPrincipals,
} from '../../../pipeline/caller.stage';

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

describe('findPrincipals', () => {
  it('gives principals frozen all the way down, the profile left as it is', async () => {
    const user = {[securityId]: 'u1', roles: ['USER'], team: {name: 'a'}};
    const ctx = new Context();
    ctx.bind(SecurityBindings.USER).to(user);
    const [principal] = await findPrincipals(ctx as InvocationContext);
    expect(Object.isFrozen(principal)).to.be.true();
    expect(Object.isFrozen(principal.roles)).to.be.true();
    expect(Object.isFrozen(principal.team)).to.be.true();
    // A voter cannot add a role the next voter would see in the profile
    expect(() => principal.roles.push('ADMIN')).to.throw();
    expect(Object.isFrozen(user.roles)).to.be.false();
    expect(principal.roles).to.not.equal(user.roles);
  });
});
