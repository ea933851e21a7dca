// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {
  ClientApplication,
  Credential,
  DefaultSubject,
  Permission,
  Role,
  Scope,
  securityId,
  TypedPrincipal,
  UserProfile,
} from '../..';

function givenPermission(fields: Partial<Permission>): Permission {
  return Object.assign(new Permission(), fields);
}

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
    const user: UserProfile = {[securityId]: 'u1', email: 'a@example.com'};
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

describe('Permission', () => {
  it('formats a resource-level permission as TYPE:ACTION', () => {
    const p = givenPermission({resourceType: 'Order', action: 'create'});
    expect(p[securityId]).to.equal('Order:create');
  });

  it('formats an instance-level permission as TYPE:ACTION:ID', () => {
    const p = givenPermission({
      resourceType: 'Order',
      action: 'cancel',
      resourceId: 'order-0001',
    });
    expect(p[securityId]).to.equal('Order:cancel:order-0001');
  });

  it('formats a property-level permission as TYPE.PROPERTY:ACTION', () => {
    const p = givenPermission({
      resourceType: 'User',
      resourceProperty: 'email',
      action: 'read',
    });
    expect(p[securityId]).to.equal('User.email:read');
  });

  it('formats a property of one instance as TYPE.PROPERTY:ACTION:ID', () => {
    const p = givenPermission({
      resourceType: 'User',
      resourceProperty: 'email',
      action: 'update',
      resourceId: 'user-0001',
    });
    expect(p[securityId]).to.equal('User.email:update:user-0001');
  });

  it('keeps extra attributes', () => {
    const p = givenPermission({resourceType: 'Order', action: 'read'});
    p.note = 'granted by admin';
    expect(p.note).to.equal('granted by admin');
  });

  it('serves as the base of a Scope', () => {
    const scope: Scope = Object.assign(new Permission(), {
      name: 'orders:read',
      resourceType: 'Order',
      action: 'read',
    });
    expect(scope.name).to.equal('orders:read');
    expect(scope[securityId]).to.equal('Order:read');
  });
});

describe('Role', () => {
  it('is a principal with a name', () => {
    const role: Role = {[securityId]: 'role-admin', name: 'ADMIN'};
    expect(role.name).to.equal('ADMIN');
    expect(role[securityId]).to.equal('role-admin');
  });
});

describe('DefaultSubject', () => {
  const ann: UserProfile = {[securityId]: 'ann', name: 'Ann'};
  const bob: UserProfile = {[securityId]: 'bob', name: 'Bob'};
  const shop: ClientApplication = {[securityId]: 'shop-web'};

  it('starts empty and anonymous', () => {
    const subject = new DefaultSubject();
    expect(subject.principals.size).to.equal(0);
    expect(subject.authorities.size).to.equal(0);
    expect(subject.credentials.size).to.equal(0);
    expect(subject.user).to.be.undefined();
    expect(subject.getPrincipal('USER')).to.be.undefined();
  });

  it('adds several users as USER principals, in order', () => {
    const subject = new DefaultSubject();
    subject.addUser(ann, bob);
    const ids = [...subject.principals].map(p => p[securityId]);
    expect(ids).to.eql(['USER:ann', 'USER:bob']);
    expect([...subject.principals].every(p => p.type === 'USER')).to.be.true();
  });

  it('returns the first user from the `user` getter', () => {
    const subject = new DefaultSubject();
    subject.addUser(ann);
    subject.addUser(bob);
    expect(subject.user).to.equal(ann);
  });

  it('adds an application as an APPLICATION principal', () => {
    const subject = new DefaultSubject();
    subject.addApplication(shop);
    expect(subject.getPrincipal('APPLICATION')).to.equal(shop);
    expect(subject.user).to.be.undefined();
    expect([...subject.principals][0][securityId]).to.equal(
      'APPLICATION:shop-web',
    );
  });

  it('finds principals by type among mixed ones', () => {
    const subject = new DefaultSubject();
    subject.addApplication(shop);
    subject.addUser(bob);
    expect(subject.getPrincipal('USER')).to.equal(bob);
    expect(subject.getPrincipal('APPLICATION')).to.equal(shop);
    expect(subject.getPrincipal('DEVICE')).to.be.undefined();
  });

  it('adds authorities and credentials, keeping each object once', () => {
    const subject = new DefaultSubject();
    const read = givenPermission({resourceType: 'Order', action: 'read'});
    const write = givenPermission({resourceType: 'Order', action: 'write'});
    const password: Credential = {type: 'password', value: 'secret'};
    subject.addAuthority(read, write);
    subject.addAuthority(read);
    subject.addCredential(password);
    subject.addCredential(password);
    expect([...subject.authorities]).to.eql([read, write]);
    expect([...subject.credentials]).to.eql([password]);
  });

  it('keeps a principal per add, since each wraps the profile anew', () => {
    const subject = new DefaultSubject();
    subject.addUser(ann);
    subject.addUser(ann);
    expect(subject.principals.size).to.equal(2);
    expect(subject.user).to.equal(ann);
  });

  it('has sets that cannot be replaced', () => {
    const subject = new DefaultSubject();
    const principals = subject.principals;
    subject.addUser(ann);
    expect(subject.principals).to.equal(principals);
  });
});
