// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationCaller,
  AuthorizationDecision,
  AuthorizationDecisionRecord,
  describeAuthorizationRules,
  getAuthorizationMetadata,
  resolveAuthorizationCaller,
} from '@loopback/authorization';
import {Context, inject, InvocationContext} from '@loopback/core';
import {RestBindings, RestServer, RouteSource} from '@loopback/rest';
import {securityId} from '@loopback/security';
import {consoleRoleRefusal} from '../interceptors/console-role.interceptor';
import {AuthorizationConsoleBindings, ConsolePeerBindings} from '../keys';
import {InstanceReader} from '../policy/instance-reader';
import {explainPolicy} from '../policy/policy-explainer';
import {policyCallerOf} from '../policy/policy-package';
import {ControllerRouteMatch, ServerRoutes} from '../routes/server-routes';
import {
  ConsolePolicyStore,
  ProfileFactory,
  ResolvedConsoleOptions,
  UserCheck,
} from '../types';
import {decidedByVotes, ruleOfReason} from './decided-by';
import {createExplainContext, ExplainSubject} from './explain-context';
import {checkExplainRequest, invalidExplainRequest} from './explain-request';
import {
  explainedRequest,
  isMalformedPath,
  malformedPath,
} from './explained-request';
import {Explanation} from './explanation';
import {
  bodyIndexOf,
  firstPathArg,
  objectQueryParams,
  parseArgs,
} from './route-args';
import {describeError, runDecision, statusOf} from './run-decision';
import {refusalOfUser} from './user-refusal';

const {ALLOW, DENY} = AuthorizationDecision;

/**
 * The target of an explanation about a resource type rather than a route
 */
class ResourceQuestion {
  explain() {}
}

/**
 * Explains what a request of a subject would get, and why, without making
 * it: the route is found by the application's router, the caller is built
 * and the decision made by the pipeline of `@loopback/authorization` in a
 * context like a request's, but the method never runs, nothing is written
 * and no decision listener hears of it.
 */
export class DecisionExplainer {
  private readonly instances: InstanceReader;

  /**
   * @param server - The REST server, whose context requests are children of
   * @param routes - Its routes
   * @param options - The console's options
   * @param profileFactory - Builds the profile of a user, if bound
   * @param userCheck - Authentication's check of a user, if bound
   */
  constructor(
    @inject(RestBindings.SERVER) private readonly server: RestServer,
    @inject(AuthorizationConsoleBindings.ROUTES)
    private readonly routes: ServerRoutes,
    @inject(AuthorizationConsoleBindings.OPTIONS)
    options: ResolvedConsoleOptions,
    @inject(AuthorizationConsoleBindings.PROFILE_FACTORY, {optional: true})
    private readonly profileFactory?: ProfileFactory,
    @inject(AuthorizationConsoleBindings.USER_CHECK, {optional: true})
    private readonly userCheck?: UserCheck,
  ) {
    this.instances = new InstanceReader(options.repositories);
  }

