// Copyright The loopback-security-monorepo authors. License: MIT.

import {Context, InvocationContext} from '@loopback/core';
import {securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {
  ANONYMOUS,
  AUTHENTICATED,
  AuthorizationContext,
  AuthorizationMetadata,
  EVERYONE,
  roleAuthorizer,
  UNAUTHENTICATED,
} from '../../..';
import {ALLOW, DENY, ABSTAIN} from '../../fixtures/decisions';

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

/**
 * A case: what it is, whether there is a user, the user's roles, the
 * metadata and the expected vote
 */
type Case = [string, boolean, string[], AuthorizationMetadata, string];

/**
 * Each pseudo-role alone in the list it is meant for, with and without a
 * user: `[role, list, vote with a user, vote without]`
 */
const PSEUDO_ROLES: [string, keyof AuthorizationMetadata, string, string][] = [
  [EVERYONE, 'allowedRoles', ALLOW, ALLOW],
  [AUTHENTICATED, 'allowedRoles', ALLOW, ABSTAIN],
  [UNAUTHENTICATED, 'allowedRoles', ABSTAIN, ALLOW],
  [ANONYMOUS, 'deniedRoles', ABSTAIN, DENY],
];

/**
 * The rows of the pseudo-roles in the shape of the cases below
 */
function pseudoRoleCases(): Case[] {
  return PSEUDO_ROLES.flatMap(([role, list, withUser, withoutUser]) => [
    [`${role} with a user`, true, [], {[list]: [role]}, withUser],
    [`${role} without a user`, false, [], {[list]: [role]}, withoutUser],
  ]);
}

describe('roleAuthorizer', () => {
  const cases: Case[] = [
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
    ...pseudoRoleCases(),
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
