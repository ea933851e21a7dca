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
 * @packageDocumentation
 */

export * from './authorization-policy.component';
export * from './authorization-policy.options';
export * from './caller';
export * from './calls/policy-call';
export * from './calls/policy-call.interceptor';
export * from './engine/caller-buckets';
export * from './engine/condition.compiler';
export * from './engine/policy-index';
export * from './engine/policy.engine';
export type {QuestionRules} from './engine/question-rules';
export type {Literal, RequiredValues} from './engine/required-values';
export * from './engine/resource-schema';
export * from './errors';
export * from './keys';
export * from './models/policy-rule.model';
export * from './providers/policy-caller.provider';
export * from './providers/policy-store.provider';
export * from './reports/policy-route-rules.describer';
export * from './repositories/caller-filter';
export {checkCallerInclude} from './repositories/caller-include';
export * from './repositories/policy-guard';
export * from './repositories/policy-repository.mixin';
export * from './repositories/policy-repository.types';
export * from './rules/condition';
export * from './rules/rule.validator';
export * from './stores/new-rule';
export * from './stores/policy-store';
export * from './stores/repository.policy-store';
export * from './types';
export * from './voters/policy.voter';
import './voters/policy-metadata';
