// Copyright The loopback-security-monorepo authors. License: MIT.

import {PolicyInstance} from '../types';
import {Attributes} from './condition.compiler';
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

const NONE: readonly CompiledRule[] = Object.freeze([]);

/**
 * The allow or the deny rules of a bucket: a plain list, replaced on every
 * write, while short; an index once crowded
 */
type Side = readonly CompiledRule[] | IndexedRules;

/**
 * The rules of one resource type, action and subject: its allow rules and
 * its deny rules, each in the order they were added.
 *
 * @remarks
 * Most buckets hold a rule or two: they cost what two arrays cost, and a
 * write copies the short list it changes, so a list once handed out never
 * changes. A list of more than a few rules (per-tenant or per-instance
 * grants for one role) is kept in an {@link IndexedRules} instead, where a
 * write costs O(1) and a decision on an instance looks its rules up. Either
 * way a write into a bucket of `n` rules costs O(1) amortised.
 */
export class SubjectRules implements QuestionRules {
  private allowSide: Side = NONE;
  private denySide: Side = NONE;

  /**
   * The allow rules, in order
   */
  get allow(): readonly CompiledRule[] {
    return listOf(this.allowSide);
  }

  /**
   * The deny rules, in order
   */
  get deny(): readonly CompiledRule[] {
    return listOf(this.denySide);
  }

  /**
   * Whether it holds no rule
   */
  get empty(): boolean {
    return sizeOf(this.allowSide) === 0 && sizeOf(this.denySide) === 0;
  }

  /**
   * Whether {@link SubjectRules.about} looks rules up rather than handing out
   * the whole lists
   */
  get crowded(): boolean {
    return narrows(this.allowSide) || narrows(this.denySide);
  }

  /**
   * Add a rule after the rules of its effect
   * @param rule - The rule
   */
  add(rule: CompiledRule): void {
    if (rule.deny) this.denySide = added(this.denySide, rule, true);
    else this.allowSide = added(this.allowSide, rule, false);
  }

  /**
   * Remove a rule
   * @param rule - The rule
   */
  delete(rule: CompiledRule): void {
    if (rule.deny) this.denySide = removed(this.denySide, rule);
    else this.allowSide = removed(this.allowSide, rule);
  }

  /**
   * {@inheritDoc QuestionRules.about}
   */
  about(instance: PolicyInstance, user: Attributes): RuleBucket {
    if (!this.crowded) return this;
    const about = (side: Side) =>
      side instanceof IndexedRules ? side.about(instance, user) : side;
    return {allow: about(this.allowSide), deny: about(this.denySide)};
  }
}

function listOf(side: Side): readonly CompiledRule[] {
  return side instanceof IndexedRules ? side.list() : side;
}

function sizeOf(side: Side): number {
  return side instanceof IndexedRules ? side.size : side.length;
}

function narrows(side: Side): boolean {
  return side instanceof IndexedRules && side.narrows;
}

function added(side: Side, rule: CompiledRule, deny: boolean): Side {
  if (side instanceof IndexedRules) {
    side.add(rule);
    return side;
  }
  if (side.includes(rule)) return side;
  if (side.length < CROWDED_FROM) return [...side, rule];
  const indexed = new IndexedRules(deny);
  for (const old of side) indexed.add(old);
  indexed.add(rule);
  return indexed;
}

function removed(side: Side, rule: CompiledRule): Side {
  if (!(side instanceof IndexedRules)) {
    if (!side.includes(rule)) return side;
    return side.length === 1 ? NONE : side.filter(r => r !== rule);
  }
  side.delete(rule);
  return side.size > CROWDED_FROM / 2 ? side : side.list();
}
