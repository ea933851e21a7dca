// Copyright The loopback-security-monorepo authors. License: MIT.

import {authorize} from '@loopback/authorization';
import {inject} from '@loopback/core';
import {repository} from '@loopback/repository';
import {
  get,
  getModelSchemaRef,
  HttpErrors,
  param,
  patch,
  post,
  Request,
  requestBody,
  Response,
  RestBindings,
  SchemaObject,
} from '@loopback/rest';
import {securityId, SecurityBindings} from '@loopback/security';
import {
  Credentials,
  CredentialsService,
  INVALID_CREDENTIALS,
} from '../authentication/credentials.service';
import {InvalidTokenError} from '../authentication/invalid-token.error';
import {UserStatus} from '../authentication/user-status';
import {JwtService, ShopUserProfile} from '../authentication/jwt.service';
import {LoginRateLimiter} from '../authentication/login-rate-limiter.service';
import {AccessControlBindings, OwnerResolvers} from '../keys';
import {User} from '../models';
import {
  BEARER_SECURITY,
  errorResponse,
  jsonResponse,
  UNPROCESSABLE_RESPONSE,
} from '../openapi/responses';
import {RoleSource} from '../authorization/role-source';
import {textSchema, USER_ID_PARAMETER} from '../openapi/text.schema';
import {UserRepository} from '../repositories/user.repository';
import {Roles} from '../roles';

const CREDENTIALS_SCHEMA: SchemaObject = {
  type: 'object',
  title: 'Credentials',
  required: ['username', 'password'],
  properties: {
    username: textSchema({minLength: 1, maxLength: 100, example: 'alice'}),
    password: textSchema({minLength: 1, example: 'alice-password'}),
  },
  additionalProperties: false,
};

const EMAIL_SCHEMA: SchemaObject = {
  type: 'object',
  title: 'EmailChange',
  required: ['email'],
  // At most 254 characters: the longest address SMTP carries
  properties: {email: textSchema({format: 'email', maxLength: 254})},
  additionalProperties: false,
};

const PROFILE_SCHEMA: SchemaObject = {
  type: 'object',
  title: 'UserProfile',
  properties: {
    id: {type: 'string'},
    name: {type: 'string'},
    roles: {type: 'array', items: {type: 'string'}},
  },
};

/**
 * The body of `POST /users/login`
 */
export interface LoginResponse {
  /**
   * A JWT to send as `Authorization: Bearer <token>`
   */
  token: string;
}

/**
 * The body of `GET /whoami`: the profile read from the token
 */
export type WhoAmIResponse = Pick<ShopUserProfile, 'id' | 'name' | 'roles'>;

/**
 * Login, the current user, and the users' email addresses
 */
export class UserController {
  /**
   * @param users - The user repository
   * @param credentials - Checks username and password
   * @param tokens - Issues tokens
   * @param currentUser - The caller, bound by the authentication middleware;
   * `undefined` for an anonymous caller
   * @param limiter - Limits failed logins
   * @param request - The HTTP request, for the client address
   * @param response - The HTTP response, for `Retry-After`
   * @param roleSource - Where the roles are kept
   * @param userStatus - Whether a user may still act
   */
  constructor(
    @repository(UserRepository) private readonly users: UserRepository,
    @inject(AccessControlBindings.CREDENTIALS_SERVICE)
    private readonly credentials: CredentialsService,
    @inject(AccessControlBindings.TOKEN_SERVICE)
    private readonly tokens: JwtService,
    @inject(SecurityBindings.USER, {optional: true})
    private readonly currentUser: ShopUserProfile | undefined,
    @inject(AccessControlBindings.LOGIN_RATE_LIMITER)
    private readonly limiter: LoginRateLimiter,
    @inject(RestBindings.Http.REQUEST) private readonly request: Request,
    @inject(RestBindings.Http.RESPONSE) private readonly response: Response,
    @inject(AccessControlBindings.ROLE_SOURCE)
    private readonly roleSource: RoleSource,
    @inject(AccessControlBindings.USER_STATUS)
    private readonly userStatus: UserStatus,
  ) {}

