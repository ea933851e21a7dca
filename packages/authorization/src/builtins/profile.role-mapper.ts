// Copyright The loopback-security-monorepo authors. License: MIT.

import {Principal, securityId} from '@loopback/security';
import {describeValue} from '../helpers/describe-value';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {RoleMapper} from '../contracts/mappers';

/**
 * The most roles one principal may carry. A profile with more is rejected
 * rather than letting one request cost an unbounded amount of work.
 */
export const MAX_ROLES_PER_PRINCIPAL = 1000;

/**
 * The default role mapper: the roles of each user principal, from its
 * `roles` (an array of role names) and `role` (one role name) fields.
 *
 * @remarks
 * A malformed field is an error, not an empty list: a profile that says
 * `roles: 'ADMIN'` is a bug in the authentication step that should be seen.
 */
export const profileRoleMapper: RoleMapper = principals => {
  const roles: string[] = [];
  for (const principal of principals) {
    if (principal.type !== 'USER') continue;
    if (principal.roles !== undefined) {
      roles.push(...roleList(principal, 'roles', principal.roles));
    }
    if (principal.role !== undefined) {
      roles.push(...roleList(principal, 'role', [principal.role]));
    }
  }
  return roles;
};

function roleList(principal: Principal, field: string, value: unknown) {
  const fail = (what: string) =>
    createAuthorizationError(
      `Invalid "${field}" of user ${principal[securityId]}: ${what}`,
      500,
      AuthorizationErrorCode.INVALID_USER,
    );
  if (!Array.isArray(value)) {
    throw fail(`expected an array of role names, got ${describeValue(value)}`);
  }
  if (value.length > MAX_ROLES_PER_PRINCIPAL) {
    throw fail(
      `${value.length} roles, more than the ${MAX_ROLES_PER_PRINCIPAL} allowed`,
    );
  }
  for (const role of value) {
    if (typeof role !== 'string' || role === '') {
      throw fail(`expected role names, got ${describeValue(role)}`);
    }
  }
  return value as string[];
}
