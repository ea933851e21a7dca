// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * The sizes of a condition
 */
export interface ConditionLimits {
  /**
   * The most `and`/`or` nested in one another
   */
  depth: number;
  /**
   * The most comparisons in one condition
   */
  comparisons: number;
  /**
   * The most values in one `inq` or `nin`
   */
  listLength: number;
  /**
   * The most values compared with in one condition, lists included
   */
  values: number;
  /**
   * The most characters in one string
   */
  textLength: number;
}

/**
 * The sizes a rule's condition may not exceed; a caller's filter has those
 * of {@link CALLER_CONDITION_LIMITS}.
 *
 * @remarks
 * `depth` keeps the query the rules' filter and a caller's condition make
 * together within what the connectors read: LoopBack refuses a query nested
 * deeper than its `maxDepthOfQuery` (32 levels by default), and each `and`
 * or `or` costs two. The others bound the work of one request.
 */
export const CONDITION_LIMITS: Readonly<ConditionLimits> = Object.freeze({
  /**
   * The most `and`/`or` nested in one another
   */
  depth: 8,
  /**
   * The most comparisons in one condition
   */
  comparisons: 32,
  /**
   * The most values in one `inq` or `nin`
   */
  listLength: 256,
  /**
   * The most values compared with in one condition, lists included: a
   * condition costs about this many comparisons a row
   */
  values: 512,
  /**
   * The most characters in one string
   */
  textLength: 4096,
});

/**
 * The sizes a caller's condition may not exceed: those of
 * {@link CONDITION_LIMITS} with fewer comparisons. A caller's comparisons
 * run on every row a query reads (on the memory connector, each through
 * juggler's generic matcher), so they are bounded to keep the cost of any
 * filter within twice that of listing the rows.
 */
export const CALLER_CONDITION_LIMITS: Readonly<ConditionLimits> = Object.freeze(
  {
    ...CONDITION_LIMITS,
    comparisons: 16,
  },
);

/**
 * A high surrogate not followed by a low one, or a low one not preceded by a
 * high one
 */
const UNPAIRED_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What is wrong with a string that a database could not store or compare:
 * a NUL character (PostgreSQL refuses it in text and JSON), an unpaired
 * surrogate, or more than {@link CONDITION_LIMITS}.textLength characters;
 * `undefined` for a good one
 * @param value - The string
 */
export function textFault(value: string): string | undefined {
  if (value.length > CONDITION_LIMITS.textLength) {
    return `is too long: at most ${CONDITION_LIMITS.textLength} characters, got ${value.length}`;
  }
  if (value.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (UNPAIRED_SURROGATE.test(value)) {
    return 'is not well-formed Unicode (an unpaired surrogate)';
  }
  return undefined;
}
