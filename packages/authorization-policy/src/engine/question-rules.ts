// Copyright The loopback-security-monorepo authors. License: MIT.

import {PolicyInstance} from '../types';
import {Attributes} from '../conditions/condition.compiler';
import type {CompiledRule, RuleBucket} from './policy-index';
import type {SubjectRules} from './subject-rules';

/**
 * The rules of one question (a resource type and an action) for a caller
 */
export interface QuestionRules extends RuleBucket {
  /**
   * The rules that may decide about an instance: for each list, the rules
   * that could be the first to decide, in order, so that the first rule of
   * a list to decide is the first of the whole list to decide. Without a
   * crowded bucket, or without an instance (the check at the door), the
   * whole lists.
   *
   * @param instance - The instance, if any
   * @param user - The caller's attributes
   */
  about(instance: PolicyInstance | undefined, user: Attributes): RuleBucket;
}

/**
 * The rules of one question that name one of several of a caller's
 * subjects: the buckets of those subjects, in the caller's order of
 * subjects, each rule once.
 *
 * @remarks
 * `allow` and `deny` are the merged lists, in that order: the first
 * subject's rules in the order they were added, then the next subject's
 * rules not seen yet, and so on. They are merged on first use and kept, as
 * is every list handed out: the rules in force are those of the moment of
 * that use, and whoever keeps this object forgets it when the rules change
 * (as `CallerBuckets` does).
 */
export class MergedRules implements QuestionRules {
  private lists?: RuleBucket;
  private readonly crowded: boolean;

  /**
   * @param buckets - The buckets of the caller's subjects, in order, each
   * once
   */
  constructor(private readonly buckets: readonly SubjectRules[]) {
    this.crowded = buckets.some(b => b.crowded);
  }

  /**
   * The allow rules, in order
   */
  get allow(): readonly CompiledRule[] {
    return this.whole().allow;
  }

  /**
   * The deny rules, in order
   */
  get deny(): readonly CompiledRule[] {
    return this.whole().deny;
  }

  /**
   * {@inheritDoc QuestionRules.about}
   */
  about(instance: PolicyInstance | undefined, user: Attributes): RuleBucket {
    if (!instance || !this.crowded) return this.whole();
    // The first rule to decide in a bucket is the first to decide in the
    // merged list, unless an earlier bucket has one: each bucket's own
    // candidates, joined in the same order, keep that
    const about = this.buckets.map(b => b.about(instance, user));
    return {
      allow: oncePerRule(about.map(b => b.allow)),
      deny: oncePerRule(about.map(b => b.deny)),
    };
  }

  private whole(): RuleBucket {
    return (this.lists ??= {
      allow: oncePerRule(this.buckets.map(b => b.allow)),
      deny: oncePerRule(this.buckets.map(b => b.deny)),
    });
  }
}

/**
 * Lists joined, a rule that is in two of them (it names two of the
 * caller's subjects) at its first place
 */
function oncePerRule(
  lists: readonly (readonly CompiledRule[])[],
): readonly CompiledRule[] {
  if (lists.length === 1) return lists[0];
  const seen = new Set<CompiledRule>();
  const merged: CompiledRule[] = [];
  for (const list of lists) {
    for (const rule of list) {
      if (seen.has(rule)) continue;
      seen.add(rule);
      merged.push(rule);
    }
  }
  return merged;
}
