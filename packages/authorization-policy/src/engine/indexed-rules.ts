// Copyright The loopback-security-monorepo authors. License: MIT.

import {PolicyInstance, PropertyKind} from '../types';
import {Attributes, hasAttributes} from '../conditions/condition.compiler';
import type {CompiledRule} from './policy-index';
import {Literal, RequiredValues} from './required-values';

/**
 * Below this many indexed rules a decision scans the whole list: a few
 * closures cost less than looking up and merging
 */
const SCAN_UP_TO = 8;

type Refs = readonly (readonly [string, PropertyKind])[];

/**
 * The rules that require one value, in order: most often a single rule (a
 * tenant's or an instance's grant), kept without a set
 */
type Group = CompiledRule | Set<CompiledRule>;

/**
 * Rules of one bucket that name the same caller attributes, in order
 */
interface RefGroup {
  readonly refs: Refs;
  readonly rules: Set<CompiledRule>;
}

/**
 * The allow rules, or the deny rules, of one resource type, action and
 * subject, in the order they were added: a write costs O(1) (amortised, as
 * a `Map` or a `Set` does) however many rules share the bucket, and a
 * decision on an instance looks up the rules that require the instance's
 * value of a property instead of testing all of them.
 *
 * @remarks
 * Each rule has a rank, the order it was added in. A rule whose
 * condition requires a property to have one of a few literal values
 * (`CompiledRule.required`) is indexed by them; the others are "plain". The
 * complete list ({@link IndexedRules.list}) is built on first use after a
 * change, as a filter or the fields of a caller need every rule anyway; a
 * list once handed out is never changed.
 */
export class IndexedRules {
  private readonly ranks = new Map<CompiledRule, number>();
  private readonly plain = new Set<CompiledRule>();
  private readonly byValue = new Map<string, Map<Literal, Group>>();
  private readonly byRefs = new Map<string, RefGroup>();
  private indexed = 0;
  private next = 0;
  private listed?: readonly CompiledRule[];
  private plainListed?: readonly CompiledRule[];

  /**
   * @param deny - Whether these are deny rules: a deny rule with `fields`
   * never decides, and one whose caller attributes are missing decides
   * whatever the instance
   */
  constructor(private readonly deny: boolean) {}

  /**
   * The number of rules
   */
  get size(): number {
    return this.ranks.size;
  }

  /**
   * Add a rule, after every rule added before it
   * @param rule - The rule
   */
  add(rule: CompiledRule): void {
    if (this.ranks.has(rule)) return;
    this.ranks.set(rule, this.next++);
    this.listed = undefined;
    const key = this.keyOf(rule);
    if (!key) {
      if (this.decides(rule)) this.addPlain(rule);
      return;
    }
    this.indexed++;
    let byValue = this.byValue.get(key.field);
    if (!byValue) this.byValue.set(key.field, (byValue = new Map()));
    for (const value of key.values) {
      const group = byValue.get(value);
      if (group instanceof Set) group.add(rule);
      else if (group && group !== rule)
        byValue.set(value, new Set([group, rule]));
      else byValue.set(value, rule);
    }
    if (this.deny && rule.refs.length > 0) {
      const name = refsName(rule.refs);
      const group = this.byRefs.get(name);
      if (group) group.rules.add(rule);
      else this.byRefs.set(name, {refs: rule.refs, rules: new Set([rule])});
    }
  }

  /**
   * Remove a rule
   * @param rule - The rule
   */
  delete(rule: CompiledRule): void {
    if (!this.ranks.delete(rule)) return;
    this.listed = undefined;
    const key = this.keyOf(rule);
    if (!key) {
      if (this.plain.delete(rule)) this.plainListed = undefined;
      return;
    }
    this.indexed--;
    const byValue = this.byValue.get(key.field)!;
    for (const value of key.values) {
      const group = byValue.get(value);
      if (!(group instanceof Set)) byValue.delete(value);
      else if (group.delete(rule) && group.size === 1) {
        byValue.set(value, group.values().next().value!);
      }
    }
    if (byValue.size === 0) this.byValue.delete(key.field);
    if (this.deny && rule.refs.length > 0) {
      const name = refsName(rule.refs);
      const group = this.byRefs.get(name)!;
      group.rules.delete(rule);
      if (group.rules.size === 0) this.byRefs.delete(name);
    }
  }

  /**
   * Every rule, in order
   */
  list(): readonly CompiledRule[] {
    return (this.listed ??= [...this.ranks.keys()]);
  }

  /**
   * Whether {@link IndexedRules.about} looks rules up rather than handing
   * out the whole list
   */
  get narrows(): boolean {
    return this.indexed > SCAN_UP_TO;
  }

  /**
   * The rules that may decide about an instance for a caller, in order:
   * every rule of {@link IndexedRules.list} that could be the first to
   * decide, so that the first to decide among them is the first in the
   * whole list.
   *
   * @param instance - The instance
   * @param user - The caller's attributes
   */
  about(instance: PolicyInstance, user: Attributes): readonly CompiledRule[] {
    if (!this.narrows) return this.list();
    const sources: (readonly CompiledRule[])[] = [];
    const plain = (this.plainListed ??= [...this.plain]);
    if (plain.length > 0) sources.push(plain);
    for (const [field, byValue] of this.byValue) {
      const group = byValue.get(instance[field] as Literal);
      if (group) sources.push(group instanceof Set ? [...group] : [group]);
    }
    // A deny rule whose caller attributes are missing refuses whatever the
    // instance: the first of each such group is the one that would decide
    for (const group of this.byRefs.values()) {
      if (!hasAttributes(group.refs, user)) {
        sources.push([group.rules.values().next().value!]);
      }
    }
    if (sources.length === 1) return sources[0];
    return this.merge(sources);
  }

  private merge(sources: (readonly CompiledRule[])[]): CompiledRule[] {
    const merged: CompiledRule[] = [];
    const at = sources.map(() => 0);
    let last = -1;
    for (;;) {
      let best = -1;
      let bestRank = Infinity;
      for (let s = 0; s < sources.length; s++) {
        const rule = sources[s][at[s]];
        if (rule === undefined) continue;
        const rank = this.ranks.get(rule)!;
        if (rank < bestRank) {
          best = s;
          bestRank = rank;
        }
      }
      if (best < 0) return merged;
      const rule = sources[best][at[best]++];
      // A rule found twice (by its value and by its missing attributes)
      if (bestRank !== last) merged.push(rule);
      last = bestRank;
    }
  }

  private addPlain(rule: CompiledRule) {
    this.plain.add(rule);
    this.plainListed = undefined;
  }

  private decides(rule: CompiledRule): boolean {
    return !(this.deny && rule.fields);
  }

  private keyOf(rule: CompiledRule): RequiredValues | undefined {
    return this.decides(rule) ? rule.required : undefined;
  }
}

function refsName(refs: Refs): string {
  return refs.map(([name, kind]) => `${name}:${kind}`).join(',');
}
