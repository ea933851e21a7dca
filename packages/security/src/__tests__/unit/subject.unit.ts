// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {ClientApplication, Credential, DefaultSubject, securityId} from '../..';
import {givenPermission} from '../fixtures/permissions';
import {givenUser} from '../fixtures/principals';

describe('DefaultSubject', () => {
  const ann = givenUser('ann', {name: 'Ann'});
  const bob = givenUser('bob', {name: 'Bob'});
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
