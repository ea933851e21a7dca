// Copyright The loopback-security-monorepo authors. License: MIT.

import {ChangeSubscriber} from './change-feed.types';
import {StoredRule} from '../stores/store.types';

/**
 * What keeps rules in memory, such as a policy index: it takes changes one
 * rule at a time
 */
export interface RuleSink {
  /**
   * Replace every rule
   * @param rules - The rules of the store, frozen
   */
  replaceAll(rules: readonly Readonly<StoredRule>[]): void;
  /**
   * Create or replace one rule
   * @param rule - The rule, frozen
   */
  upsert(rule: Readonly<StoredRule>): void;
  /**
   * Remove one rule; an unknown id is not an error
   * @param id - The rule's id
   */
  remove(id: string): void;
}

/**
 * A change feed subscriber that hands the rule changes to a sink and
 * ignores the role changes
 * @param sink - Where the rules go
 */
export function subscribeRules(sink: RuleSink): ChangeSubscriber {
  return {
    load: snapshot => sink.replaceAll(snapshot.rules),
    apply: change => {
      if (change.kind !== 'rule') return;
      if (change.op === 'upsert') sink.upsert(change.rule);
      else sink.remove(change.id);
    },
  };
}
