// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingKey, Context} from '@loopback/core';
import {expect} from '@loopback/testlab';
import {DefaultSubject, SecurityBindings, Subject, UserProfile} from '../..';
import {givenUser} from '../fixtures/principals';

describe('SecurityBindings', () => {
  it('uses the key strings shared by LoopBack extensions', () => {
    expect(SecurityBindings.SUBJECT).to.be.instanceOf(BindingKey);
    expect(SecurityBindings.SUBJECT.key).to.equal('security.subject');
    expect(SecurityBindings.USER.key).to.equal('security.user');
  });

  it('resolves the user and the subject through a context', async () => {
    const app = new Context('app');
    const request = new Context(app, 'request');
    const user = givenUser('u1', {name: 'Ann'});
    const subject = new DefaultSubject();
    subject.addUser(user);
    request.bind(SecurityBindings.USER).to(user);
    request.bind(SecurityBindings.SUBJECT).to(subject);

    const resolvedUser: UserProfile = await request.get(SecurityBindings.USER);
    const resolvedSubject: Subject = await request.get(
      SecurityBindings.SUBJECT,
    );
    expect(resolvedUser).to.equal(user);
    expect(resolvedSubject).to.equal(subject);
    // the raw string finds the same binding, as another extension would do
    expect(await request.get('security.user')).to.equal(user);
  });

  it('leaves the user unbound for an anonymous request', async () => {
    const request = new Context('request');
    const user = await request.get(SecurityBindings.USER, {optional: true});
    expect(user).to.be.undefined();
  });
});
