// Copyright The loopback-security-monorepo authors. License: MIT.

import {config, inject, Provider} from '@loopback/core';
import {DefaultCrudRepository, juggler} from '@loopback/repository';
import {toResourceSchemas} from '../engine/resource-schema';
import {AuthorizationPolicyBindings} from '../keys';
import {PolicyRule} from '../stores/policy-rule.model';
import {RepositoryPolicyStore} from '../stores/repository.policy-store';
import {AuthorizationPolicyOptions} from '../authorization-policy.options';

/**
 * Stores already made, by datasource and options: the store keeps its
 * compiled rules as long as neither is rebound or reconfigured
 */
const stores = new WeakMap<object, WeakMap<object, RepositoryPolicyStore>>();

/**
 * The default store: a {@link RepositoryPolicyStore} on the datasource bound
 * at `AuthorizationPolicyBindings.DATASOURCE`, or on a memory datasource of
 * its own, for the resources of the component's options.
 */
export class RepositoryPolicyStoreProvider implements Provider<RepositoryPolicyStore> {
  /**
   * @param options - The component's options
   * @param dataSource - Where to keep the rules
   */
  constructor(
    @config({fromBinding: AuthorizationPolicyBindings.COMPONENT})
    private readonly options: AuthorizationPolicyOptions = {},
    @inject(AuthorizationPolicyBindings.DATASOURCE, {optional: true})
    private readonly dataSource?: juggler.DataSource,
  ) {}

  /**
   * The store
   */
  value(): RepositoryPolicyStore {
    const dsKey: object = this.dataSource ?? stores;
    let byOptions = stores.get(dsKey);
    if (!byOptions) stores.set(dsKey, (byOptions = new WeakMap()));
    let store = byOptions.get(this.options);
    if (!store) {
      const dataSource =
        this.dataSource ?? new juggler.DataSource({connector: 'memory'});
      store = new RepositoryPolicyStore(
        new DefaultCrudRepository(PolicyRule, dataSource),
        toResourceSchemas(this.options.resources),
      );
      byOptions.set(this.options, store);
    }
    return store;
  }
}
