// Copyright The loopback-security-monorepo authors. License: MIT.

import {UserCheck} from '@loopback/authorization-console';
import {inject, Provider} from '@loopback/core';
import {HttpErrors} from '@loopback/rest';
import {AccessControlBindings} from '../keys';
import {InvalidTokenError} from './invalid-token.error';
import type {ShopUserProfile} from './jwt.service';
import {UserStatus} from './user-status';

/**
 * The console's check of a user to explain: the same {@link UserStatus}
 * authentication runs on every token, as of a token issued now, so that
 * explain answers a deleted, disabled or revoked user's request with the
 * 401 the request gets
 */
export class ConsoleUserCheckProvider implements Provider<UserCheck> {
  /**
   * @param userStatus - Whether the user of a token may still act
   */
  constructor(
    @inject(AccessControlBindings.USER_STATUS)
    private readonly userStatus: UserStatus,
  ) {}

  /**
   * The check
   */
  value(): UserCheck {
    return async profile => {
      try {
        await this.userStatus.check({
          ...profile,
          issuedAt: Date.now(),
        } as ShopUserProfile);
      } catch (err) {
        if (!(err instanceof InvalidTokenError)) throw err;
        throw Object.assign(new HttpErrors.Unauthorized(err.message), {
          code: 'INVALID_TOKEN',
        });
      }
    };
  }
}
