// Copyright The loopback-security-monorepo authors. License: MIT.

import {PolicyInstance} from '../types';
import {Attributes} from '../conditions/condition.compiler';
import {IndexedRules} from './indexed-rules';
import type {CompiledRule, RuleBucket} from './policy-index';
import type {QuestionRules} from './question-rules';

/**
 * A list of rules longer than this is indexed; one that shrinks to half of
 * it is a plain list again. Below it a write copies the list (at most this
 * many references, no more than an index costs to keep) and a decision
 * scans it.
 */
const CROWDED_FROM = 16;

// Neither is frozen: a frozen array or object has a shape of its own, and
// the rule loops of the engine are fastest when they meet one shape
const NONE: readonly CompiledRule[] = [];
const EMPTY: RuleBucket = {allow: NONE, deny: NONE};

type Effect = keyof RuleBucket;

/**
 * The rules of one resource type, action and subject: its allow rules and
 * its deny rules, each in the order they were added.
 *
 * @remarks
 * Most buckets hold a rule or two: they cost an object and two arrays, and
 * a write replaces the short list it changes, so a list once handed out
 * never changes. The list of an effect that grows past a few rules
 * (per-tenant or per-instance grants for one role) is kept in an
 * {@link IndexedRules} instead, where a write costs O(1) and a decision on
 * an instance looks its rules up. Either way a write into a bucket of `n`
 * rules costs O(1) amortised.
 */
export class SubjectRules implements QuestionRules {
  /**
   * The short lists; the list of an indexed effect is empty here
   */
  private lists: RuleBucket = EMPTY;
  /**
   * The indexed effects, if any
   */
  private indexes?: {allow?: IndexedRules; deny?: IndexedRules};

  /**
   * The allow rules, in order
   */
  get allow(): readonly CompiledRule[] {
    return this.indexes?.allow?.list() ?? this.lists.allow;
  }

  /**
   * The deny rules, in order
   */
  get deny(): readonly CompiledRule[] {
    return this.indexes?.deny?.list() ?? this.lists.deny;
  }

  /**
   * Whether it holds no rule
   */
  get empty(): boolean {
    return !this.indexes && this.lists === EMPTY;
  }

  /**
   * Whether some of its rules are indexed
   */
  get crowded(): boolean {
    return this.indexes !== undefined;
  }

  /**
   * Add a rule after the rules of its effect
   * @param rule - The rule
   */
  add(rule: CompiledRule): void {
    const effect = rule.deny ? 'deny' : 'allow';
    const index = this.indexes?.[effect];
    if (index) return index.add(rule);
    const list = this.lists[effect];
    if (list.includes(rule)) return;
    if (list.length < CROWDED_FROM)
      return this.replace(effect, [...list, rule]);
    const indexed = new IndexedRules(rule.deny);
    for (const old of list) indexed.add(old);
    indexed.add(rule);
    (this.indexes ??= {})[effect] = indexed;
    this.replace(effect, NONE);
  }

  /**
   * Remove a rule
   * @param rule - The rule
   */
  delete(rule: CompiledRule): void {
    const effect = rule.deny ? 'deny' : 'allow';
    const index = this.indexes?.[effect];
    if (!index) {
      const list = this.lists[effect];
      if (!list.includes(rule)) return;
      return this.replace(
        effect,
        list.filter(r => r !== rule),
      );
    }
    index.delete(rule);
    if (index.size > CROWDED_FROM / 2) return;
    // Few rules left: a short list again
    const other = effect === 'allow' ? 'deny' : 'allow';
    this.indexes = this.indexes![other]
      ? {[other]: this.indexes![other]}
      : undefined;
    this.replace(effect, index.list());
  }

  /**
   * {@inheritDoc QuestionRules.about}
   */
  about(instance: PolicyInstance | undefined, user: Attributes): RuleBucket {
    // The usual bucket, not crowded: its lists as they are, no allocation
    if (!this.indexes) return this.lists;
    return {
      allow: this.aboutOf('allow', instance, user),
      deny: this.aboutOf('deny', instance, user),
    };
  }

  private aboutOf(
    effect: Effect,
    instance: PolicyInstance | undefined,
    user: Attributes,
  ): readonly CompiledRule[] {
    const index = this.indexes?.[effect];
    if (!index) return this.lists[effect];
    return instance ? index.about(instance, user) : index.list();
  }

  private replace(effect: Effect, list: readonly CompiledRule[]) {
    const {allow, deny} = this.lists;
    const lists =
      effect === 'allow' ? {allow: list, deny} : {allow, deny: list};
    this.lists = lists.allow.length || lists.deny.length ? lists : EMPTY;
  }
}
