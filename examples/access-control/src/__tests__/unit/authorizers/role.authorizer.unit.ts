// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationContext,
  AuthorizationDecision,
  AuthorizationMetadata,
} from '@loopback/authorization';
import {Context, InvocationContext} from '@loopback/core';
import {securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {authorizeByRole} from '../../../authorizers/role.authorizer';

const {ALLOW, DENY, ABSTAIN} = AuthorizationDecision;

/**
 * An authorization context for a user with roles, or for an anonymous
 * caller when `roles` is undefined
 */
function givenContext(roles?: unknown): AuthorizationContext {
  const invocationContext = new InvocationContext(
    new Context(),
    {},
    'method',
    [],
  );
  return {
    principals:
      roles === undefined
        ? []
        : [{[securityId]: 'u1', id: 'u1', name: 'U', type: 'USER', roles}],
    roles: [],
    scopes: [],
    resource: 'Controller.prototype.method',
    invocationContext,
  };
}

function vote(roles: unknown, metadata: AuthorizationMetadata) {
  return authorizeByRole(givenContext(roles), metadata);
}

describe('authorizeByRole', () => {
  it('abstains when the metadata names no roles', async () => {
    expect(await vote(['ADMIN'], {})).to.equal(ABSTAIN);
    expect(await vote(undefined, {resource: 'order'})).to.equal(ABSTAIN);
  });

  it('allows a user with an allowed role', async () => {
    expect(await vote(['ADMIN'], {allowedRoles: ['ADMIN']})).to.equal(ALLOW);
  });

  it('abstains (never denies) for a user without an allowed role', async () => {
    expect(await vote(['CUSTOMER'], {allowedRoles: ['ADMIN']})).to.equal(
      ABSTAIN,
    );
  });

  it('denies a denied role, even when another role is allowed', async () => {
    const metadata = {allowedRoles: ['CUSTOMER'], deniedRoles: ['BANNED']};
    expect(await vote(['CUSTOMER', 'BANNED'], metadata)).to.equal(DENY);
    expect(await vote(['CUSTOMER'], metadata)).to.equal(ALLOW);
  });

  it('gives everyone $everyone', async () => {
    const metadata = {allowedRoles: ['$everyone']};
    expect(await vote(undefined, metadata)).to.equal(ALLOW);
    expect(await vote([], metadata)).to.equal(ALLOW);
  });

  it('gives $authenticated to users only', async () => {
    const metadata = {allowedRoles: ['$authenticated']};
    expect(await vote([], metadata)).to.equal(ALLOW);
    expect(await vote(undefined, metadata)).to.equal(ABSTAIN);
  });

  it('gives $unauthenticated to anonymous callers only', async () => {
    const metadata = {deniedRoles: ['$unauthenticated']};
    expect(await vote(undefined, metadata)).to.equal(DENY);
    expect(await vote(['CUSTOMER'], metadata)).to.equal(ABSTAIN);
  });

  it('is safe with no user and with malformed roles', async () => {
    const metadata = {allowedRoles: ['ADMIN']};
    expect(await vote(undefined, metadata)).to.equal(ABSTAIN);
    expect(await vote('ADMIN', metadata)).to.equal(ABSTAIN);
    expect(await vote([42, null], metadata)).to.equal(ABSTAIN);
  });

  it('ignores claimed roles that pose as built-in ones', async () => {
    const metadata = {allowedRoles: ['$unauthenticated']};
    expect(await vote(['$unauthenticated'], metadata)).to.equal(ABSTAIN);
  });
});
