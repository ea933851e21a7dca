// Copyright The loopback-security-monorepo authors. License: MIT.

import type {Where} from '@loopback/repository';
import debugFactory from 'debug';
import {collectRefs} from '../conditions/condition';
import {validateRule, ValidRule} from './rule.validator';
import {
  PolicyCaller,
  PolicyChange,
  PolicyDecision,
  PolicyFilter,
  PolicyInstance,
  ResourceSchema,
  Rule,
} from '../types';
import {
  Attributes,
  compilePredicate,
  conditionToWhere,
  hasAttributes,
} from '../conditions/condition.compiler';
import {CallerBuckets} from './caller-buckets';
import {CompiledRule, PolicyIndex, RuleBucket} from './policy-index';
import {requiredValues} from './required-values';

const debug = debugFactory('loopback:authorization:policy:engine');

/**
 * The rules in force, indexed, and the three uses of their one meaning: (a)
 * decide an instance, (b) the `Where` of exactly the instances (a) allows,
 * (c) the properties (a) exposes.
 *
 * @remarks
 * A deny rule wins over every allow rule. A rule whose condition reads a
 * caller attribute the caller lacks (`$user.tenantId` of a user without
 * one) never widens access: such an allow rule grants nothing, and such a
 * deny rule refuses everything it names.
 */
export class PolicyEngine {
  private readonly resources = new Map<string, ResourceSchema>();
  private readonly index = new PolicyIndex();
  private readonly callers = new CallerBuckets();

  /**
   * @param resources - The resource types rules may name
   */
  constructor(resources: Iterable<ResourceSchema>) {
    for (const schema of resources) {
      this.resources.set(schema.name, Object.freeze({...schema}));
    }
  }

  /**
   * The number of rules in force
   */
  get size(): number {
    return this.index.size;
  }

  /**
   * The registered resource type of a name
   * @param name - The resource type name
   */
  resource(name: string): ResourceSchema | undefined {
    return this.resources.get(name);
  }

  /**
   * Check a rule without adding it; throws a 422 error that names the rule
   * and the part at fault
   * @param input - The rule, with its id
   * @param label - How to name the rule when it has no valid id
   * @param displayName - How to name the rule instead of by its id
   */
  validate(
    input: unknown,
    label?: string,
    displayName?: string,
  ): Readonly<Rule> {
    return this.check(input, label, displayName).rule;
  }

  /**
   * Add a rule, or replace the rule with its id
   * @param input - The rule, with its id
   * @returns The rule as stored, frozen
   */
  upsert(input: unknown): Readonly<Rule> {
    const valid = this.check(input);
    this.index.set(compile(valid));
    this.callers.clear();
    return valid.rule;
  }

  /**
   * Remove a rule
   * @param id - The rule id
   * @returns Whether there was one
   */
  remove(id: string): boolean {
    const removed = this.index.delete(id);
    if (removed) this.callers.clear();
    return removed;
  }

  /**
   * Apply changes all or nothing: when one rule is invalid, none changes
   * @param changes - The changes, in order
   */
  apply(changes: readonly PolicyChange[]): void {
    const compiled = changes.map((change, i) =>
      change.kind === 'upsert'
        ? compile(this.check(change.rule, `at change ${i}`))
        : change.id,
    );
    for (const item of compiled) {
      if (typeof item === 'string') this.index.delete(item);
      else this.index.set(item);
    }
    this.callers.clear();
  }

  /**
   * The rules in force, frozen
   */
  rules(): Readonly<Rule>[] {
    return Array.from(this.index.all(), c => c.rule);
  }

  /**
   * (a) May the caller perform the action on the instance? Without an
   * instance: could the caller perform it on some instance (the check at the
   * door of a method)? A door decision that holds only on conditions or for
   * some properties says `conditional`: the instances are then the business
   * of a guarded repository.
   *
   * @param caller - Who asks
   * @param resource - The resource type
   * @param action - The action
   * @param instance - The instance, as its properties
   */
  decide(
    caller: PolicyCaller,
    resource: string,
    action: string,
    instance?: PolicyInstance,
  ): PolicyDecision {
    const {allow, deny} = this.rulesAbout(caller, resource, action, instance);
    const user = caller.attributes;
    let limited = false;
    for (const rule of deny) {
      if (rule.fields) {
        limited = true;
        continue;
      }
      if (
        !rule.predicate ||
        !resolved(rule, user) ||
        (instance && rule.predicate(instance, user))
      ) {
        return rule.decision;
      }
      limited = true;
    }
    let conditional: PolicyDecision | undefined;
    for (const rule of allow) {
      if (!resolved(rule, user)) continue;
      if (!instance || !rule.predicate || rule.predicate(instance, user)) {
        if (instance) return rule.decision;
        // At the door, an unconditional rule over every property decides
        // outright; another allows only on the instances it matches
        if (!rule.predicate && !rule.fields && !limited) return rule.decision;
        conditional ??= rule.conditionalDecision;
      }
    }
    return conditional ?? NO_RULE;
  }

