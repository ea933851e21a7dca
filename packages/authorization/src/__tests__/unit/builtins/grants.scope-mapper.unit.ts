// Copyright The loopback-security-monorepo authors. License: MIT.

import {Context, InvocationContext} from '@loopback/core';
import {
  DefaultSubject,
  Permission,
  Principal,
  SecurityBindings,
  securityId,
} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {grantsScopeMapper} from '../../..';

function givenInvocation(subject?: DefaultSubject) {
  const ctx = new Context();
  if (subject) ctx.bind(SecurityBindings.SUBJECT).to(subject);
  return new InvocationContext(ctx, {}, 'm', []);
}

function user(fields: object): Principal {
  return {[securityId]: 'u1', type: 'USER', ...fields};
}

describe('grantsScopeMapper', () => {
  it('splits an OAuth 2.0 scope claim on spaces', async () => {
    const scopes = await grantsScopeMapper(
      [user({scope: ' orders:read  orders:write profile '})],
      givenInvocation(),
    );
    expect(scopes).to.eql(['orders:read', 'orders:write', 'profile']);
  });

  it('splits a scope claim on U+0020 only, as RFC 6749 says (review finding 10)', async () => {
    // A token that embeds a user-chosen name with an ideographic space or a
    // tab is one token, not several scopes
    const scopes = await grantsScopeMapper(
      [user({scope: 'read:doc/a\u3000admin team\tadmin'})],
      givenInvocation(),
    );
    expect(scopes).to.eql(['read:doc/a\u3000admin', 'team\tadmin']);
  });

  it('reads a scopes array', async () => {
    const scopes = await grantsScopeMapper(
      [user({scopes: ['a', 'b']})],
      givenInvocation(),
    );
    expect(scopes).to.eql(['a', 'b']);
  });

  it("reads the subject's authorities: a scope's name, else the permission id", async () => {
    const subject = new DefaultSubject();
    const named = Object.assign(new Permission(), {
      name: 'orders:read',
      resourceType: 'Order',
      action: 'read',
    });
    const plain = Object.assign(new Permission(), {
      resourceType: 'Order',
      action: 'cancel',
    });
    subject.addAuthority(named, plain);
    const scopes = await grantsScopeMapper([], givenInvocation(subject));
    expect(scopes).to.eql(['orders:read', 'Order:cancel']);
  });

  it('finds nothing for an anonymous caller', async () => {
    expect(await grantsScopeMapper([], givenInvocation())).to.eql([]);
  });

  it('rejects malformed claims', async () => {
    await expect(
      grantsScopeMapper([user({scope: ['a']})], givenInvocation()),
    ).to.be.rejectedWith(
      /Invalid "scope" of the user profile: expected a space-separated string/,
    );
    await expect(
      grantsScopeMapper([user({scopes: 'a b'})], givenInvocation()),
    ).to.be.rejectedWith(/Invalid "scopes" of the user profile/);
  });
});
