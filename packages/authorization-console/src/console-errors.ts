// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Where a bad input was, and what was wrong with it
 */
export interface ErrorDetail {
  /**
   * The part at fault, such as `route.verb` or `where.total`
   */
  path: string;
  /**
   * What is wrong with it
   */
  message: string;
}

/**
 * An error of the console's API, answered with its status, code and
 * details (LoopBack's REST layer writes them for a 4xx status)
 */
export interface ConsoleError extends Error {
  /**
   * The HTTP status
   */
  statusCode: number;
  /**
   * A machine-readable code
   */
  code: string;
  /**
   * Where the bad input was
   */
  details?: ErrorDetail[];
  /**
   * Whether LoopBack's REST layer shows the message of a 5xx error: set
   * for the console's own errors, whose messages say nothing about data
   */
  expose?: boolean;
}

/**
 * Make an error of the console's API
 * @param statusCode - The HTTP status
 * @param code - A machine-readable code
 * @param message - What went wrong, and where
 * @param details - Where the bad input was
 */
export function consoleError(
  statusCode: number,
  code: string,
  message: string,
  details?: ErrorDetail[],
): ConsoleError {
  const error = new Error(message) as ConsoleError;
  error.statusCode = statusCode;
  error.code = code;
  if (details) error.details = details;
  if (statusCode >= 500) error.expose = true;
  return error;
}
