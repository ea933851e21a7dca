// Copyright The loopback-security-monorepo authors. License: MIT.

import {OwnerResolver} from '@loopback/authorization';
import {Provider} from '@loopback/core';
import {repository} from '@loopback/repository';
import {UserRepository} from '../repositories/user.repository';

/**
 * A repository whose instances have an owner
 */
export interface OwnerLookup {
  /**
   * Who owns an instance
   * @param id - The instance id
   * @returns The user id of the owner, or `undefined` when the instance does
   * not exist
   */
  findOwnerId(id: string): Promise<string | undefined>;
}

/**
 * The owner resolver of a repository, for the `ownership` metadata of
 * `@authorize`.
 *
 * @remarks
 * `undefined`, "owned by nobody", for an instance that does not exist, and
 * for an id that is not a string (the routes' path parameters are strings,
 * so that is a call from elsewhere). The ownership authorizer then abstains,
 * as for someone else's instance: a caller who may only reach their own
 * instances gets the same denial for a missing one and learns nothing about
 * which ids exist, while the roles that may reach any instance get the
 * controller's 404.
 *
 * @param lookup - The repository
 */
export function ownerResolverOf(lookup: OwnerLookup): OwnerResolver {
  return instanceId =>
    typeof instanceId === 'string' ? lookup.findOwnerId(instanceId) : undefined;
}

/**
 * Provides the owner resolver of user records: a user owns their own record
 */
export class UserOwnerResolverProvider implements Provider<OwnerResolver> {
  /**
   * @param users - The user repository
   */
  constructor(
    @repository(UserRepository) private readonly users: UserRepository,
  ) {}

  /**
   * The resolver function
   */
  value(): OwnerResolver {
    return ownerResolverOf(this.users);
  }
}
