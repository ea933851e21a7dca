// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  PrincipalRevocation,
  RoleAssignment,
  StoreChange,
  StoredRule,
} from './store.types';

// Rows of the change log and of the tables turned into the frozen values
// that subscribers receive: a subscriber cannot change what another sees.

/**
 * A row of the change log as `pg` returns it
 */
export interface ChangeRow {
  revision: string;
  kind: LoggedChange['kind'];
  op: LoggedChange['op'];
  key: string;
  tenant: string;
  body: unknown;
}

/**
 * Freeze a JSON value and everything in it
 * @param value - A value parsed from JSON
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * A role assignment, frozen
 */
export function toAssignment(
  principal: string,
  tenant: string,
  roles: readonly string[],
): Readonly<RoleAssignment> {
  return Object.freeze({
    principal,
    tenant,
    roles: Object.freeze([...roles]),
  });
}

/**
 * A change log row as a change
 * @param row - The row
 */
export function toChange(row: ChangeRow): StoreChange {
  const revision = Number(row.revision);
  if (row.kind === 'principal') {
    const {revoked, revokedAt} = row.body as Omit<
      PrincipalRevocation,
      'principal'
    >;
    return Object.freeze({
      revision,
      kind: 'principal',
      op: revoked ? 'revoke' : 'restore',
      revocation: toRevocation(row.key, revoked, revokedAt),
    });
  }
  if (row.kind === 'roles') {
    const roles = (row.body as {roles: string[]}).roles;
    return Object.freeze({
      revision,
      kind: 'roles',
      op: 'set',
      assignment: toAssignment(row.key, row.tenant, roles),
    });
  }
  if (row.op === 'upsert') {
    return Object.freeze({
      revision,
      kind: 'rule',
      op: 'upsert',
      rule: deepFreeze(row.body as StoredRule),
    });
  }
  return Object.freeze({revision, kind: 'rule', op: 'remove', id: row.key});
}

/**
 * One row a write adds to the change log
 */
export interface LoggedChange {
  kind: 'rule' | 'roles' | 'principal';
  op: 'upsert' | 'remove' | 'set' | 'revoke' | 'restore';
  key: string;
  tenant?: string;
  body?: string;
}

/**
 * The change-log row of new roles of a principal in a tenant
 */
export function roleChange(
  principal: string,
  tenant: string,
  roles: string[],
): LoggedChange {
  return {
    kind: 'roles',
    op: 'set',
    key: principal,
    tenant,
    body: JSON.stringify({roles}),
  };
}

/**
 * A revocation, frozen
 */
export function toRevocation(
  principal: string,
  revoked: boolean,
  revokedAt: number,
): Readonly<PrincipalRevocation> {
  return Object.freeze({principal, revoked, revokedAt});
}

/**
 * The change-log row of a principal revoked or restored
 */
export function revocationChange(
  principal: string,
  revoked: boolean,
  revokedAt: number,
): LoggedChange {
  return {
    kind: 'principal',
    op: revoked ? 'revoke' : 'restore',
    key: principal,
    body: JSON.stringify({revoked, revokedAt}),
  };
}
