// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {
  ClientApplication,
  Role,
  securityId,
  TypedPrincipal,
  UserProfile,
} from '../..';
import {givenUser} from '../fixtures/principals';

describe('securityId', () => {
  it('is a symbol that no other symbol equals', () => {
    expect(typeof securityId).to.equal('symbol');
    expect(securityId).to.not.equal(Symbol('securityId'));
    expect(securityId.description).to.equal('securityId');
  });

  it('keys principals without colliding with an `id` attribute', () => {
    const user: UserProfile = {[securityId]: 'u1', id: 42, name: 'Ann'};
    expect(user[securityId]).to.equal('u1');
    expect(user.id).to.equal(42);
    expect(Object.keys(user)).to.eql(['id', 'name']);
  });
});

describe('TypedPrincipal', () => {
  it('exposes the principal and the type it was given', () => {
    const user = givenUser('u1', {email: 'a@example.com'});
    const typed = new TypedPrincipal(user, 'USER');
    expect(typed.principal).to.equal(user);
    expect(typed.type).to.equal('USER');
  });

  it('qualifies the id with the type as TYPE:ID', () => {
    const user = new TypedPrincipal({[securityId]: 'u1'}, 'USER');
    const app = new TypedPrincipal({[securityId]: 'u1'}, 'APPLICATION');
    expect(user[securityId]).to.equal('USER:u1');
    expect(app[securityId]).to.equal('APPLICATION:u1');
  });

  it('follows a change of the principal id', () => {
    const principal: ClientApplication = {[securityId]: 'a1'};
    const typed = new TypedPrincipal(principal, 'APPLICATION');
    principal[securityId] = 'a2';
    expect(typed[securityId]).to.equal('APPLICATION:a2');
  });
});

describe('Role', () => {
  it('is a principal with a name', () => {
    const role: Role = {[securityId]: 'role-admin', name: 'ADMIN'};
    expect(role.name).to.equal('ADMIN');
    expect(role[securityId]).to.equal('role-admin');
  });
});
