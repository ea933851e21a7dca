// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationCaller,
  AuthorizationDecision,
} from '@loopback/authorization';
import {Context} from '@loopback/core';
import {ConsolePeerBindings} from '../keys';
import {InstanceReader} from '../policy/instance-reader';
import {explainPolicy} from '../policy/policy-explainer';
import {policyCallerOf} from '../policy/policy-package';
import {ConsolePolicyStore} from '../types';
import {Explanation} from './explanation';
import {describeError} from './run-decision';

const {ALLOW, DENY} = AuthorizationDecision;

/**
 * What an explanation asks the policy rules
 */
export interface PolicyQuestion {
  /** The action of the method, or of the question */
  action: string;
  /** The instance the call names, if any (the first path argument) */
  instanceId: unknown;
  /** Whether the door (the authorization pipeline) let the call in */
  doorPassed: boolean;
  /**
   * The policy store, given for a question about a resource type (whose
   * outcome the rules decide); looked up in the context otherwise
   */
  store?: ConsolePolicyStore;
}

/**
 * Add what the policy rules say, and let the instance check (or, for a
 * question about a resource, the rules) decide when the door let the
 * call in
 * @param instances - Reads the instance the call names, unguarded
 * @param explanation - The explanation so far; changed in place
 * @param ctx - The explanation's request context
 * @param caller - The caller the pipeline built; none leaves the rules out
 * @param resource - The resource type
 * @param question - The action, the instance and what the door decided
 */
export async function addPolicyOutcome(
  instances: InstanceReader,
  explanation: Explanation,
  ctx: Context,
  caller: AuthorizationCaller | undefined,
  resource: string,
  question: PolicyQuestion,
): Promise<void> {
  const {action, instanceId} = question;
  const store =
    question.store ??
    (await ctx.get(ConsolePeerBindings.POLICY_STORE, {optional: true}));
  if (!store || !caller) return;
  // What was being read when something failed, to say so
  let reading = 'The policy rules';
  try {
    const engine = await store.engine();
    const policyCaller = await policyCallerOf(caller);
    let instance: {id: unknown; row?: Record<string, unknown>} | undefined;
    if (instanceId !== undefined) {
      if (await instances.canRead(ctx, resource)) {
        reading = `${resource} ${JSON.stringify(String(instanceId))}`;
        instance = {
          id: instanceId,
          row: await instances.read(ctx, resource, instanceId),
        };
      } else {
        explanation.notes.push(
          `No unguarded repository of ${resource} was found: the instance is not checked`,
        );
      }
    }
    reading = 'The policy rules';
    const policy = await explainPolicy(
      engine,
      policyCaller,
      resource,
      action,
      instance && {id: instance.id, row: instance.row},
    );
    explanation.policy = policy;
    if (!question.doorPassed) return;
    const check = policy.instance;
    if (question.store && !check) {
      // A question about a resource: the rules at the door decide
      setOutcome(explanation, policy.door.allowed, policy.door.rule);
    } else if (check && !check.allowed) {
      explanation.decision = DENY;
      explanation.status = check.status;
      explanation.decidedBy = {kind: 'instance', reason: check.reason};
      if (check.rule !== undefined) explanation.decidedBy.rule = check.rule;
    } else if (question.store && check) {
      setOutcome(explanation, true, check.rule);
    }
  } catch (error) {
    const described = describeError(error);
    explanation.notes.push(
      `${reading} could not be read: ${described.message}`,
    );
    if (question.store) throw error;
    // The guarded repository would fail the same way once the door let
    // the call in: the request gets that error, never the door's Allow
    if (question.doorPassed) {
      explanation.decision = DENY;
      explanation.status = described.statusCode;
      explanation.decidedBy = {
        kind: 'error',
        reason: `${reading} could not be read`,
      };
      explanation.error = described;
    }
  }
}

function setOutcome(
  explanation: Explanation,
  allowed: boolean,
  rule: string | undefined,
): void {
  explanation.decision = allowed ? ALLOW : DENY;
  if (!allowed) explanation.status = 403;
  explanation.decidedBy =
    rule !== undefined
      ? {kind: 'rule', rule}
      : {kind: 'noRule', reason: 'no rule allows it'};
}
