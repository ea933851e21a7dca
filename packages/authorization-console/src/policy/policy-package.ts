// Copyright The loopback-security-monorepo authors. License: MIT.

import type {AuthorizationCaller} from '@loopback/authorization';
import type {ConsoleCaller, ConsolePolicyEngine, ConsoleRule} from '../types';

// `@loopback/authorization-policy` is an optional peer: it is loaded only
// when a policy store is bound, which only that package provides.
type PolicyModule = typeof import('@loopback/authorization-policy');
type ResourceSchema = import('@loopback/authorization-policy').ResourceSchema;

let loaded: Promise<PolicyModule> | undefined;

function policyModule(): Promise<PolicyModule> {
  loaded ??= import('@loopback/authorization-policy');
  return loaded;
}

/**
 * The caller the policy rules see for a pipeline's caller: what a guarded
 * repository's default caller (`PolicyCallerProvider`) makes of it, with
 * the same function
 * @param caller - The caller, as `resolveAuthorizationCaller` built it
 */
export async function policyCallerOf(
  caller: AuthorizationCaller,
): Promise<ConsoleCaller> {
  return (await policyModule()).callerFromAuthorizationCaller(caller);
}

/**
 * The subjects of the rules a caller matches (its roles, itself and the
 * built-in roles), as the engine matches them
 * @param caller - The caller
 */
export async function subjectsOfCaller(
  caller: ConsoleCaller,
): Promise<string[]> {
  return (await policyModule()).subjectsOf(caller);
}

/**
 * An engine holding one rule of another engine: what that rule alone
 * decides, with the same meaning
 * @param engine - The engine the rule is in force in
 * @param rule - The rule
 */
export async function engineOfOneRule(
  engine: ConsolePolicyEngine,
  rule: Readonly<ConsoleRule>,
): Promise<ConsolePolicyEngine> {
  const {PolicyEngine} = await policyModule();
  const schema = engine.resource(rule.resource) as ResourceSchema | undefined;
  const one = new PolicyEngine(schema ? [schema] : []);
  one.upsert(rule);
  return one;
}
