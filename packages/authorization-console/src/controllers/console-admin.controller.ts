// Copyright The loopback-security-monorepo authors. License: MIT.

import {authorize} from '@loopback/authorization';
import {Constructor, Context, inject} from '@loopback/core';
import {
  del,
  get,
  param,
  post,
  put,
  requestBody,
  Response,
  RestBindings,
} from '@loopback/rest';
import {consoleError} from '../console-errors';
import {show} from '../console-options';
import {AuthorizationConsoleBindings, ConsolePeerBindings} from '../keys';
import {checkRuleInput} from '../policy/rule-input';
import {
  ConsolePolicyStore,
  ConsoleRule,
  ResolvedConsoleOptions,
  RoleStore,
  RoleStoreUser,
} from '../types';
import {consoleRoleGuard} from '../interceptors/console-role.interceptor';
import {checkRoleNameList} from '../role-names';
import {consoleAuthorization} from './console-authorization';
import {consoleOperation, errorResponse, jsonResponse} from './console-spec';

const MAX_ROLES = 100;

/**
 * The console's controller of the policy rules and the users' roles, at the
 * configured path, for the configured roles. Each answers 404 when the
 * store it needs is not bound.
 * @param options - The console's options
 */
export function createConsoleAdminController(
  options: ResolvedConsoleOptions,
): Constructor<unknown> {
  const base = options.path;
  const rules = consoleAuthorization(options.roles);

  @consoleRoleGuard(options.roles)
  class AuthorizationConsoleAdminController {
    constructor(
      @inject(RestBindings.Http.CONTEXT) private readonly ctx: Context,
      @inject(RestBindings.Http.RESPONSE) private readonly response: Response,
    ) {}

    @authorize(rules)
    @get(
      `${base}/policies`,
      consoleOperation('The policy rules in force', {
        '200': jsonResponse('The rules', {type: 'array'}),
        '404': errorResponse('No policy store is bound'),
      }),
    )
    async listPolicies(): Promise<readonly Readonly<ConsoleRule>[]> {
      return (await this.policyStore()).find();
    }

    @authorize(rules)
    @post(
      `${base}/policies`,
      consoleOperation('Add a policy rule', {
        '201': jsonResponse('The stored rule, with its id'),
        '422': errorResponse('An invalid rule; details name the part'),
      }),
    )
    async createPolicy(
      @requestBody({
        required: true,
        content: {'application/json': {schema: {type: 'object'}}},
      })
      body: unknown,
    ): Promise<unknown> {
      const store = await this.policyStore();
      const input = checkRuleInput(await store.engine(), body);
      const created = await store.create(input);
      this.response.status(201);
      return created;
    }

    @authorize(rules)
    @del(
      `${base}/policies/{id}`,
      consoleOperation('Remove a policy rule', {
        '204': {description: 'Removed'},
        '404': errorResponse('No such rule, or no policy store'),
      }),
    )
    async deletePolicy(@param.path.string('id') id: string): Promise<void> {
      const store = await this.policyStore();
      if (!(await store.deleteById(id))) {
        throw consoleError(404, 'NOT_FOUND', `No policy rule "${id}"`);
      }
      this.response.status(204);
    }

    @authorize(rules)
    @get(
      `${base}/roles`,
      consoleOperation('The users and their roles', {
        '200': jsonResponse('The users'),
        '404': errorResponse('No role store is bound'),
      }),
    )
    async listRoles(): Promise<{editable: boolean; users: RoleStoreUser[]}> {
      const store = await this.roleStore();
      return {
        editable: typeof store.setRoles === 'function',
        users: await store.listUsers(),
      };
    }

    @authorize(rules)
    @put(
      `${base}/roles/{id}`,
      consoleOperation('Replace the roles of a user', {
        '200': jsonResponse('The user and the roles'),
        '404': errorResponse('No such user, or no role store'),
        '405': errorResponse('The role store does not change roles'),
        '422': errorResponse('Malformed role names; details name the item'),
      }),
    )
    async setRoles(
      @param.path.string('id') id: string,
      @requestBody({
        required: true,
        content: {'application/json': {schema: {type: 'array'}}},
      })
      body: unknown,
    ): Promise<{id: string; roles: string[]}> {
      const store = await this.roleStore();
      if (typeof store.setRoles !== 'function') {
        throw consoleError(
          405,
          'ROLES_READ_ONLY',
          'The role store does not change roles',
        );
      }
      const roles = checkRoleNames(body);
      await store.setRoles(id, roles);
      return {id, roles};
    }

    private async policyStore(): Promise<ConsolePolicyStore> {
      const store = await this.ctx.get(ConsolePeerBindings.POLICY_STORE, {
        optional: true,
      });
      if (!store) {
        throw consoleError(
          404,
          'NO_POLICY_STORE',
          'No policy store is bound: mount AuthorizationPolicyComponent',
        );
      }
      return store;
    }

    private async roleStore(): Promise<RoleStore> {
      const store = await this.ctx.get(
        AuthorizationConsoleBindings.ROLE_STORE,
        {optional: true},
      );
      if (!store) {
        throw consoleError(
          404,
          'NO_ROLE_STORE',
          'No role store is bound at AuthorizationConsoleBindings.ROLE_STORE',
        );
      }
      return store;
    }
  }
  return AuthorizationConsoleAdminController;
}

/**
 * Check a list of role names: at most 100 distinct non-empty names of at
 * most 100 characters, without a comma or a space at either end (the
 * console's Roles page edits a user's roles as one comma-separated field);
 * throws a 422 error naming the item at fault
 * @param body - The request body
 */
export function checkRoleNames(body: unknown): string[] {
  return checkRoleNameList(body, {
    min: 0,
    max: MAX_ROLES,
    refuse: role =>
      role.includes(',') || role.trim() !== role
        ? `a role name may hold no comma and no space at either end, got ${show(role)}`
        : undefined,
    fail: (path, message) =>
      consoleError(422, 'INVALID_ROLES', `Invalid roles: ${path}: ${message}`, [
        {path, message},
      ]),
  });
}
