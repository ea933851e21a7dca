// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  checkNewRule,
  PolicyEngine,
  PolicyStore,
  Rule,
  RuleInput,
  ruleIdTaken,
} from '@loopback/authorization-policy';
import type {PostgresChangeFeed} from '../feeds/postgres-change-feed';
import type {PostgresAuthorizationStore} from '../stores/postgres-authorization.store';
import type {WriteResult} from '../stores/store.types';
import {PolicyEngineSink} from './policy-engine.sink';

/**
 * A rule created through {@link PostgresPolicyStore.createRule}, with the
 * revision of its write
 */
export interface CreatedRule {
  /**
   * The rule as stored, frozen
   */
  rule: Readonly<Rule>;
  /**
   * The revision of the write: send it back in the revision header for
   * read-your-writes on another instance
   */
  revision: number;
}

/**
 * The `PolicyStore` of `@loopback/authorization-policy` on the PostgreSQL
 * store: rules written through any instance are validated by the policy
 * package, stored with a revision, and applied to every instance's
 * `PolicyEngine` by its change feed, one change at a time.
 *
 * @remarks
 * {@link PostgresPolicyStore.engine} rejects with 503 while the instance is
 * stale (the change feed's `AUTHORIZATION_STORE_STALE`, with how far behind
 * it is and `Retry-After`), and before the rules are read and while a
 * stored rule is invalid (`POLICY_STORE_UNAVAILABLE`): the policy voter and
 * the repository mixin then refuse, never allow. A write resolves once this
 * instance has applied it, so it holds on the next request here; other
 * instances apply it when their feed reads it, or at once for a request
 * that carries its revision.
 */
export class PostgresPolicyStore implements PolicyStore {
  /**
   * @param store - Where the rules are kept
   * @param feed - This instance's change feed of that store
   * @param sink - The rules in an engine, subscribed to the feed (the
   * component subscribes it; subscribe it yourself outside a context)
   * @param revisionWaitMs - The longest wait for this instance to apply its
   * own write
   */
  constructor(
    private readonly store: PostgresAuthorizationStore,
    private readonly feed: PostgresChangeFeed,
    private readonly sink: PolicyEngineSink,
    private readonly revisionWaitMs: number,
  ) {}

  /** {@inheritDoc @loopback/authorization-policy#PolicyReader.engine} */
  async engine(): Promise<PolicyEngine> {
    // Subscribed after the feed's last read: the next read brings the rules
    if (!this.sink.loaded) await this.feed.sync();
    // The feed's own 503, with its details and Retry-After: a stale
    // instance answers alike whether the role mapper, the freshness voter or
    // the rules noticed it first
    this.feed.checkFresh();
    return this.sink.current();
  }

  /** {@inheritDoc @loopback/authorization-policy#PolicyStore.find} */
  async find(): Promise<Readonly<Rule>[]> {
    return (await this.engine()).rules();
  }

  /** {@inheritDoc @loopback/authorization-policy#PolicyStore.findById} */
  async findById(id: string): Promise<Readonly<Rule> | undefined> {
    return (await this.engine()).rules().find(r => r.id === id);
  }

  /** {@inheritDoc @loopback/authorization-policy#PolicyStore.create} */
  async create(input: RuleInput): Promise<Readonly<Rule>> {
    return (await this.createRule(input)).rule;
  }

  /**
   * Check and store a rule, as {@link PostgresPolicyStore.create} does, and
   * answer the revision of the write too
   * @param input - The rule
   */
  async createRule(input: RuleInput): Promise<CreatedRule> {
    const rule = checkNewRule(await this.engine(), input);
    // The store refuses a taken id in the transaction: another instance may
    // have written it since this one last read
    const {revision, changed} = await this.store.createRule(rule);
    if (!changed) throw ruleIdTaken(rule.id);
    await this.feed.requireRevision(revision, this.revisionWaitMs);
    return {rule, revision};
  }

  /** {@inheritDoc @loopback/authorization-policy#PolicyStore.deleteById} */
  async deleteById(id: string): Promise<boolean> {
    return (await this.deleteRule(id)).changed;
  }

  /**
   * Remove a rule, as {@link PostgresPolicyStore.deleteById} does, and
   * answer the revision of the write too
   * @param id - The rule's id
   */
  async deleteRule(id: string): Promise<WriteResult> {
    const result = await this.store.deleteRule(id);
    await this.feed.requireRevision(result.revision, this.revisionWaitMs);
    return result;
  }

  /**
   * Read the changes of the store now. The feed reads them anyway, on a
   * notification and on its timer; this only hastens it.
   */
  async refresh(): Promise<void> {
    await this.feed.sync();
  }
}
