// Copyright The loopback-security-monorepo authors. License: MIT.

// What the store holds and what it answers: the values of rules, roles and
// revocations, the changes the feed hands over, the result of a write.

/**
 * A rule as this package stores it: an opaque JSON object with a string `id`.
 *
 * @remarks
 * The store does not interpret rules; the policy package validates them
 * before they are written. For reference, a rule of that package has the
 * fields `id`, `effect` (`allow` or `deny`), `resource`, `actions`,
 * `subjects` and, optionally, `where`, `fields` and `description`.
 */
export interface StoredRule {
  /**
   * The rule's id, unique in the store; a non-empty string
   */
  id: string;
  /**
   * Whatever else the rule holds, kept as JSON
   */
  [field: string]: unknown;
}

/**
 * The roles of one principal, for all tenants or for one
 */
export interface RoleAssignment {
  /**
   * The principal, as its security id (the user profile's `securityId`)
   */
  principal: string;
  /**
   * The tenant the roles hold in; `''` for roles that hold in every tenant
   */
  tenant: string;
  /**
   * The role names, without duplicates, in the order they were written
   */
  roles: readonly string[];
}

/**
 * One change of the store, as the change feed hands it to subscribers
 */
export type StoreChange =
  | {
      /** The revision of the write that made the change */
      revision: number;
      /** A rule was created or replaced */
      kind: 'rule';
      /** What happened to it */
      op: 'upsert';
      /** The rule as stored */
      rule: Readonly<StoredRule>;
    }
  | {
      /** The revision of the write that made the change */
      revision: number;
      /** A rule was removed */
      kind: 'rule';
      /** What happened to it */
      op: 'remove';
      /** The id of the removed rule */
      id: string;
    }
  | {
      /** The revision of the write that made the change */
      revision: number;
      /** The roles of a principal changed; empty roles remove the entry */
      kind: 'roles';
      /** Always `set`: the assignment replaces the previous one */
      op: 'set';
      /** The new assignment */
      assignment: Readonly<RoleAssignment>;
    }
  | {
      /** The revision of the write that made the change */
      revision: number;
      /** A principal was revoked, or restored */
      kind: 'principal';
      /** What happened to it */
      op: 'revoke' | 'restore';
      /** Its revocation as it now stands */
      revocation: Readonly<PrincipalRevocation>;
    };

/**
 * The revocation of a principal, such as a deleted or disabled user
 */
export interface PrincipalRevocation {
  /**
   * The principal, as its security id
   */
  principal: string;
  /**
   * Whether it is revoked now: `false` once restored
   */
  revoked: boolean;
  /**
   * When it was last revoked, in milliseconds since the epoch (the
   * database's clock): what was issued to it before stays refused after it
   * is restored
   */
  revokedAt: number;
}

/**
 * What a write did
 */
export interface WriteResult {
  /**
   * The revision of the write; the current revision when nothing changed
   * (a write that changes nothing takes no revision)
   */
  revision: number;
  /**
   * Whether anything changed
   */
  changed: boolean;
}

/**
 * The changes after a revision, as one read of the change log returns them
 */
export interface ChangeBatch {
  /**
   * The changes, in revision order
   */
  changes: StoreChange[];
  /**
   * The log holds no change up to this revision any more: a reader below
   * it must load a snapshot
   */
  prunedThrough: number;
}

/**
 * Everything the store holds at one revision
 */
export interface StoreSnapshot {
  /**
   * The revision the snapshot was read at
   */
  revision: number;
  /**
   * Every rule
   */
  rules: readonly Readonly<StoredRule>[];
  /**
   * Every non-empty role assignment
   */
  roleAssignments: readonly Readonly<RoleAssignment>[];
  /**
   * Every principal ever revoked, restored ones included
   */
  revocations: readonly Readonly<PrincipalRevocation>[];
}
