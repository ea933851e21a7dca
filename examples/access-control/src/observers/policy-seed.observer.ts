// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationPolicyBindings,
  PolicyStore,
  RuleInput,
} from '@loopback/authorization-policy';
import {inject, LifeCycleObserver, lifeCycleObserver} from '@loopback/core';
import debugFactory from 'debug';
import orderPolicy from '../policies/order.policy.json';

const debug = debugFactory('loopback:example:access-control:policy-seed');

/**
 * The rules of the policy file, stored at first start
 */
export const POLICY_FILE_RULES: readonly RuleInput[] = Object.freeze(
  orderPolicy as RuleInput[],
);

/**
 * Stores the rules of the policy file when the store holds none: at first
 * start, or at every start without `DATA_FILE`. Once rules are stored, the
 * admin API manages them, and a restart keeps its changes.
 */
@lifeCycleObserver('seed')
export class PolicySeedObserver implements LifeCycleObserver {
  /**
   * @param store - The policy store
   */
  constructor(
    @inject(AuthorizationPolicyBindings.STORE)
    private readonly store: PolicyStore,
  ) {}

  /**
   * Store the rules of the policy file if there are none
   */
  async start(): Promise<void> {
    if ((await this.store.find()).length > 0) return;
    for (const rule of POLICY_FILE_RULES) await this.store.create(rule);
    debug('Stored the %d rules of the policy file', POLICY_FILE_RULES.length);
  }
}
