// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  asRouteRuleDescriber,
  AuthorizationMetadata,
  RouteRuleDescriber,
  RouteRuleDescription,
} from '@loopback/authorization';
import {
  BindingKey,
  BindingScope,
  ContextTags,
  Getter,
  inject,
  injectable,
  Provider,
} from '@loopback/core';
import {AuthorizationPolicyBindings} from '../keys';
import {PolicyReader} from '../stores/policy-store';
import {Rule} from '../types';
import '../voters/policy-metadata';

/**
 * The key of the policy rules' route rule describer
 */
export const POLICY_ROUTE_RULE_DESCRIBER =
  BindingKey.create<RouteRuleDescriber>(
    'authorization.routeRuleDescribers.policy',
  );

/**
 * Tells the access report of `@loopback/authorization` which policy rules
 * decide a route: for a method whose `@authorize` names a `resource` and an
 * `action`, every rule in force of that resource and action, allow and
 * deny, by id, with its subjects, condition and fields, so that a reader of
 * the report sees who may call the route and on which instances. Other
 * methods are not its concern.
 *
 * @remarks
 * It reads the store as the voter does, when the report is made: a store
 * that cannot be read fails the report (503), rather than a report that
 * shows no rules.
 */
@injectable(asRouteRuleDescriber, {
  scope: BindingScope.SINGLETON,
  tags: {[ContextTags.KEY]: POLICY_ROUTE_RULE_DESCRIBER},
})
export class PolicyRouteRuleDescriberProvider implements Provider<RouteRuleDescriber> {
  /**
   * @param getStore - The store, looked up on every report so that a
   * rebinding takes effect on the next one
   */
  constructor(
    @inject.getter(AuthorizationPolicyBindings.STORE)
    private readonly getStore: Getter<PolicyReader>,
  ) {}

  /**
   * The describer
   */
  value(): RouteRuleDescriber {
    return metadata => this.describe(metadata);
  }

  /**
   * The rules behind a route's metadata; `undefined` when it names no
   * resource and action
   * @param metadata - The rule in force for the route's method
   */
  async describe(
    metadata: Readonly<AuthorizationMetadata>,
  ): Promise<RouteRuleDescription[] | undefined> {
    const {resource, action} = metadata;
    if (typeof resource !== 'string' || typeof action !== 'string') {
      return undefined;
    }
    const engine = await (await this.getStore()).engine();
    return engine
      .rules()
      .filter(
        rule => rule.resource === resource && rule.actions.includes(action),
      )
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(describeRule);
  }
}

function describeRule(rule: Readonly<Rule>): RouteRuleDescription {
  const described: RouteRuleDescription = {
    id: rule.id,
    effect: rule.effect,
    subjects: [...rule.subjects],
  };
  if (rule.where !== undefined) described.where = rule.where;
  if (rule.fields !== undefined) described.fields = [...rule.fields];
  return described;
}
