// Copyright The loopback-security-monorepo authors. License: MIT.

import {randomBytes, scrypt, timingSafeEqual} from 'node:crypto';

/**
 * Length of the random salt, in bytes
 */
const SALT_BYTES = 16;

/**
 * Length of the derived key, in bytes
 */
const KEY_BYTES = 64;

/**
 * Derive a key from a password with scrypt (Node's default cost: N = 16384,
 * r = 8, p = 1)
 */
function deriveKey(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_BYTES, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/**
 * Hashes passwords with scrypt and checks them in constant time.
 *
 * @remarks
 * A hash is stored as `salt:key`, both base64, with a fresh random salt for
 * every password, so that equal passwords get different hashes.
 */
export class PasswordHasher {
  /**
   * A hash of a password nobody knows. {@link PasswordHasher.verify} checks
   * against it when there is no user, so that a login for an unknown
   * username takes as long as one with a wrong password. Computed at once, so
   * that the first such login costs no more than the next ones.
   */
  private readonly decoy = this.hash(randomBytes(32).toString('base64'));

  /**
   * Hash a password
   * @param password - The password in clear
   * @returns `salt:key`, both base64
   */
  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await deriveKey(password, salt);
    return `${salt.toString('base64')}:${key.toString('base64')}`;
  }

  /**
   * Check a password against a stored hash
   * @param password - The password in clear
   * @param stored - The stored `salt:key`; `undefined` when the user does not
   * exist, in which case the work is done anyway and the answer is `false`
   * @returns Whether the password matches
   */
  async verify(password: string, stored: string | undefined): Promise<boolean> {
    const known = stored !== undefined;
    const [saltText, keyText] = (stored ?? (await this.decoy)).split(':');
    if (!saltText || !keyText) return false;
    const expected = Buffer.from(keyText, 'base64');
    const actual = await deriveKey(password, Buffer.from(saltText, 'base64'));
    // timingSafeEqual throws on different lengths; a stored key of another
    // length is a corrupt record, which never matches.
    if (actual.length !== expected.length) return false;
    return timingSafeEqual(actual, expected) && known;
  }
}
