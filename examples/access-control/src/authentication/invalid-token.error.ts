// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * A bearer token, or the `Authorization` header carrying it, cannot be
 * trusted. Its message says why, in words fit for the client.
 */
export class InvalidTokenError extends Error {
  /**
   * @param message - Why the token was refused
   */
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}
