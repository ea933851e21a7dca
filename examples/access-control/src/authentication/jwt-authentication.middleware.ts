// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject, injectable, Provider} from '@loopback/core';
import {
  asMiddleware,
  HttpErrors,
  Middleware,
  MiddlewareContext,
  RestMiddlewareGroups,
} from '@loopback/rest';
import {DefaultSubject, SecurityBindings} from '@loopback/security';
import debugFactory from 'debug';
import {AccessControlBindings} from '../keys';
import {INVALID_TOKEN_CHALLENGE} from './challenges';
import {InvalidTokenError} from './invalid-token.error';
import {JwtService} from './jwt.service';
import {UserStatus} from './user-status';

const debug = debugFactory('loopback:example:access-control:authentication');

/**
 * `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 7235)
 * and the token is one run of base64url characters and dots.
 */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * Authenticates the caller of every routed request from a bearer token.
 *
 * @remarks
 * A middleware in the `authentication` group of the REST sequence: after the
 * route is found (an unknown path stays a 404) and before the parameters are
 * parsed and the controller method is invoked, so before the authorization
 * interceptor, which runs inside `invokeMethod`.
 *
 * - No `Authorization` header: nothing is bound; the caller is anonymous and
 *   authorization decides what an anonymous caller may do.
 * - A valid token of a user who may still act (see {@link UserStatus}): the
 *   user profile is bound to `SecurityBindings.USER` and a subject holding
 *   it to `SecurityBindings.SUBJECT`, in the request context.
 * - Anything else (another scheme, a malformed, tampered, expired or
 *   unsigned token, or the token of a deleted or disabled user): 401 with
 *   `WWW-Authenticate: Bearer error="invalid_token"` and a message that says
 *   what is wrong. A broken credential is refused, never downgraded to
 *   anonymous.
 */
@injectable(
  asMiddleware({
    group: RestMiddlewareGroups.AUTHENTICATION,
    upstreamGroups: RestMiddlewareGroups.FIND_ROUTE,
    downstreamGroups: RestMiddlewareGroups.PARSE_PARAMS,
  }),
)
export class JwtAuthenticationMiddlewareProvider implements Provider<Middleware> {
  /**
   * @param tokens - The token service
   * @param userStatus - Whether the user of a token may still act
   */
  constructor(
    @inject(AccessControlBindings.TOKEN_SERVICE)
    private readonly tokens: JwtService,
    @inject(AccessControlBindings.USER_STATUS)
    private readonly userStatus: UserStatus,
  ) {}

  /**
   * The middleware function
   */
  value(): Middleware {
    return async (ctx, next) => {
      await this.authenticate(ctx);
      return next();
    };
  }

  /**
   * Bind the user and the subject of the request, if it carries a token
   * @param ctx - The request context
   */
  private async authenticate(ctx: MiddlewareContext): Promise<void> {
    const header = ctx.request.headers.authorization;
    if (header === undefined) return;
    try {
      const token = BEARER.exec(header)?.[1];
      if (token === undefined) {
        throw new InvalidTokenError(
          'Invalid Authorization header: expected "Bearer <token>"',
        );
      }
      const user = await this.tokens.verify(token);
      await this.userStatus.check(user);
      const subject = new DefaultSubject();
      subject.addUser(user);
      ctx.bind(SecurityBindings.USER).to(user);
      ctx.bind(SecurityBindings.SUBJECT).to(subject);
      debug('Authenticated user %s with roles %o', user.id, user.roles);
    } catch (err) {
      if (!(err instanceof InvalidTokenError)) throw err;
      debug('Refused a credential: %s', err.message);
      ctx.response.setHeader('WWW-Authenticate', INVALID_TOKEN_CHALLENGE);
      throw Object.assign(new HttpErrors.Unauthorized(err.message), {
        code: 'INVALID_TOKEN',
      });
    }
  }
}
