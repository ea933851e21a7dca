// Copyright The loopback-security-monorepo authors. License: MIT.

import {Comparison, Condition, ListComparison} from '../conditions/condition';

/**
 * A literal a condition compares a property with
 */
export type Literal = string | number | boolean;

/**
 * A property whose value an instance must have, one of a few literals, for a
 * condition to hold
 */
export interface RequiredValues {
  /**
   * The property
   */
  readonly field: string;
  /**
   * The values, each once; the condition holds only on an instance whose
   * property is one of them (compared with `===`)
   */
  readonly values: readonly Literal[];
}

/**
 * The values a condition requires of one property, if it requires any: what
 * lets a crowded bucket of rules be looked up by the instance's value
 * instead of scanned.
 *
 * @remarks
 * A comparison holds only where the property is not null (SQL's meaning, see
 * `compilePredicate`), so `{tenantId: 't42'}` requires `tenantId === 't42'`
 * and `{tenantId: {inq: ['t1', 't2']}}` one of the two. An `and` requires
 * what any of its items requires (the one with the fewest values is taken);
 * an `or` requires one property only when every item requires that same
 * property (the union of their values). A value that names the caller
 * (`$user.id`) is not a literal: the rule holds for different values for
 * different callers, so it is not indexed; a rule that also names a literal
 * (`{and: [{ownerId: '$user.id'}, {projectId: 'p1'}]}`) is indexed by it.
 *
 * @param condition - A parsed condition
 * @returns The property and its values, or `undefined` when the condition
 * holds for values that are not a short list of literals
 */
export function requiredValues(
  condition: Condition,
): RequiredValues | undefined {
  switch (condition.op) {
    case 'and': {
      let best: RequiredValues | undefined;
      for (const item of condition.items) {
        const found = requiredValues(item);
        if (found && (!best || found.values.length < best.values.length)) {
          best = found;
        }
      }
      return best;
    }
    case 'or': {
      let field: string | undefined;
      const values = new Set<Literal>();
      for (const item of condition.items) {
        const found = requiredValues(item);
        if (!found || (field !== undefined && found.field !== field)) {
          return undefined;
        }
        field = found.field;
        for (const value of found.values) values.add(value);
      }
      return field === undefined ? undefined : {field, values: [...values]};
    }
    case 'eq': {
      const {field, value} = condition as Comparison;
      return 'literal' in value ? {field, values: [value.literal]} : undefined;
    }
    case 'inq': {
      const {field, values} = condition as ListComparison;
      const literals = new Set<Literal>();
      for (const value of values) {
        if (!('literal' in value)) return undefined;
        literals.add(value.literal);
      }
      return {field, values: [...literals]};
    }
    default:
      return undefined;
  }
}
