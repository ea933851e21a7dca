// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationPolicyBindings,
  AuthorizationPolicyOptions,
  toResourceSchemas,
} from '@loopback/authorization-policy';
import {config, Provider} from '@loopback/core';
import {PolicyEngineSink} from './policy-engine.sink';

/**
 * The rules of the store in an engine, for the resource types of the policy
 * component's options; bound as a singleton and as a change subscriber, so
 * that one engine follows the feed
 */
export class PolicyEngineSinkProvider implements Provider<PolicyEngineSink> {
  /**
   * @param policyOptions - The policy component's options
   */
  constructor(
    @config({fromBinding: AuthorizationPolicyBindings.COMPONENT})
    private readonly policyOptions: AuthorizationPolicyOptions = {},
  ) {}

  /**
   * The rules, empty until the feed loads them
   */
  value(): PolicyEngineSink {
    return new PolicyEngineSink(
      toResourceSchemas(this.policyOptions.resources),
    );
  }
}
