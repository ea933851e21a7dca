// Copyright The loopback-security-monorepo authors. License: MIT.

import type {Where} from '@loopback/repository';

/**
 * Whether a rule grants or refuses what it names
 */
export type RuleEffect = 'allow' | 'deny';

/**
 * A policy rule: data that grants or denies some actions on a resource type
 * to some subjects, optionally only for instances that satisfy a condition
 * and only for some of their properties.
 */
export interface Rule {
  /**
   * The id of the rule; it names the rule in every decision it makes
   */
  id: string;
  /**
   * `allow` grants, `deny` refuses; a matching deny rule wins over every
   * allow rule
   */
  effect: RuleEffect;
  /**
   * The resource type, the name a resource is registered under (usually the
   * model name, such as `Order`)
   */
  resource: string;
  /**
   * The actions, such as `read`, `create`, `update`, `delete`
   */
  actions: string[];
  /**
   * Who the rule applies to: role names, the built-in roles `$everyone`,
   * `$authenticated`, `$unauthenticated`, `$anonymous`, or one principal as
   * `principal:<securityId>`
   */
  subjects: string[];
  /**
   * The instances the rule applies to, a LoopBack `Where` over the
   * resource's properties whose values may name the caller as `$user.<x>`.
   * Without it the rule applies to every instance.
   */
  where?: Where;
  /**
   * The properties the rule covers. An allow rule with `fields` exposes only
   * them; a deny rule with `fields` hides them (and leaves the instance
   * visible); a deny rule without `fields` refuses the whole instance.
   */
  fields?: string[];
  /**
   * What the rule is for, for people
   */
  description?: string;
}

/**
 * A rule as written: the id is optional, one is assigned when it is stored
 */
export type RuleInput = Omit<Rule, 'id'> & {id?: string};

/**
 * A change to the rules in force, as a store reports it
 */
export type PolicyChange =
  | {
      /**
       * Add the rule, or replace the one with its id
       */
      kind: 'upsert';
      /**
       * The rule
       */
      rule: Rule;
    }
  | {
      /**
       * Remove the rule with this id, if there is one
       */
      kind: 'remove';
      /**
       * The rule id
       */
      id: string;
    };

/**
 * The type of a property that conditions may compare. Other property types
 * (dates, objects, arrays) cannot appear in a condition: they are not
 * compared alike by the memory connector and by SQL databases.
 */
export type PropertyKind = 'string' | 'number' | 'boolean' | 'other';

/**
 * The properties of a resource type, which rules are checked against
 */
export interface ResourceSchema {
  /**
   * The resource type name, such as `Order`
   */
  name: string;
  /**
   * Every property, with its kind
   */
  properties: Readonly<Record<string, PropertyKind>>;
  /**
   * The id property. Default: `id`. The filter that matches nothing is
   * written over it.
   */
  idProperty?: string;
}

/**
 * Who asks: what the rules need to know about the caller
 */
export interface PolicyCaller {
  /**
   * The caller's principal id (`securityId`); `undefined` for an anonymous
   * caller
   */
  id?: string;
  /**
   * The caller's role names, without the built-in roles (they are derived
   * from `id`)
   */
  roles: readonly string[];
  /**
   * What `$user.<x>` reads: usually the user profile. Only strings, numbers
   * and booleans are used; any other value counts as missing.
   */
  attributes: Readonly<Record<string, unknown>>;
}

/**
 * An instance of a resource, as its properties
 */
export type PolicyInstance = Readonly<Record<string, unknown>>;

/**
 * A decision with its explanation
 */
export interface PolicyDecision {
  /**
   * Whether the action is allowed
   */
  allowed: boolean;
  /**
   * The rule that decided: the deny rule that refused, or an allow rule that
   * granted. `undefined` when no rule applied (denied by default).
   */
  ruleId?: string;
  /**
   * Set on a decision at the door of a method (without an instance) that
   * allows only on conditions, or only for some properties: which instances
   * and properties the caller reaches is then for a guarded repository to
   * check
   */
  conditional?: true;
}

/**
 * The `Where` that selects what a caller may act on
 */
export interface PolicyFilter {
  /**
   * The condition, to AND into a query. `{}` when every instance is allowed.
   */
  where: Where;
  /**
   * True when no instance can be allowed: `where` matches nothing, and the
   * query can be skipped
   */
  matchesNothing: boolean;
  /**
   * The rules that shaped the filter, allow and deny
   */
  ruleIds: string[];
}
