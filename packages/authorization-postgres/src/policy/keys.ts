// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingKey, Component, CoreBindings} from '@loopback/core';
import type {PolicyEngineSink} from './policy-engine.sink';

/**
 * Binding keys of `PostgresPolicyComponent`
 */
export namespace PostgresPolicyBindings {
  /**
   * The key the component is bound under
   */
  export const COMPONENT = BindingKey.create<Component>(
    `${CoreBindings.COMPONENTS}.PostgresPolicyComponent`,
  );

  /**
   * The rules of the store in a `PolicyEngine`, a change subscriber the
   * feed keeps up to date; the policy store reads its engine
   */
  export const RULES = BindingKey.create<PolicyEngineSink>(
    'authorization.postgres.policyRules',
  );
}
