// Copyright The loopback-security-monorepo authors. License: MIT.

import {Context, InvocationContext} from '@loopback/core';
import {securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {
  AuthorizationBindings,
  AuthorizationContext,
  AuthorizationMetadata,
  Authorizer,
  BuiltinAuthorizersOptions,
  scopeAuthorizer,
} from '../../..';
import {ALLOW, DENY, ABSTAIN} from '../../fixtures/decisions';

function givenAuthorizer(options?: BuiltinAuthorizersOptions) {
  const app = new Context('app');
  if (options) {
    app.configure(AuthorizationBindings.BUILTIN_AUTHORIZERS).to(options);
  }
  return {app, authorizer: scopeAuthorizer};
}

function givenContext(app: Context, scopes: string[]): AuthorizationContext {
  return {
    principals: [{[securityId]: 'u1', type: 'USER'}],
    roles: [],
    scopes,
    resource: 'C.prototype.m',
    invocationContext: new InvocationContext(app, {}, 'm', []),
  };
}

async function vote(
  authorizer: Authorizer,
  app: Context,
  scopes: string[],
  metadata: AuthorizationMetadata,
) {
  return authorizer(givenContext(app, scopes), metadata);
}

describe('scopeAuthorizer', () => {
  it('abstains for a method without scopes', async () => {
    const {app, authorizer} = givenAuthorizer();
    expect(await vote(authorizer, app, ['a'], {})).to.equal(ABSTAIN);
    expect(await vote(authorizer, app, [], {scopes: []})).to.equal(ABSTAIN);
  });

  it('allows a caller holding every scope of a method without roles', async () => {
    const {app, authorizer} = givenAuthorizer();
    const md = {scopes: ['a', 'b']};
    expect(await vote(authorizer, app, ['b', 'c', 'a'], md)).to.equal(ALLOW);
  });

  it('denies a caller missing one scope', async () => {
    const {app, authorizer} = givenAuthorizer();
    expect(await vote(authorizer, app, ['a'], {scopes: ['a', 'b']})).to.equal(
      DENY,
    );
    expect(await vote(authorizer, app, [], {scopes: ['a']})).to.equal(DENY);
  });

  it('leaves the decision to roles when the method names roles too', async () => {
    const {app, authorizer} = givenAuthorizer();
    const md = {scopes: ['a'], allowedRoles: ['ADMIN']};
    expect(await vote(authorizer, app, ['a'], md)).to.equal(ABSTAIN);
    expect(await vote(authorizer, app, [], md)).to.equal(DENY);
  });

  it('accepts any one scope with scopeMatch "any"', async () => {
    const {app, authorizer} = givenAuthorizer({scopeMatch: 'any'});
    const md = {scopes: ['a', 'b']};
    expect(await vote(authorizer, app, ['b'], md)).to.equal(ALLOW);
    expect(await vote(authorizer, app, ['c'], md)).to.equal(DENY);
  });

  it('follows a change of scopeMatch', async () => {
    const {app, authorizer} = givenAuthorizer();
    const md = {scopes: ['a', 'b']};
    expect(await vote(authorizer, app, ['a'], md)).to.equal(DENY);
    app
      .configure(AuthorizationBindings.BUILTIN_AUTHORIZERS)
      .to({scopeMatch: 'any'});
    expect(await vote(authorizer, app, ['a'], md)).to.equal(ALLOW);
  });

  it('fails on a malformed scopeMatch', async () => {
    const {app, authorizer} = givenAuthorizer({
      scopeMatch: 'most' as 'any',
    });
    await expect(
      vote(authorizer, app, ['a'], {scopes: ['a']}),
    ).to.be.rejectedWith(/"scopeMatch" must be "all" or "any", got "most"/);
  });
});
