// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationPolicyBindings,
  PolicyStore,
  RuleInput,
} from '@loopback/authorization-policy';
import {inject, LifeCycleObserver, lifeCycleObserver} from '@loopback/core';
import debugFactory from 'debug';
import type {DbDataSource} from '../datasources/db.datasource';
import {withSetupLock} from '../datasources/setup-lock';
import {AccessControlBindings} from '../keys';
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
 * admin API manages them, and a restart keeps its changes. In PostgreSQL
 * mode it reads the store afresh and writes under the set-up lock, so
 * instances started together store the rules once.
 */
@lifeCycleObserver('seed')
export class PolicySeedObserver implements LifeCycleObserver {
  /**
   * @param store - The policy store
   * @param dataSource - The `db` datasource, for the set-up lock
   */
  constructor(
    @inject(AuthorizationPolicyBindings.STORE)
    private readonly store: PolicyStore,
    @inject(AccessControlBindings.DATASOURCE)
    private readonly dataSource: DbDataSource,
  ) {}

  /**
   * Store the rules of the policy file if there are none
   */
  start(): Promise<void> {
    return withSetupLock(this.dataSource, async () => {
      // What an instance that held the lock before wrote
      await this.store.refresh();
      if ((await this.store.find()).length > 0) return;
      for (const rule of POLICY_FILE_RULES) await this.store.create(rule);
      debug('Stored the %d rules of the policy file', POLICY_FILE_RULES.length);
    });
  }
}
