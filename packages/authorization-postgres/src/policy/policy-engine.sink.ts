// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  PolicyEngine,
  ResourceSchema,
  storeUnavailable,
} from '@loopback/authorization-policy';
import debugFactory from 'debug';
import type {ChangeSubscriber} from '../feeds/change-feed.types';
import {RuleSink, subscribeRules} from '../feeds/rule.subscriber';
import type {
  StoreChange,
  StoredRule,
  StoreSnapshot,
} from '../stores/store.types';

const debug = debugFactory('loopback:authorization:postgres:policy');

/**
 * Keeps a `PolicyEngine` equal to the rules of the store, one change at a
 * time, as the change feed hands them over: a change subscriber, as the role
 * assignments and the revoked principals are, that takes the rule changes
 * and leaves the others.
 *
 * @remarks
 * A stored rule the policy package finds invalid (written around it, or by
 * an instance with other resource types) makes the policy unusable until it
 * is replaced or removed: deciding on the other rules could allow what it
 * was meant to deny. Its previous version is dropped at once, so that the
 * engine never holds a rule the store no longer has.
 */
export class PolicyEngineSink implements RuleSink, ChangeSubscriber {
  private engine?: PolicyEngine;
  private readonly invalid = new Map<string, string>();
  private readonly rules = subscribeRules(this);

  /**
   * @param resources - The resource types rules may name
   */
  constructor(private readonly resources: readonly ResourceSchema[]) {}

  /**
   * Whether the rules have been loaded once
   */
  get loaded(): boolean {
    return this.engine !== undefined;
  }

  /**
   * The engine with the rules in force; throws the 503 `PolicyError` of an
   * unavailable store before the first load or while a rule is invalid
   */
  current(): PolicyEngine {
    if (!this.engine) {
      throw storeUnavailable('the rules have not been read from PostgreSQL');
    }
    if (this.invalid.size > 0) {
      const [id, why] = this.invalid.entries().next().value!;
      throw storeUnavailable(`the stored rule "${id}" is invalid (${why})`);
    }
    return this.engine;
  }

  /** {@inheritDoc ChangeSubscriber.load} */
  load(snapshot: StoreSnapshot): void {
    this.rules.load(snapshot);
  }

  /** {@inheritDoc ChangeSubscriber.apply} */
  apply(change: StoreChange): void {
    this.rules.apply(change);
  }

  /** {@inheritDoc RuleSink.replaceAll} */
  replaceAll(rules: readonly Readonly<StoredRule>[]): void {
    const engine = new PolicyEngine(this.resources);
    this.invalid.clear();
    for (const rule of rules) this.put(engine, rule);
    this.engine = engine;
    debug('Loaded %d rules (%d invalid)', engine.size, this.invalid.size);
  }

  /** {@inheritDoc RuleSink.upsert} */
  upsert(rule: Readonly<StoredRule>): void {
    // A change that arrives before the first load is in the snapshot
    // that load brings
    if (this.engine) this.put(this.engine, rule);
  }

  /** {@inheritDoc RuleSink.remove} */
  remove(id: string): void {
    this.engine?.remove(id);
    this.invalid.delete(id);
  }

  private put(engine: PolicyEngine, rule: Readonly<StoredRule>) {
    try {
      engine.upsert(rule);
      this.invalid.delete(rule.id);
    } catch (err) {
      engine.remove(rule.id);
      this.invalid.set(rule.id, (err as Error).message);
      debug('Stored rule %s is invalid: %s', rule.id, (err as Error).message);
    }
  }
}