  /**
   * (b) The `Where` that selects exactly the instances that
   * {@link PolicyEngine.decide} allows the caller; with `properties`, only
   * those of them whose every listed property {@link PolicyEngine.fields}
   * permits too: the condition of a write of those properties, to put in
   * the statement that writes
   *
   * @param caller - Who asks
   * @param resource - The resource type
   * @param action - The action
   * @param properties - The properties written, if any
   */
  filter(
    caller: PolicyCaller,
    resource: string,
    action: string,
    properties: readonly string[] = [],
  ): PolicyFilter {
    const schema = this.resources.get(resource);
    if (properties.some(p => !schema || !hasOwn(schema.properties, p))) {
      // No rule grants a property the resource does not have
      return this.nothing(resource, []);
    }
    const {allow, deny} = this.rulesOf(caller, resource, action);
    const user = caller.attributes;
    const ruleIds: string[] = [];
    const parts: Where[] = [];
    for (const rule of deny) {
      // A deny rule with fields hides only them: it matters to a write of
      // one of them
      if (rule.fields && !properties.some(p => rule.fields!.has(p))) continue;
      ruleIds.push(rule.rule.id);
      if (!rule.condition || !resolved(rule, user)) {
        return this.nothing(resource, [rule.rule.id]);
      }
      parts.push(conditionToWhere(rule.condition, user, true));
    }
    const usable = allow.filter(rule => resolved(rule, user));
    for (const rule of usable) ruleIds.push(rule.rule.id);
    // Each property needs an allow rule that covers it on the instance;
    // properties covered by the same rules share one disjunction
    const groups = new Map<string, CompiledRule[]>();
    for (const property of properties.length ? properties : [undefined]) {
      const covering = usable.filter(
        rule => !property || !rule.fields || rule.fields.has(property),
      );
      groups.set(covering.map(r => r.rule.id).join('\u0000'), covering);
    }
    const granted: Where[] = [];
    for (const covering of groups.values()) {
      if (covering.length === 0) return this.nothing(resource, ruleIds);
      if (covering.some(rule => !rule.condition)) continue;
      const each = covering.map(rule =>
        conditionToWhere(rule.condition!, user),
      );
      granted.push(each.length === 1 ? each[0] : {or: each});
    }
    parts.unshift(...granted);
    const where =
      parts.length === 1 ? parts[0] : parts.length ? {and: parts} : {};
    return {where, matchesNothing: false, ruleIds};
  }

  /**
   * (c) The properties of the instance the caller may act on with the
   * action; none when {@link PolicyEngine.decide} denies. Without an
   * instance: the properties the caller may act on in every instance the
   * caller may act on at all.
   *
   * @param caller - Who asks
   * @param resource - The resource type
   * @param action - The action
   * @param instance - The instance, as its properties
   */
  fields(
    caller: PolicyCaller,
    resource: string,
    action: string,
    instance?: PolicyInstance,
  ): string[] {
    const schema = this.resources.get(resource);
    if (!schema) return [];
    if (instance && !this.decide(caller, resource, action, instance).allowed) {
      return [];
    }
    const {allow, deny} = this.rulesOf(caller, resource, action);
    const user = caller.attributes;
    const applies = (rule: CompiledRule) =>
      !rule.predicate || (instance && rule.predicate(instance, user));
    let granted: Set<string> | undefined;
    let any = false;
    for (const rule of allow) {
      if (!resolved(rule, user)) continue;
      if (instance && !applies(rule)) continue;
      any = true;
      const fields = rule.fields
        ? [...rule.fields]
        : Object.keys(schema.properties);
      if (instance) {
        // An instance: what any rule that matches it grants
        granted ??= new Set();
        for (const f of fields) granted.add(f);
      } else {
        // Every instance: what every rule grants
        granted = granted
          ? new Set(fields.filter(f => granted!.has(f)))
          : new Set(fields);
      }
    }
    if (!any || !granted) return [];
    for (const rule of deny) {
      if (!rule.fields) continue;
      if (!instance || !resolved(rule, user) || applies(rule)) {
        for (const f of rule.fields) granted.delete(f);
      }
    }
    return Object.keys(schema.properties).filter(f => granted!.has(f));
  }

  private rulesOf(
    caller: PolicyCaller,
    resource: string,
    action: string,
  ): RuleBucket {
    return this.callers.get(this.index, caller, resource, action);
  }

  /**
   * The rules {@link PolicyEngine.decide} tests: about an instance, only the
   * ones that could be the first to decide it, in the same order (a crowded
   * bucket is looked up by the instance's values, not scanned); at the door,
   * all of them
   */
  private rulesAbout(
    caller: PolicyCaller,
    resource: string,
    action: string,
    instance: PolicyInstance | undefined,
  ): RuleBucket {
    const rules = this.callers.get(this.index, caller, resource, action);
    return rules.about(instance, caller.attributes);
  }

  private nothing(resource: string, ruleIds: string[]): PolicyFilter {
    const id = this.resources.get(resource)?.idProperty ?? 'id';
    // Contradictory on every row, on every connector: no row is both
    return {
      where: {and: [{[id]: null}, {[id]: {neq: null}}]} as Where,
      matchesNothing: true,
      ruleIds,
    };
  }

  private check(
    input: unknown,
    label?: string,
    displayName?: string,
  ): ValidRule {
    const valid = validateRule(
      input,
      name => this.resources.get(name),
      label,
      displayName,
    );
    if (debug.enabled) debug('Rule %s is valid', valid.rule.id);
    return valid;
  }
}

function compile(valid: ValidRule): CompiledRule {
  const {rule, condition} = valid;
  return {
    rule,
    deny: rule.effect === 'deny',
    condition,
    predicate: condition && compilePredicate(condition),
    required: condition && requiredValues(condition),
    refs: condition ? collectRefs(condition) : [],
    fields: rule.fields && new Set(rule.fields),
    decision: Object.freeze({
      allowed: rule.effect === 'allow',
      ruleId: rule.id,
    }),
    conditionalDecision: Object.freeze({
      allowed: rule.effect === 'allow',
      ruleId: rule.id,
      conditional: true,
    }),
  };
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/**
 * The decision when no rule applies: denied
 */
const NO_RULE: PolicyDecision = Object.freeze({allowed: false});

/**
 * Does the caller have the attributes the rule reads? (Most rules read
 * none: no call then.)
 */
function resolved(rule: CompiledRule, user: Attributes): boolean {
  return rule.refs.length === 0 || hasAttributes(rule.refs, user);
}
