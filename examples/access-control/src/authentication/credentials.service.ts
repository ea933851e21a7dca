// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject} from '@loopback/core';
import {repository} from '@loopback/repository';
import {HttpErrors} from '@loopback/rest';
import debugFactory from 'debug';
import {AccessControlBindings} from '../keys';
import {User} from '../models';
import {UserRepository} from '../repositories/user.repository';
import {PasswordHasher} from './password-hasher.service';

const debug = debugFactory('loopback:example:access-control:credentials');

/**
 * The one message for every failed login: saying "no such user" apart from
 * "wrong password" would tell anyone which usernames exist.
 */
export const INVALID_CREDENTIALS = 'Invalid username or password';

/**
 * A username and a password, as `POST /users/login` receives them
 */
export interface Credentials {
  /**
   * The login name
   */
  username: string;
  /**
   * The password in clear
   */
  password: string;
}

/**
 * Checks a username and a password against the stored users
 */
export class CredentialsService {
  /**
   * @param users - The user repository
   * @param hasher - The password hasher
   */
  constructor(
    @repository(UserRepository) private readonly users: UserRepository,
    @inject(AccessControlBindings.PASSWORD_HASHER)
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * Find the user the credentials belong to
   * @param credentials - Username and password
   * @returns The user
   * @throws HttpErrors.Unauthorized - with {@link INVALID_CREDENTIALS}, for
   * an unknown username and for a wrong password alike
   */
  async verifyCredentials({username, password}: Credentials): Promise<User> {
    const user = await this.users.findByUsername(username);
    // Hash even when there is no user, so that timing does not tell either.
    const matches = await this.hasher.verify(password, user?.passwordHash);
    if (!user || !matches) {
      debug('Login refused for %s', username);
      throw new HttpErrors.Unauthorized(INVALID_CREDENTIALS);
    }
    return user;
  }
}
