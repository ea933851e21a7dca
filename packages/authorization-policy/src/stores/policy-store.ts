// Copyright The loopback-security-monorepo authors. License: MIT.

import type {PolicyEngine} from '../engine/policy.engine';
import {Rule, RuleInput} from '../types';

/**
 * What the voter and the repository mixin need of a store: the rules in
 * force, ready to evaluate
 */
export interface PolicyReader {
  /**
   * The engine with the rules in force.
   *
   * @remarks
   * Rejects with an error of status 503 when the rules cannot be read or
   * are not known to be current: a `PolicyError`
   * (`POLICY_STORE_UNAVAILABLE`), or the store's own 503 (a PostgreSQL
   * store's staleness error, with its details and `Retry-After`). Callers
   * then deny, never allow.
   */
  engine(): Promise<PolicyEngine>;
}

/**
 * A store of rules: read them, add and remove them. A change made through
 * the store takes effect on the next call of {@link PolicyReader.engine}.
 */
export interface PolicyStore extends PolicyReader {
  /**
   * Every rule, frozen
   */
  find(): Promise<Readonly<Rule>[]>;
  /**
   * The rule with an id, `undefined` when there is none
   * @param id - The rule id
   */
  findById(id: string): Promise<Readonly<Rule> | undefined>;
  /**
   * Check and store a rule; an id is assigned when it has none. Rejects with
   * a 422 `PolicyError` naming the rule and the part at fault.
   * @param input - The rule
   * @returns The rule as stored, with its id
   */
  create(input: RuleInput): Promise<Readonly<Rule>>;
  /**
   * Remove a rule
   * @param id - The rule id
   * @returns Whether there was one
   */
  deleteById(id: string): Promise<boolean>;
  /**
   * Read every rule again from where they are kept
   */
  refresh(): Promise<void>;
}
