// Copyright The loopback-security-monorepo authors. License: MIT.

import {repository} from '@loopback/repository';
import {HttpErrors} from '@loopback/rest';
import {UserRepository} from '../repositories/user.repository';

/**
 * Where the roles of the users are kept. Authorization reads them on every
 * request: the roles inside a token are not trusted, so a role change or a
 * deleted user takes effect on the next request.
 */
export interface RoleSource {
  /**
   * The roles a user holds now; none for an unknown user. Throws a 503 error
   * when they cannot be known.
   * @param userId - The user id
   */
  rolesOf(userId: string): Promise<string[]>;
  /**
   * Replace the roles of a user; 404 when the user is deleted, even by a
   * request that ran at the same time, and then nothing is kept
   * @param userId - The user id
   * @param roles - The role names
   * @returns The revision of the write
   */
  setRoles(userId: string, roles: readonly string[]): Promise<number>;
  /**
   * Shut a user about to be deleted out: every role goes, and no role can
   * be given to it any more. Called before the user record is deleted.
   * @param userId - The user id
   * @returns The revision of the write
   */
  removeUser(userId: string): Promise<number>;
}

/**
 * The roles in memory mode: the `roles` property of the user records of the
 * `db` datasource. A revision counts the writes of this process, which is
 * the only instance.
 */
export class UserRecordRoleSource implements RoleSource {
  private revision = 0;

  /**
   * @param users - The user repository
   */
  constructor(
    @repository(UserRepository) private readonly users: UserRepository,
  ) {}

  /** {@inheritDoc RoleSource.rolesOf} */
  async rolesOf(userId: string): Promise<string[]> {
    const user = await this.users.findOne({
      where: {id: userId},
      fields: {id: true, roles: true},
    });
    return user ? [...user.roles] : [];
  }

  /** {@inheritDoc RoleSource.setRoles} */
  async setRoles(userId: string, roles: readonly string[]): Promise<number> {
    // One write that matches the record by id: a user deleted since the
    // route checked it is not found (404), and nothing is written
    await this.users.updateById(userId, {roles: [...roles]});
    return ++this.revision;
  }

  /** {@inheritDoc RoleSource.removeUser} */
  async removeUser(): Promise<number> {
    // The roles go with the user record, deleted next
    return ++this.revision;
  }
}

/**
 * Throw the 404 of a user that does not exist
 * @param users - The user repository
 * @param userId - The user id
 */
export async function requireUser(
  users: UserRepository,
  userId: string,
): Promise<void> {
  if (!(await users.exists(userId))) {
    throw new HttpErrors.NotFound(`No user "${userId}"`);
  }
}