  /**
   * Exchange a username and a password for a token (anyone may try)
   * @param credentials - Username and password
   */
  @authorize.allowAll()
  @post('/users/login', {
    summary: 'Log in: exchange a username and a password for a token',
    responses: {
      '200': jsonResponse('A token to send as `Authorization: Bearer`', {
        type: 'object',
        properties: {token: {type: 'string'}},
      }),
      '401': errorResponse('Invalid username or password'),
      '422': UNPROCESSABLE_RESPONSE,
      '429': {
        ...errorResponse(
          'Too many failed logins for this username or from this address',
        ),
        headers: {
          'Retry-After': {
            description: 'Seconds to wait before trying again',
            schema: {type: 'integer'},
          },
        },
      },
    },
  })
  async login(
    @requestBody({
      required: true,
      content: {'application/json': {schema: CREDENTIALS_SCHEMA}},
    })
    credentials: Credentials,
  ): Promise<LoginResponse> {
    const {username} = credentials;
    // The socket's address: a forwarded header is the client's to choose
    const address = this.request.socket.remoteAddress ?? '';
    // Counted before the password is checked, so that requests sent at once
    // cannot all pass the limit while the first ones are still being checked.
    // Any failure of the check keeps counting, so that no error can be used
    // to try for free.
    const attempt = await this.limiter.reserve(username, address);
    if (attempt.retryAfter > 0) {
      this.response.setHeader('Retry-After', String(attempt.retryAfter));
      throw new HttpErrors.TooManyRequests(
        'Too many failed logins: try again later',
      );
    }
    const user = await this.credentials.verifyCredentials(credentials);
    // A user revoked (being deleted, or disabled) gets no token, with the
    // answer of a wrong password: the token would be refused anyway
    await this.userStatus
      .check({
        [securityId]: user.id,
        id: user.id,
        name: user.name,
        roles: [],
        issuedAt: Date.now(),
      })
      .catch((err: unknown) => {
        if (err instanceof InvalidTokenError) {
          throw new HttpErrors.Unauthorized(INVALID_CREDENTIALS);
        }
        throw err;
      });
    await attempt.succeeded();
    // The roles claim says what the user holds now, where the roles are kept
    const roles = await this.roleSource.rolesOf(user.id);
    return {token: await this.tokens.sign({...user, roles})};
  }

  /**
   * The profile of the caller: the token's id and name, and the roles the
   * user holds now (any authenticated user)
   */
  @authorize.allowAuthenticated()
  @get('/whoami', {
    summary: 'Show the profile of the caller',
    security: BEARER_SECURITY,
    responses: {
      '200': jsonResponse('The profile of the caller', PROFILE_SCHEMA),
    },
  })
  async whoAmI(): Promise<WhoAmIResponse> {
    // Authorization let only authenticated callers in, so the user is bound.
    const {id, name} = this.currentUser!;
    return {id, name, roles: await this.roleSource.rolesOf(id)};
  }

  /**
   * Change the email address of a user (the user themself, or an ADMIN)
   *
   * @remarks
   * The ownership authorizer allows the user themself: `OwnerResolvers.USER`
   * says a user record is owned by that user, and by nobody when there is no
   * such user. So only an admin can learn that a user id does not exist
   * (404); anyone else gets the 403 of someone else's record.
   *
   * @param id - The user id
   * @param body - The new address
   */
  @authorize({
    allowedRoles: [Roles.ADMIN],
    ownership: {owner: OwnerResolvers.USER},
  })
  @patch('/users/{id}/email', {
    summary: "Change a user's email",
    security: BEARER_SECURITY,
    responses: {
      '200': jsonResponse(
        'The updated user, without its password hash',
        getModelSchemaRef(User, {exclude: ['passwordHash']}),
      ),
      '404': errorResponse(
        'No such user (for callers whose role lets them change any user)',
      ),
      '422': UNPROCESSABLE_RESPONSE,
    },
  })
  async changeEmail(
    @param.path.string('id', USER_ID_PARAMETER) id: string,
    @requestBody({
      required: true,
      content: {'application/json': {schema: EMAIL_SCHEMA}},
    })
    body: {email: string},
  ): Promise<User> {
    await this.users.updateById(id, {email: body.email});
    const user = await this.users.findById(id);
    // The roles where they are kept (in PostgreSQL mode, not in the record)
    user.roles = await this.roleSource.rolesOf(id);
    return user;
  }
}
