// Copyright The loopback-security-monorepo authors. License: MIT.

import {consoleError} from '../console-errors';
import {checkRoleNameList} from '../role-names';

/**
 * Check the `roles` query parameter of the access matrix: the columns to
 * show, 1 to `maxRoles` distinct non-empty names of at most 100 characters;
 * throws a 400 error naming the item at fault
 * @param roles - The parameter, as LoopBack parsed it; `undefined` when
 * absent
 * @param maxRoles - The most columns
 */
export function checkMatrixRoles(
  roles: unknown,
  maxRoles: number,
): string[] | undefined {
  if (roles === undefined) return undefined;
  return checkRoleNameList(roles, {
    min: 1,
    max: maxRoles,
    fail: (path, message) =>
      consoleError(
        400,
        'INVALID_MATRIX_QUERY',
        `Invalid query parameter "${path}": ${message}`,
        [{path, message}],
      ),
  });
}
