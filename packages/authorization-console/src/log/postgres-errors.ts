// Copyright The loopback-security-monorepo authors. License: MIT.

// `@loopback/authorization-postgres` is an optional peer: it is loaded only
// when the decision log is kept in PostgreSQL, which needs that package's
// pool.
type PostgresModule = typeof import('@loopback/authorization-postgres');

let loaded: Promise<PostgresModule> | undefined;

function postgresModule(): Promise<PostgresModule> {
  loaded ??= import('@loopback/authorization-postgres');
  return loaded;
}

/**
 * SQLSTATE classes of a statement PostgreSQL refuses for the values it
 * carries: data exceptions (22: a NUL character, a malformed escape, a value
 * out of range), integrity constraint violations (23), program limits (54:
 * a value too large to index)
 */
const ROW_CLASSES = new Set(['22', '23', '54']);

/**
 * Whether an INSERT failed because of the rows it carried, rather than
 * because the database is away or the statement is wrong: then writing the
 * rows one by one finds which to leave out
 * @param err - The error of `pg`
 */
export function isRowRefused(err: unknown): boolean {
  const code = (err as {code?: unknown} | null)?.code;
  return (
    typeof code === 'string' &&
    code.length === 5 &&
    ROW_CLASSES.has(code.slice(0, 2))
  );
}

/**
 * The error to answer for a read of the decision log that failed: a 503
 * with `Retry-After` when the database cannot be reached (as the other
 * stores of `@loopback/authorization-postgres` answer), else the error as it
 * is
 * @param err - The error of `pg`
 */
export async function readFailure(err: unknown): Promise<unknown> {
  const postgres = await postgresModule();
  return postgres.isDatabaseUnavailable(err)
    ? postgres.databaseUnavailable('The decision log', err)
    : err;
}
