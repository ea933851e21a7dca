// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * An error of the policy rules: an invalid rule, a store that cannot be read,
 * a forbidden write or a filter that tries to widen what a caller may see
 *
 * @remarks
 * REST applications answer with its `statusCode`.
 */
export class PolicyError extends Error {
  /**
   * Machine-readable code, one of {@link PolicyErrorCode}
   */
  code: string;
  /**
   * HTTP status code of the error
   */
  statusCode: number;

  /**
   * @param message - What went wrong, and where
   * @param statusCode - HTTP status code
   * @param code - Machine-readable code
   */
  constructor(message: string, statusCode: number, code: string) {
    super(message);
    this.name = 'PolicyError';
    this.statusCode = statusCode;
    this.code = code;
  }
}

/**
 * Codes of {@link PolicyError}
 */
export namespace PolicyErrorCode {
  /**
   * A rule is malformed (422)
   */
  export const INVALID_RULE = 'INVALID_POLICY_RULE';
  /**
   * The rules cannot be read, or are not known to be current (503)
   */
  export const STORE_UNAVAILABLE = 'POLICY_STORE_UNAVAILABLE';
  /**
   * A write names a property the caller may not write (403)
   */
  export const FORBIDDEN_PROPERTY = 'FORBIDDEN_PROPERTY';
  /**
   * A caller's filter names a property the caller may not read (403)
   */
  export const FORBIDDEN_FILTER = 'FORBIDDEN_FILTER';
  /**
   * The caller may not perform the action at all (403)
   */
  export const FORBIDDEN = 'FORBIDDEN';
  /**
   * A method's policy metadata is malformed (500)
   */
  export const INVALID_METADATA = 'INVALID_POLICY_METADATA';
}

/**
 * The error of a rule that is not valid
 * @param rule - The rule's id, or where it stands when it has none
 * @param part - The part of the rule at fault, such as `where.total`
 * @param what - What is wrong
 */
export function invalidRule(rule: string, part: string, what: string) {
  return new PolicyError(
    `Invalid policy rule ${rule}: ${part}: ${what}`,
    422,
    PolicyErrorCode.INVALID_RULE,
  );
}

/**
 * The error of a store whose rules cannot be used
 * @param why - Why
 */
export function storeUnavailable(why: string) {
  return new PolicyError(
    `Policy store unavailable: ${why}`,
    503,
    PolicyErrorCode.STORE_UNAVAILABLE,
  );
}
