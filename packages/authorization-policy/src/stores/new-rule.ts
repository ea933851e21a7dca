// Copyright The loopback-security-monorepo authors. License: MIT.

import {randomUUID} from 'node:crypto';
import type {PolicyEngine} from '../engine/policy.engine';
import {invalidRule} from '../errors';
import {Rule, RuleInput} from '../types';

/**
 * Check a rule a store is asked to create: valid for the engine's resource
 * types, with an id (a new random one when it has none) that no rule of the
 * engine holds. Throws a 422 `PolicyError` naming the rule and the part.
 *
 * @remarks
 * Every store checks new rules this way, so that a rule is refused or
 * accepted alike whichever store keeps it. A store whose rules change
 * behind its back must still refuse a taken id when it writes.
 *
 * @param engine - The engine with the rules in force
 * @param input - The rule
 * @returns The rule to store, frozen
 */
export function checkNewRule(
  engine: PolicyEngine,
  input: RuleInput,
): Readonly<Rule> {
  const generated =
    input != null && typeof input === 'object' && input.id === undefined;
  const rule = generated
    ? engine.validate({...input, id: randomUUID()}, undefined, '(new)')
    : engine.validate(input, '(new)');
  if (engine.rules().some(r => r.id === rule.id)) {
    throw ruleIdTaken(rule.id);
  }
  return rule;
}

/**
 * The 422 error of a rule whose id another rule holds
 * @param id - The id
 */
export function ruleIdTaken(id: string) {
  return invalidRule(`"${id}"`, 'id', 'a rule with this id exists');
}
