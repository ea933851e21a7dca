// Copyright The loopback-security-monorepo authors. License: MIT.

import {repository} from '@loopback/repository';
import {UserRepository} from '../repositories/user.repository';
import {InvalidTokenError} from './invalid-token.error';
import type {ShopUserProfile} from './jwt.service';

/**
 * The message of a token whose user was deleted or disabled
 */
export const USER_GONE =
  'The user of this token no longer exists or is disabled';

/**
 * Whether the user of a verified token may still act. A token is signed
 * for its lifetime; this is what ends it early, when the user is deleted
 * or disabled.
 */
export interface UserStatus {
  /**
   * Throw an {@link InvalidTokenError} (401) when the user of a token is
   * deleted or disabled, or was revoked after the token was issued; a 503
   * error when that cannot be known now
   * @param user - The profile of a verified token
   */
  check(user: ShopUserProfile): Promise<void>;
}

/**
 * The user status in memory mode: the user record must exist. One lookup
 * by id in the memory connector a request.
 */
export class UserRecordStatus implements UserStatus {
  /**
   * @param users - The user repository
   */
  constructor(
    @repository(UserRepository) private readonly users: UserRepository,
  ) {}

  /** {@inheritDoc UserStatus.check} */
  async check(user: ShopUserProfile): Promise<void> {
    if (!(await this.users.exists(user.id))) {
      throw new InvalidTokenError(USER_GONE);
    }
  }
}
