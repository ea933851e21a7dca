// Copyright The loopback-security-monorepo authors. License: MIT.

import {authorize, resolveAuthorizationCaller} from '@loopback/authorization';
import {Constructor, Context, inject, InvocationContext} from '@loopback/core';
import {get, param, post, requestBody, RestBindings} from '@loopback/rest';
import {securityId} from '@loopback/security';
import {DecisionExplainer} from '../explain/decision-explainer.service';
import {Explanation} from '../explain/explanation';
import {AuthorizationConsoleBindings, ConsolePeerBindings} from '../keys';
import {AccessMatrix} from '../matrix/access-matrix';
import {AccessMatrixService} from '../matrix/access-matrix.service';
import {checkMatrixRoles} from '../matrix/matrix-query';
import {ResolvedConsoleOptions} from '../types';
import {consoleRoleGuard} from '../interceptors/console-role.interceptor';
import {consoleAuthorization} from './console-authorization';
import {consoleOperation, errorResponse, jsonResponse} from './console-spec';

/**
 * What the console shows of its session: who is signed in and what the
 * application offers
 */
export interface ConsoleSession {
  /**
   * The administrator
   */
  user?: {id: string; name?: string};
  /**
   * The administrator's roles
   */
  roles: string[];
  /**
   * What the console can show and change
   */
  features: {
    /** A policy store is bound: the Policies page */
    policies: boolean;
    /** A role store is bound: the Roles page */
    roles: boolean;
    /** The role store can change roles */
    rolesEditable: boolean;
    /** Where the decision log is kept */
    decisionStore: 'memory' | 'postgres';
  };
}

class SessionQuestion {
  session() {}
}

/**
 * The console's controller of its session, explanations and the matrix, at
 * the configured path, for the configured roles
 * @param options - The console's options
 */
export function createConsoleApiController(
  options: ResolvedConsoleOptions,
): Constructor<unknown> {
  const base = options.path;
  const rules = consoleAuthorization(options.roles);

  @consoleRoleGuard(options.roles)
  class AuthorizationConsoleController {
    constructor(
      @inject(AuthorizationConsoleBindings.EXPLAINER)
      private readonly explainer: DecisionExplainer,
      @inject(AuthorizationConsoleBindings.MATRIX)
      private readonly matrix: AccessMatrixService,
      @inject(RestBindings.Http.CONTEXT)
      private readonly requestCtx: Context,
    ) {}

    @authorize(rules)
    @get(
      `${base}/session`,
      consoleOperation('The signed-in administrator and the features', {
        '200': jsonResponse('The session'),
      }),
    )
    async session(): Promise<ConsoleSession> {
      const ctx = this.requestCtx;
      const invocationCtx = new InvocationContext(
        ctx,
        SessionQuestion.prototype,
        'session',
        [],
      );
      const caller = await resolveAuthorizationCaller(invocationCtx);
      const roleStore = await ctx.get(AuthorizationConsoleBindings.ROLE_STORE, {
        optional: true,
      });
      const principal = caller.principals[0];
      const session: ConsoleSession = {
        roles: [...caller.roles],
        features: {
          policies: ctx.isBound(ConsolePeerBindings.POLICY_STORE),
          roles: roleStore !== undefined,
          rolesEditable: typeof roleStore?.setRoles === 'function',
          decisionStore: options.postgres ? 'postgres' : 'memory',
        },
      };
      if (principal) {
        const name: unknown = principal.name;
        session.user = {id: String(principal[securityId])};
        if (typeof name === 'string') session.user.name = name;
      }
      return session;
    }

    @authorize(rules)
    @post(
      `${base}/explain`,
      consoleOperation(
        'Explain what a request of a subject would get, without making it',
        {
          '200': jsonResponse('The explanation'),
          '422': errorResponse('A malformed question; details name the part'),
        },
      ),
    )
    async explain(
      @requestBody({
        required: true,
        content: {'application/json': {schema: {type: 'object'}}},
      })
      body: unknown,
    ): Promise<Explanation> {
      return this.explainer.explain(body);
    }

    @authorize(rules)
    @get(
      `${base}/matrix`,
      consoleOperation('Every route against every role', {
        '200': jsonResponse('The access matrix'),
        '400': errorResponse('A malformed `roles`; details name the item'),
      }),
    )
    async accessMatrix(
      @param({
        name: 'roles',
        in: 'query',
        schema: {type: 'array', items: {type: 'string'}},
        description: `The roles to show (default: the first ${options.matrixMaxRoles} the application knows)`,
      })
      roles?: string[],
    ): Promise<AccessMatrix> {
      return this.matrix.build(checkMatrixRoles(roles, options.matrixMaxRoles));
    }
  }
  return AuthorizationConsoleController;
}
