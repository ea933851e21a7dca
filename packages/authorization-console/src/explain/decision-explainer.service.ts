// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationCaller,
  AuthorizationDecision,
  describeAuthorizationRules,
  getAuthorizationMetadata,
  resolveAuthorizationCaller,
} from '@loopback/authorization';
import {inject, InvocationContext} from '@loopback/core';
import {RestBindings, RestServer, RouteSource} from '@loopback/rest';
import {consoleRoleRefusal} from '../interceptors/console-role.interceptor';
import {AuthorizationConsoleBindings, ConsolePeerBindings} from '../keys';
import {InstanceReader} from '../policy/instance-reader';
import {ControllerRouteMatch, ServerRoutes} from '../routes/server-routes';
import {ProfileFactory, ResolvedConsoleOptions, UserCheck} from '../types';
import {describeCaller, describeDecision} from './decision-description';
import {createExplainContext, ExplainSubject} from './explain-context';
import {checkExplainRequest, invalidExplainRequest} from './explain-request';
import {
  explainedRequest,
  isMalformedPath,
  malformedPath,
} from './explained-request';
import {Explanation} from './explanation';
import {addPolicyOutcome} from './policy-outcome';
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
        await addPolicyOutcome(
          this.instances,
          explanation,
          ctx,
          caller,
          metadata.resource,
          {
            action,
            instanceId,
            doorPassed: outcome.passed,
          },
        );
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
      await addPolicyOutcome(
        this.instances,
        explanation,
        ctx,
        caller,
        target.resource,
        {
          action: target.action,
          instanceId: target.instanceId,
          doorPassed: true,
          store,
        },
      );
      return explanation;
    } finally {
      explainCtx.ctx.close();
    }
  }

  private contextFor(subject: ExplainSubject) {
    return createExplainContext(this.server, subject, this.profileFactory);
  }
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
