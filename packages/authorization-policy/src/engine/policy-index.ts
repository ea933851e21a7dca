// Copyright The loopback-security-monorepo authors. License: MIT.

import {Condition} from '../rules/condition';
import {PolicyDecision, PropertyKind, Rule} from '../types';
import {Predicate} from './condition.compiler';

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

const EMPTY: RuleBucket = Object.freeze({allow: [], deny: []});

type Buckets = Map<string, Map<string, Map<string, RuleBucket>>>;

/**
 * Rules indexed by resource type, action and subject, so that a decision
 * looks at the rules of its question only, however many there are.
 *
 * @remarks
 * Buckets are replaced, never changed in place: a list handed out by
 * {@link PolicyIndex.candidates} stays as it was.
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
   * Add a rule, replacing the one with the same id
   * @param compiled - The rule
   */
  set(compiled: CompiledRule): void {
    this.delete(compiled.rule.id);
    this.byId.set(compiled.rule.id, compiled);
    this.each(compiled.rule, bucket => ({
      allow: compiled.deny ? bucket.allow : [...bucket.allow, compiled],
      deny: compiled.deny ? [...bucket.deny, compiled] : bucket.deny,
    }));
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
    this.each(old.rule, bucket => ({
      allow: bucket.allow.filter(c => c !== old),
      deny: bucket.deny.filter(c => c !== old),
    }));
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
  ): RuleBucket {
    const bySubject = this.buckets.get(resource)?.get(action);
    if (!bySubject) return EMPTY;
    let found: RuleBucket | undefined;
    let merged: {allow: CompiledRule[]; deny: CompiledRule[]} | undefined;
    for (const subject of subjects) {
      const bucket = bySubject.get(subject);
      if (!bucket) continue;
      if (!found) {
        found = bucket;
        continue;
      }
      // A second subject with rules: merge, each rule once
      merged ??= {allow: [...found.allow], deny: [...found.deny]};
      addNew(merged.allow, bucket.allow);
      addNew(merged.deny, bucket.deny);
    }
    return merged ?? found ?? EMPTY;
  }

  private each(rule: Rule, update: (bucket: RuleBucket) => RuleBucket) {
    let byAction = this.buckets.get(rule.resource);
    if (!byAction) this.buckets.set(rule.resource, (byAction = new Map()));
    for (const action of rule.actions) {
      let bySubject = byAction.get(action);
      if (!bySubject) byAction.set(action, (bySubject = new Map()));
      for (const subject of rule.subjects) {
        const next = update(bySubject.get(subject) ?? EMPTY);
        if (next.allow.length === 0 && next.deny.length === 0) {
          bySubject.delete(subject);
        } else {
          bySubject.set(subject, next);
        }
      }
    }
  }
}

function addNew(target: CompiledRule[], source: readonly CompiledRule[]) {
  for (const item of source) {
    if (!target.includes(item)) target.push(item);
  }
}