  /**
   * Explain the request an explain body describes
   * @param body - The body of `POST <path>/explain`; checked here (422)
   */
  async explain(body: unknown): Promise<Explanation> {
    const {subject, target} = checkExplainRequest(body);
    const refused = await refusalOfUser(
      subject,
      this.userCheck,
      this.profileFactory,
    );
    if (refused) return refused;
    if (target.kind === 'resource') {
      return this.explainResource(subject, target);
    }
    const request = explainedRequest(this.server, target.path);
    let match: ControllerRouteMatch | undefined;
    try {
      match = this.routes.match(target.verb, request.path);
    } catch (error) {
      if (isMalformedPath(error)) throw malformedPath(request.path);
      throw error;
    }
    if (!match) {
      return {
        decision: ALLOW,
        decidedBy: {
          kind: 'notController',
          reason:
            'no API route matches: authorization never sees it (a static ' +
            'asset, an Express route, or 404)',
        },
        votes: [],
        roles: [],
        scopes: [],
        notes: [],
      };
    }
    let args: unknown[];
    try {
      args = await parseArgs(match.route, request.path, request.query);
    } catch (error) {
      return {
        decision: DENY,
        status: statusOf(error),
        decidedBy: {kind: 'parameters', reason: describeError(error).message},
        votes: [],
        roles: [],
        scopes: [],
        error: describeError(error),
        notes: [],
      };
    }
    const explanation = await this.explainInvocation(subject, match, args);
    if (bodyIndexOf(match.route) !== undefined) {
      explanation.notes.push(
        'The request body is not checked: a real request with an invalid ' +
          'body is refused (400 or 422) before authorization',
      );
    }
    const objects = objectQueryParams(match.route, request.query);
    if (objects.length > 0 && explanation.policy) {
      explanation.notes.push(
        `The query parameter ${objects.join(', ')} is parsed but not ` +
          'evaluated: the method passes it on, and the guarded repository ' +
          'refuses a filter naming a property the caller may not read ' +
          '(403 FORBIDDEN_FILTER) or a malformed one (400 ' +
          'INVALID_POLICY_FILTER); policy.fields.readable lists what the ' +
          'caller may name',
      );
    }
    return explanation;
  }

  /**
   * Explain the invocation of a controller method by a route, with given
   * arguments
   * @param subject - Who asks
   * @param match - The route and its method
   * @param args - The arguments of the method
   * @param include - `policy: false` leaves out what the policy rules say
   */
  async explainInvocation(
    subject: ExplainSubject,
    match: ControllerRouteMatch,
    args: unknown[],
    include: {policy?: boolean} = {},
  ): Promise<Explanation> {
    const explainCtx = await this.contextFor(subject);
    try {
      const {ctx} = explainCtx;
      ctx.bind(RestBindings.Operation.ROUTE).to(match.route);
      ctx.bind(RestBindings.Operation.PARAMS).to(args);
      const invocationCtx = new InvocationContext(
        ctx,
        match.controller.prototype,
        match.methodName,
        args,
        new RouteSource(match.route),
      );
      const outcome = await runDecision(invocationCtx);
      const record = explainCtx.record();
      const caller = await callerOrNone(invocationCtx);
      const explanation = describeDecision(outcome, record, caller);
      // The console's own role check follows the vote on its routes
      const refused = outcome.passed
        ? consoleRoleRefusal(match.controller, caller)
        : undefined;
      if (refused) {
        explanation.decision = DENY;
        explanation.status = refused.status;
        explanation.decidedBy = {kind: 'consoleRole', reason: refused.reason};
      }
      const metadata =
        record?.metadata ??
        getAuthorizationMetadata(match.controller, match.methodName);
      explanation.route = {
        verb: match.route.verb.toUpperCase(),
        path: match.route.path,
        controller: match.controller.name,
        method: match.methodName,
      };
      if (metadata) {
        explanation.route.rules = describeAuthorizationRules(metadata);
      }
      const action = (metadata as {action?: unknown} | undefined)?.action;
      if (
        include.policy !== false &&
        typeof metadata?.resource === 'string' &&
        typeof action === 'string'
      ) {
        const instanceId = firstPathArg(match.route, args);
        await this.addPolicy(explanation, ctx, caller, metadata.resource, {
          action,
          instanceId,
          doorPassed: outcome.passed,
        });
      }
      return explanation;
    } finally {
      explainCtx.ctx.close();
    }
  }

