// Copyright The loopback-security-monorepo authors. License: MIT.

import {Context, InvocationContext} from '@loopback/core';
import {securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {
  ANONYMOUS,
  AUTHENTICATED,
  AuthorizationContext,
  AuthorizationDecision,
  AuthorizationMetadata,
  EVERYONE,
  roleAuthorizer,
  UNAUTHENTICATED,
} from '../../..';

const {ALLOW, DENY, ABSTAIN} = AuthorizationDecision;

function givenContext(user: boolean, roles: string[] = []) {
  const ctx: AuthorizationContext = {
    principals: user ? [{[securityId]: 'u1', type: 'USER'}] : [],
    roles: roles.map(name => ({[securityId]: name, name})),
    scopes: [],
    resource: 'C.prototype.m',
    invocationContext: new InvocationContext(new Context(), {}, 'm', []),
  };
  return ctx;
}

describe('roleAuthorizer', () => {
  const cases: [string, boolean, string[], AuthorizationMetadata, string][] = [
    ['an allowed role', true, ['ADMIN'], {allowedRoles: ['ADMIN']}, ALLOW],
    ['no allowed role', true, ['USER'], {allowedRoles: ['ADMIN']}, ABSTAIN],
    ['a user without roles', true, [], {allowedRoles: ['ADMIN']}, ABSTAIN],
    ['no user at all', false, [], {allowedRoles: ['ADMIN']}, ABSTAIN],
    ['a denied role', true, ['GUEST'], {deniedRoles: ['GUEST']}, DENY],
    [
      'a role both allowed and denied',
      true,
      ['ADMIN', 'GUEST'],
      {allowedRoles: ['ADMIN'], deniedRoles: ['GUEST']},
      DENY,
    ],
    ['no role metadata', true, ['ADMIN'], {}, ABSTAIN],
    ['$everyone with a user', true, [], {allowedRoles: [EVERYONE]}, ALLOW],
    ['$everyone without a user', false, [], {allowedRoles: [EVERYONE]}, ALLOW],
    [
      '$authenticated with a user',
      true,
      [],
      {allowedRoles: [AUTHENTICATED]},
      ALLOW,
    ],
    [
      '$authenticated without a user',
      false,
      [],
      {allowedRoles: [AUTHENTICATED]},
      ABSTAIN,
    ],
    [
      '$unauthenticated without a user',
      false,
      [],
      {allowedRoles: [UNAUTHENTICATED]},
      ALLOW,
    ],
    [
      '$unauthenticated with a user',
      true,
      [],
      {allowedRoles: [UNAUTHENTICATED]},
      ABSTAIN,
    ],
    ['$anonymous without a user', false, [], {deniedRoles: [ANONYMOUS]}, DENY],
    ['$anonymous with a user', true, [], {deniedRoles: [ANONYMOUS]}, ABSTAIN],
    [
      'denyAllExcept, the excepted role',
      true,
      ['ADMIN'],
      {allowedRoles: ['ADMIN'], deniedRoles: [EVERYONE]},
      ALLOW,
    ],
    [
      'denyAllExcept, another role',
      true,
      ['USER'],
      {allowedRoles: ['ADMIN'], deniedRoles: [EVERYONE]},
      DENY,
    ],
    [
      'allowAllExcept, the excepted role',
      true,
      ['GUEST'],
      {allowedRoles: [EVERYONE], deniedRoles: ['GUEST']},
      DENY,
    ],
    [
      'allowAllExcept, anonymous',
      false,
      [],
      {allowedRoles: [EVERYONE], deniedRoles: ['GUEST']},
      ALLOW,
    ],
    [
      'a named role allowed but $authenticated denied',
      true,
      ['ADMIN'],
      {allowedRoles: ['ADMIN'], deniedRoles: [AUTHENTICATED]},
      ALLOW,
    ],
    [
      '$authenticated allowed but $everyone denied',
      true,
      [],
      {allowedRoles: [AUTHENTICATED], deniedRoles: [EVERYONE]},
      ALLOW,
    ],
    [
      '$everyone in both lists',
      false,
      [],
      {allowedRoles: [EVERYONE], deniedRoles: [EVERYONE]},
      DENY,
    ],
  ];
  for (const [what, user, roles, metadata, expected] of cases) {
    it(`votes ${expected} for ${what}`, async () => {
      expect(
        await roleAuthorizer(givenContext(user, roles), metadata),
      ).to.equal(expected);
    });
  }
});
