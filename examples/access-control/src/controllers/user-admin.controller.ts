// Copyright The loopback-security-monorepo authors. License: MIT.

import {authorize} from '@loopback/authorization';
import {inject} from '@loopback/core';
import {repository} from '@loopback/repository';
import {del, param, put, requestBody, SchemaObject} from '@loopback/rest';
import {requireUser, RoleSource} from '../authorization/role-source';
import {AccessControlBindings} from '../keys';
import {
  BEARER_SECURITY,
  errorResponse,
  jsonResponse,
  UNPROCESSABLE_RESPONSE,
} from '../openapi/responses';
import {textSchema, USER_ID_PARAMETER} from '../openapi/text.schema';
import {UserRepository} from '../repositories/user.repository';
import {Roles} from '../roles';

const ROLES_SCHEMA: SchemaObject = {
  type: 'array',
  title: 'RoleNames',
  items: textSchema({minLength: 1, maxLength: 100}),
  maxItems: 100,
  uniqueItems: true,
  example: [Roles.CUSTOMER],
};

const REVISION_SCHEMA: SchemaObject = {
  type: 'integer',
  description:
    'The revision of the write: send it in the `x-authorization-revision` ' +
    'header of the next request, to any instance, to be sure it holds there',
};

/**
 * The body of `PUT /users/{id}/roles`
 */
export interface RolesChange {
  /**
   * The user id
   */
  id: string;
  /**
   * The roles the user now holds
   */
  roles: string[];
  /**
   * The revision of the write
   */
  revision: number;
}

/**
 * The administration of users (ADMIN only): their roles, and deleting them.
 * Authorization reads the roles from the role source on every request, so a
 * change holds on the next one.
 */
export class UserAdminController {
  /**
   * @param users - The user repository
   * @param roleSource - Where the roles are kept
   */
  constructor(
    @repository(UserRepository) private readonly users: UserRepository,
    @inject(AccessControlBindings.ROLE_SOURCE)
    private readonly roleSource: RoleSource,
  ) {}

  /**
   * Replace the roles of a user (ADMIN only). The change holds on the next
   * request on this instance, and on any other instance for a request that
   * carries the answer's revision in `x-authorization-revision`.
   * @param id - The user id
   * @param roles - The role names
   */
  @authorize.allow(Roles.ADMIN)
  @put('/users/{id}/roles', {
    summary: "Replace a user's roles",
    security: BEARER_SECURITY,
    responses: {
      '200': jsonResponse('The new roles and the revision of the write', {
        type: 'object',
        title: 'RolesChange',
        properties: {
          id: {type: 'string'},
          roles: ROLES_SCHEMA,
          revision: REVISION_SCHEMA,
        },
      }),
      '404': errorResponse('No such user'),
      '422': UNPROCESSABLE_RESPONSE,
    },
  })
  async setRoles(
    @param.path.string('id', USER_ID_PARAMETER) id: string,
    @requestBody({
      required: true,
      content: {'application/json': {schema: ROLES_SCHEMA}},
    })
    roles: string[],
  ): Promise<RolesChange> {
    await requireUser(this.users, id);
    const revision = await this.roleSource.setRoles(id, roles);
    return {id, roles: [...roles], revision};
  }

  /**
   * Delete a user (ADMIN only): its tokens are refused (401) on the next
   * request, on every route and (within the staleness bound, at once with
   * the revision header) on every instance
   * @param id - The user id
   */
  @authorize.allow(Roles.ADMIN)
  @del('/users/{id}', {
    summary: 'Delete a user',
    security: BEARER_SECURITY,
    responses: {
      '200': jsonResponse('The revision of the write', {
        type: 'object',
        properties: {revision: REVISION_SCHEMA},
      }),
      '404': errorResponse('No such user'),
    },
  })
  async deleteUser(
    @param.path.string('id', USER_ID_PARAMETER) id: string,
  ): Promise<{revision: number}> {
    await requireUser(this.users, id);
    // Revoked first: a failure between the two writes leaves a user who can
    // do nothing, never a deleted user who keeps a role or a token
    const revision = await this.roleSource.removeUser(id);
    await this.users.deleteById(id);
    return {revision};
  }
}
