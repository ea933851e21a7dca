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
   * A caller's filter is malformed: an `order`, an `include` or an item of
   * `and`/`or` that cannot be read as it must be (400)
   */
  export const INVALID_FILTER = 'INVALID_POLICY_FILTER';
  /**
   * The caller may not perform the action at all (403)
   */
  export const FORBIDDEN = 'FORBIDDEN';
  /**
   * The data of a write holds a value no database stores alike, or does not
   * make a valid instance (422)
   */
  export const INVALID_DATA = 'INVALID_POLICY_DATA';
  /**
   * A write matched nothing although the instance, as it is now, could be
   * written: it changed meanwhile (409)
   */
  export const CONFLICT = 'POLICY_WRITE_CONFLICT';
  /**
   * A method named an action whose door decision held only on conditions or
   * for some properties, and returned without any instance check of that
   * action by a guarded repository (500)
   */
  export const UNCHECKED_ACTION = 'UNCHECKED_POLICY_ACTION';
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
 * The error of a caller's filter that cannot be checked as written
 * @param part - The part of the filter at fault, such as `where.and[0]`
 * @param what - What is wrong with it
 */
export function invalidFilter(part: string, what: string) {
  return new PolicyError(
    `Invalid filter: "${part}" ${what}`,
    400,
    PolicyErrorCode.INVALID_FILTER,
  );
}

/**
 * The error of data to write that cannot be written as it is
 * @param part - The part of the data at fault, such as `data.description`
 * @param what - What is wrong with it
 */
export function invalidData(part: string, what: string) {
  return new PolicyError(
    `Invalid data: "${part}" ${what}`,
    422,
    PolicyErrorCode.INVALID_DATA,
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

/**
 * The error of a property the caller may not use
 * @param part - Where the caller used it (`where`, `fields`, `order`,
 * `include`, or the data of a write)
 * @param property - The property
 * @param resource - The resource type
 */
export function forbidden(part: string, property: string, resource: string) {
  const write = part === 'data';
  return new PolicyError(
    write
      ? `Forbidden: may not write property "${property}" of ${resource}`
      : `Forbidden: may not use property "${property}" of ${resource} in "${part}"`,
    403,
    write
      ? PolicyErrorCode.FORBIDDEN_PROPERTY
      : PolicyErrorCode.FORBIDDEN_FILTER,
  );
}
