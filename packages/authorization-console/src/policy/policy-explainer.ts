// Copyright The loopback-security-monorepo authors. License: MIT.

import {ConsoleCaller, ConsolePolicyEngine, ConsoleRule} from '../types';
import {engineOfOneRule, subjectsOfCaller} from './policy-package';

/**
 * A rule about the resource and action that applies to the caller
 */
export interface CandidateRule {
  /** The rule id */
  id: string;
  /** `allow` or `deny` */
  effect: 'allow' | 'deny';
  /** Its condition, if any */
  where?: object;
  /** The properties it covers, if any */
  fields?: string[];
  /**
   * With an instance: whether the rule holds for it (its condition is met)
   */
  matches?: boolean;
}

/**
 * The check of one instance, as the guarded repository makes it
 */
export interface InstanceCheck {
  /** The instance id */
  id: unknown;
  /** Whether the instance exists */
  exists: boolean;
  /** Whether the caller may act on it */
  allowed: boolean;
  /** The status the request gets when it may not: 404 or 403 */
  status?: number;
  /** The rule that decided, if one did */
  rule?: string;
  /** Why, in a sentence */
  reason: string;
}

/**
 * What the policy rules say about a caller, a resource type and an action
 */
export interface PolicyExplanation {
  /** The resource type */
  resource: string;
  /** The action */
  action: string;
  /** The check at the door: could the caller act on some instance? */
  door: {allowed: boolean; rule?: string};
  /** The `where` a list query of the caller gets */
  filter: {where: object; matchesNothing: boolean; ruleIds: string[]};
  /**
   * The properties the caller reads (`read`) and writes (the action, or
   * `update` for a read), of the instance when one is checked
   */
  fields: {readable: string[]; writable: string[]; writeAction: string};
  /** The rules about the resource and action that apply to the caller */
  rules: CandidateRule[];
  /** The instance check, when an instance is named */
  instance?: InstanceCheck;
}

/**
 * Explain the policy side of a call: the door check, the list filter, the
 * permitted properties, the rules that apply and, for an instance, the check
 * the guarded repository makes. Everything goes through the engine's public
 * API, so it means what the voter and the repository mean.
 *
 * @remarks
 * The instance check is that of `PolicyRepositoryMixin`: for `read`, an
 * instance the caller may not read is not found (404), as `findById`
 * answers; for `delete`, one it may not delete (`deleteById`); for any other
 * action (`update`, or an action of the method's own such as `cancel`,
 * which `updateById` and `checkInstanceAction` write or check under), an
 * instance the caller may not read is not found (404) and one it reads but
 * may not act on is refused (403), the rules of that action with their
 * condition deciding.
 *
 * @param engine - The rules in force
 * @param caller - The caller, as the rules see it
 * @param resource - The resource type
 * @param action - The action
 * @param instance - The instance id and its data (`undefined` for a missing
 * one), when an instance is checked
 */
export async function explainPolicy(
  engine: ConsolePolicyEngine,
  caller: ConsoleCaller,
  resource: string,
  action: string,
  instance?: {id: unknown; row: Record<string, unknown> | undefined},
): Promise<PolicyExplanation> {
  const row = instance?.row;
  const door = engine.decide(caller, resource, action);
  const writeAction = action === 'read' ? 'update' : action;
  const explanation: PolicyExplanation = {
    resource,
    action,
    door: withRule({allowed: door.allowed}, door.ruleId),
    filter: engine.filter(caller, resource, action),
    fields: {
      readable: engine.fields(caller, resource, 'read', row),
      writable: engine.fields(caller, resource, writeAction, row),
      writeAction,
    },
    rules: await candidateRules(engine, caller, resource, action, row),
  };
  if (instance) {
    explanation.instance = checkInstance(engine, caller, resource, action, {
      id: instance.id,
      row,
    });
  }
  return explanation;
}

function checkInstance(
  engine: ConsolePolicyEngine,
  caller: ConsoleCaller,
  resource: string,
  action: string,
  {id, row}: {id: unknown; row: Record<string, unknown> | undefined},
): InstanceCheck {
  if (!row) {
    return {
      id,
      exists: false,
      allowed: false,
      status: 404,
      reason: `no ${resource} has this id`,
    };
  }
  const refused = (status: 403 | 404, why: string, rule?: string) =>
    withRule(
      {
        id,
        exists: true,
        allowed: false,
        status,
        reason:
          status === 404 ? `${why}: it answers as if it did not exist` : why,
      },
      rule,
    );
  const refusal = (decided: {ruleId?: string}, what: string) =>
    decided.ruleId !== undefined
      ? `a deny rule refuses ${what} on this ${resource}`
      : `no rule allows ${what} on this ${resource}`;
  // A read and a delete are one statement under their own rules; any other
  // action writes (or checks) under the rules of reading AND of the action,
  // as `updateById` and `checkInstanceAction` do
  if (action !== 'read' && action !== 'delete') {
    const reading = engine.decide(caller, resource, 'read', row);
    if (!reading.allowed) {
      return refused(404, refusal(reading, 'read'), reading.ruleId);
    }
  }
  const acting = engine.decide(caller, resource, action, row);
  if (acting.allowed) {
    return withRule(
      {id, exists: true, allowed: true, reason: `a rule allows ${action}`},
      acting.ruleId,
    );
  }
  const hidden = action === 'read' || action === 'delete';
  return refused(hidden ? 404 : 403, refusal(acting, action), acting.ruleId);
}

async function candidateRules(
  engine: ConsolePolicyEngine,
  caller: ConsoleCaller,
  resource: string,
  action: string,
  row: Record<string, unknown> | undefined,
): Promise<CandidateRule[]> {
  const subjects = new Set(await subjectsOfCaller(caller));
  const result: CandidateRule[] = [];
  for (const rule of engine.rules()) {
    if (rule.resource !== resource || !rule.actions.includes(action)) continue;
    if (!rule.subjects.some(s => subjects.has(s))) continue;
    const candidate: CandidateRule = {id: rule.id, effect: rule.effect};
    if (rule.where) candidate.where = rule.where;
    if (rule.fields) candidate.fields = [...rule.fields];
    if (row) {
      const matches = await holdsFor(engine, rule, caller, action, row);
      if (matches !== undefined) candidate.matches = matches;
    }
    result.push(candidate);
  }
  return result;
}

/**
 * Whether a rule's condition holds for an instance: the rule alone decides
 * it (an allow rule allows, a deny rule names itself). A deny rule with
 * `fields` hides properties and decides nothing: left out.
 */
async function holdsFor(
  engine: ConsolePolicyEngine,
  rule: Readonly<ConsoleRule>,
  caller: ConsoleCaller,
  action: string,
  row: Record<string, unknown>,
): Promise<boolean | undefined> {
  if (rule.effect === 'deny' && rule.fields) return undefined;
  const one = await engineOfOneRule(engine, rule);
  return one.decide(caller, rule.resource, action, row).ruleId === rule.id;
}

function withRule<T extends object>(value: T, rule: string | undefined) {
  return rule === undefined ? value : {...value, rule};
}
