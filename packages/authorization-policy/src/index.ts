// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Policies as data for LoopBack 4.
 *
 * @remarks
 * One rule, kept as data, decides a single instance in memory, filters a
 * list in the database and hides a property: the policy voter checks
 * methods whose `@authorize` metadata names a `resource` and an `action`,
 * and `PolicyRepositoryMixin` guards repositories.
 *
 * What an application uses, and only that: how the rules are read, indexed
 * and turned into queries stays inside the package.
 *
 * @packageDocumentation
 */

// The component, its options and its binding keys
export * from './authorization-policy.component';
export * from './authorization-policy.options';
export * from './keys';
// Rules, and the engine that holds them: decide, filter, fields
export * from './types';
export {PolicyEngine} from './engine/policy.engine';
export {
  ModelWithDefinition,
  resourceFromModel,
  toResourceSchemas,
} from './engine/resource-schema';
export {BUILTIN_SUBJECTS, PRINCIPAL_PREFIX} from './engine/rule.validator';
export {
  CALLER_CONDITION_LIMITS,
  CONDITION_LIMITS,
  ConditionLimits,
} from './conditions/condition.limits';
// The caller the rules see
export * from './caller';
export {subjectsOf} from './engine/caller-buckets';
// The rules behind a route, for the access report
export * from './reports/policy-route-rules.describer';
// Guarded repositories
export * from './repositories/policy-repository.mixin';
export * from './repositories/policy-repository.types';
export {PolicyGuard} from './repositories/policy-guard';
// Stores of rules, and what a store of its own checks
export * from './stores/policy-store';
export {RepositoryPolicyStore} from './stores/repository.policy-store';
export * from './stores/policy-rule.model';
export {checkNewRule, ruleIdTaken} from './stores/new-rule';
// Errors
export {PolicyError, PolicyErrorCode, storeUnavailable} from './errors';
// The voter, the calls of a request and the providers the component binds
export * from './voters/policy.voter';
export * from './calls/policy-call';
export * from './calls/policy-call.interceptor';
export * from './providers/policy-caller.provider';
export * from './providers/policy-store.provider';
import './voters/policy-metadata';
