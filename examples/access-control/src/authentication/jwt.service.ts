// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject} from '@loopback/core';
import {securityId, UserProfile} from '@loopback/security';
import {errors, jwtVerify, JWTPayload, SignJWT} from 'jose';
import {AccessControlBindings} from '../keys';
import {User} from '../models';
import {InvalidTokenError} from './invalid-token.error';

/**
 * The only algorithm accepted: the tokens are signed with a shared secret,
 * and a verifier that accepted whatever the header says would accept
 * `alg: none` or a key confusion.
 */
const ALGORITHM = 'HS256';

/**
 * Issuer and lifetime of the tokens
 */
export interface TokenOptions {
  /**
   * The `iss` claim put in and required back
   */
  issuer: string;
  /**
   * The lifetime, as jose reads it: `'1h'`, `'15m'`, `'2 days'`...
   */
  expiresIn: string;
}

/**
 * The token options when none are given
 */
export const DEFAULT_TOKEN_OPTIONS: Readonly<TokenOptions> = Object.freeze({
  issuer: 'loopback-example-access-control',
  expiresIn: '1h',
});

/**
 * The profile of an authenticated user, as read from a verified token
 */
export interface ShopUserProfile extends UserProfile {
  /**
   * The user id, also under `securityId`
   */
  id: string;
  /**
   * The display name
   */
  name: string;
  /**
   * The roles of the user when the token was issued
   */
  roles: string[];
  /**
   * When the token was issued (its `iat`), in milliseconds since the epoch;
   * absent when the token does not say
   */
  issuedAt?: number;
}

/**
 * Signs and verifies the JSON Web Tokens of the shop (HS256).
 *
 * @remarks
 * A token carries `sub` (the user id), `name`, `roles`, `iss`, `iat` and
 * `exp`. Verification is stateless. The `roles` claim only tells the client
 * what the user held at login: authorization reads the roles kept for the
 * user on every request, so a change of roles holds at once, for tokens
 * already issued too.
 */
export class JwtService {
  /**
   * @param secret - The HS256 key
   * @param options - Issuer and lifetime
   */
  constructor(
    @inject(AccessControlBindings.JWT_SECRET)
    private readonly secret: Uint8Array,
    @inject(AccessControlBindings.TOKEN_OPTIONS)
    private readonly options: TokenOptions,
  ) {}

  /**
   * Issue a token for a user
   * @param user - The user who logged in
   * @returns The compact JWT
   */
  sign(user: Pick<User, 'id' | 'name' | 'roles'>): Promise<string> {
    return new SignJWT({name: user.name, roles: user.roles})
      .setProtectedHeader({alg: ALGORITHM, typ: 'JWT'})
      .setSubject(user.id)
      .setIssuer(this.options.issuer)
      .setIssuedAt()
      .setExpirationTime(this.options.expiresIn)
      .sign(this.secret);
  }

  /**
   * Verify a token and read the user profile from it
   * @param token - The compact JWT
   * @returns The profile of the user
   * @throws InvalidTokenError - with a message that says what is wrong
   */
  async verify(token: string): Promise<ShopUserProfile> {
    let payload: JWTPayload;
    try {
      ({payload} = await jwtVerify(token, this.secret, {
        algorithms: [ALGORITHM],
        issuer: this.options.issuer,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (err) {
      throw new InvalidTokenError(describeFailure(err));
    }
    const {sub, name, roles, iat} = payload;
    // Role names must be non-empty strings: authorization does not read the
    // claim, but a token that breaks its own format is malformed, and is
    // refused as such.
    if (
      typeof sub !== 'string' ||
      typeof name !== 'string' ||
      !Array.isArray(roles) ||
      !roles.every(role => typeof role === 'string' && role !== '')
    ) {
      throw new InvalidTokenError('Invalid token: malformed claims');
    }
    return {
      [securityId]: sub,
      id: sub,
      name,
      roles,
      ...(typeof iat === 'number' && {issuedAt: iat * 1000}),
    };
  }
}

/**
 * Turn a jose error into a message for the client. It names the check that
 * failed, never the secret or the expected values.
 */
function describeFailure(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'Token expired';
  if (err instanceof errors.JWSSignatureVerificationFailed) {
    return 'Invalid token: signature verification failed';
  }
  if (err instanceof errors.JOSEAlgNotAllowed) {
    return 'Invalid token: algorithm not allowed';
  }
  if (err instanceof errors.JWTClaimValidationFailed) {
    return err.reason === 'missing'
      ? `Invalid token: missing "${err.claim}" claim`
      : `Invalid token: unexpected "${err.claim}" claim`;
  }
  if (
    err instanceof errors.JWSInvalid ||
    err instanceof errors.JWTInvalid ||
    err instanceof errors.JOSENotSupported
  ) {
    return 'Invalid token: malformed';
  }
  return 'Invalid token';
}
