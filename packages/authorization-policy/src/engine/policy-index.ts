// Copyright The loopback-security-monorepo authors. License: MIT.

import {Condition} from '../conditions/condition';
import {PolicyDecision, PropertyKind, Rule} from '../types';
import {Predicate} from '../conditions/condition.compiler';
import {MergedRules, QuestionRules} from './question-rules';
import {RequiredValues} from './required-values';
import {SubjectRules} from './subject-rules';

/**
 * A rule ready to be evaluated
 */
export interface CompiledRule {
  /**
   * The rule, frozen
   */
  readonly rule: Readonly<Rule>;
  /**
   * Whether it is a deny rule
   */
  readonly deny: boolean;
  /**
   * Its parsed condition, if any
   */
  readonly condition?: Condition;
  /**
   * Its compiled condition, if any
   */
  readonly predicate?: Predicate;
  /**
   * The values its condition requires of one property, if it requires any
   * (see `requiredValues`): how a crowded bucket finds it
   */
  readonly required?: RequiredValues;
  /**
   * The caller attributes its condition reads
   */
  readonly refs: readonly (readonly [string, PropertyKind])[];
  /**
   * The properties it covers; `undefined` for all of them
   */
  readonly fields?: ReadonlySet<string>;
  /**
   * The decision it makes when it decides, frozen, made once
   */
  readonly decision: PolicyDecision;
  /**
   * The decision it makes at the door of a method when it allows only on
   * its condition or for its fields, frozen, made once
   */
  readonly conditionalDecision: PolicyDecision;
}

/**
 * The rules of one resource type, action and subject
 */
export interface RuleBucket {
  /**
   * The allow rules
   */
  readonly allow: readonly CompiledRule[];
  /**
   * The deny rules
   */
  readonly deny: readonly CompiledRule[];
}

type Buckets = Map<string, Map<string, Map<string, SubjectRules>>>;

/**
 * The rules of a question nobody has rules for; never written to
 */
const NO_RULES: QuestionRules = new SubjectRules();

/**
 * Rules indexed by resource type, action and subject, so that a decision
 * looks at the rules of its question only, however many there are.
 *
 * @remarks
 * A write costs O(1) per bucket of the rule (amortised; a bucket is a
 * resource type, an action and a subject), whatever the number of rules
 * already in the bucket: buckets are changed in place, and the lists they
 * hand out are never changed (see `SubjectRules`). So `n` writes
 * cost O(n) together.
 */
export class PolicyIndex {
  private readonly byId = new Map<string, CompiledRule>();
  private readonly buckets: Buckets = new Map();

  /**
   * The number of rules
   */
  get size(): number {
    return this.byId.size;
  }

  /**
   * The rule with an id
   * @param id - The rule id
   */
  get(id: string): CompiledRule | undefined {
    return this.byId.get(id);
  }

  /**
   * Every rule, in the order they were added
   */
  all(): IterableIterator<CompiledRule> {
    return this.byId.values();
  }

  /**
   * Add a rule, replacing the one with the same id; it comes after every
   * rule in its buckets
   * @param compiled - The rule
   */
  set(compiled: CompiledRule): void {
    this.delete(compiled.rule.id);
    this.byId.set(compiled.rule.id, compiled);
    for (const bucket of this.bucketsOf(compiled.rule, true)) {
      bucket.add(compiled);
    }
  }

  /**
   * Remove the rule with an id
   * @param id - The rule id
   * @returns Whether there was one
   */
  delete(id: string): boolean {
    const old = this.byId.get(id);
    if (!old) return false;
    this.byId.delete(id);
    for (const bucket of this.bucketsOf(old.rule, false)) {
      bucket.delete(old);
    }
    return true;
  }

  /**
   * The rules about a resource type and an action that name one of the
   * subjects, each once
   * @param resource - The resource type
   * @param action - The action
   * @param subjects - The caller's subjects
   */
  candidates(
    resource: string,
    action: string,
    subjects: readonly string[],
  ): QuestionRules {
    const bySubject = this.buckets.get(resource)?.get(action);
    if (!bySubject) return NO_RULES;
    let first: SubjectRules | undefined;
    let found: SubjectRules[] | undefined;
    for (const subject of subjects) {
      const bucket = bySubject.get(subject);
      if (!bucket || bucket === first || found?.includes(bucket)) continue;
      if (!first) first = bucket;
      else (found ??= [first]).push(bucket);
    }
    // One subject with rules, as usual: its bucket as it is
    return found ? new MergedRules(found) : (first ?? NO_RULES);
  }

  /**
   * The buckets of a rule; `create` makes the missing ones, else an empty
   * bucket is dropped once its rule is gone
   */
  private *bucketsOf(rule: Rule, create: boolean): Generator<SubjectRules> {
    let byAction = this.buckets.get(rule.resource);
    if (!byAction) {
      if (!create) return;
      this.buckets.set(rule.resource, (byAction = new Map()));
    }
    for (const action of rule.actions) {
      let bySubject = byAction.get(action);
      if (!bySubject) {
        if (!create) continue;
        byAction.set(action, (bySubject = new Map()));
      }
      for (const subject of rule.subjects) {
        let bucket = bySubject.get(subject);
        if (!bucket) {
          if (!create) continue;
          bySubject.set(subject, (bucket = new SubjectRules()));
        }
        yield bucket;
        if (!create && bucket.empty) {
          bySubject.delete(subject);
        }
      }
    }
  }
}