  private async explainResource(
    subject: ExplainSubject,
    target: {resource: string; action: string; instanceId?: string | number},
  ): Promise<Explanation> {
    const explainCtx = await this.contextFor(subject);
    try {
      const {ctx} = explainCtx;
      const store = await ctx.get(ConsolePeerBindings.POLICY_STORE, {
        optional: true,
      });
      if (!store) {
        throw invalidExplainRequest(
          'resource',
          'no policy store is bound: mount AuthorizationPolicyComponent',
        );
      }
      const engine = await store.engine();
      if (!engine.resource(target.resource)) {
        throw invalidExplainRequest(
          'resource',
          `unknown resource type "${target.resource}"`,
        );
      }
      const invocationCtx = new InvocationContext(
        ctx,
        ResourceQuestion.prototype,
        'explain',
        [],
      );
      const caller = await resolveAuthorizationCaller(invocationCtx);
      const explanation = describeCaller(caller, {
        decision: ALLOW,
        decidedBy: {kind: 'noRule'},
        votes: [],
        notes: [],
      });
      await this.addPolicy(explanation, ctx, caller, target.resource, {
        action: target.action,
        instanceId: target.instanceId,
        doorPassed: true,
        store,
      });
      return explanation;
    } finally {
      explainCtx.ctx.close();
    }
  }

  private contextFor(subject: ExplainSubject) {
    return createExplainContext(this.server, subject, this.profileFactory);
  }

  /**
   * Add what the policy rules say, and let the instance check (or, for a
   * question about a resource, the rules) decide when the door let the
   * call in
   */
  private async addPolicy(
    explanation: Explanation,
    ctx: Context,
    caller: AuthorizationCaller | undefined,
    resource: string,
    question: {
      action: string;
      instanceId: unknown;
      doorPassed: boolean;
      store?: ConsolePolicyStore;
    },
  ): Promise<void> {
    const {action, instanceId} = question;
    const store =
      question.store ??
      (await ctx.get(ConsolePeerBindings.POLICY_STORE, {optional: true}));
    if (!store || !caller) return;
    try {
      const engine = await store.engine();
      const policyCaller = await policyCallerOf(caller);
      let instance: {id: unknown; row?: Record<string, unknown>} | undefined;
      if (instanceId !== undefined) {
        if (await this.instances.canRead(ctx, resource)) {
          instance = {
            id: instanceId,
            row: await this.instances.read(ctx, resource, instanceId),
          };
        } else {
          explanation.notes.push(
            `No unguarded repository of ${resource} was found: the instance is not checked`,
          );
        }
      }
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
      explanation.notes.push(
        `The policy rules could not be read: ${describeError(error).message}`,
      );
      if (question.store) throw error;
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

function describeDecision(
  outcome: {passed: boolean; error?: unknown},
  record: AuthorizationDecisionRecord | undefined,
  caller: AuthorizationCaller | undefined,
): Explanation {
  const votes = (record?.votes ?? []).map(vote => {
    const rule = ruleOfReason(vote.reason);
    return {
      voter: vote.voter,
      decision: vote.decision,
      ...(vote.reason !== undefined && {reason: vote.reason}),
      ...(rule !== undefined && {rule}),
    };
  });
  const explanation = describeCaller(caller, {
    decision: outcome.passed ? ALLOW : DENY,
    decidedBy: record
      ? decidedByVotes(record.votes, record.error)
      : outcome.passed
        ? {kind: 'skipped', reason: 'no authorization rule applies'}
        : {kind: 'error', reason: describeError(outcome.error).message},
    votes,
    notes: [],
  });
  if (!outcome.passed) {
    explanation.status = statusOf(outcome.error);
    explanation.error = describeError(outcome.error);
  }
  return explanation;
}

function describeCaller(
  caller: AuthorizationCaller | undefined,
  rest: Pick<Explanation, 'decision' | 'decidedBy' | 'votes' | 'notes'>,
): Explanation {
  const explanation: Explanation = {
    ...rest,
    roles: [...(caller?.roles ?? [])],
    scopes: [...(caller?.scopes ?? [])],
  };
  const principal = caller?.principals[0];
  if (principal) {
    const name: unknown = principal.name;
    explanation.user = {id: String(principal[securityId])};
    if (typeof name === 'string') explanation.user.name = name;
  }
  return explanation;
}

async function callerOrNone(
  invocationCtx: InvocationContext,
): Promise<AuthorizationCaller | undefined> {
  try {
    return await resolveAuthorizationCaller(invocationCtx);
  } catch {
    // The decision failed the same way, and says why
    return undefined;
  }
}
