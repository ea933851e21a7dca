// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationCaller,
  AuthorizationError,
  createAuthorizationError,
  resolveAuthorizationCaller,
} from '@loopback/authorization';
import {
  ClassDecoratorFactory,
  Context,
  intercept,
  Interceptor,
  MetadataAccessor,
  MetadataInspector,
} from '@loopback/core';

/**
 * The metadata of a controller the console's role check guards: the roles
 * it is open to
 */
export const CONSOLE_ROLES_KEY = MetadataAccessor.create<
  readonly string[],
  ClassDecorator
>('authorization-console:roles');

/**
 * Whether a caller holds one of the console's roles, after the role mappers
 * and the role hierarchy
 * @param caller - The caller, as the authorization pipeline builds it
 * @param roles - The console's roles
 */
export function holdsConsoleRole(
  caller: Pick<AuthorizationCaller, 'roles'>,
  roles: readonly string[],
): boolean {
  return caller.roles.some(role => roles.includes(role));
}

/**
 * What the console's role check answers a caller of a controller's method
 * that the vote let in: `undefined` when it lets the call through (the
 * controller is not the console's, or the caller holds one of its roles),
 * else the status of the refusal and why. The explanations and the access
 * matrix ask it, so that they say what the real request gets.
 * @param controller - The controller class of the route
 * @param caller - The caller; `undefined` when it could not be built
 */
export function consoleRoleRefusal(
  controller: Function,
  caller: Pick<AuthorizationCaller, 'principals' | 'roles'> | undefined,
): {status: 401 | 403; reason: string} | undefined {
  const roles = consoleRolesOf(controller);
  if (!roles || (caller && holdsConsoleRole(caller, roles))) return undefined;
  return {
    status: caller?.principals.length ? 403 : 401,
    reason: `the console's role check: one of ${roles.join(', ')}`,
  };
}

/**
 * Check that the caller of a request holds one of the console's roles;
 * throws the error of a denial otherwise: 401 for an anonymous caller, 403
 * for a user without the role
 * @param ctx - The invocation or request context
 * @param roles - The console's roles
 */
export async function checkConsoleCaller(
  ctx: Context,
  roles: readonly string[],
): Promise<void> {
  const caller = await resolveAuthorizationCaller(ctx);
  if (holdsConsoleRole(caller, roles)) return;
  throw consoleDenial(caller);
}

/**
 * The console's own role check, as an interceptor: it builds the caller
 * exactly as the authorization pipeline does and lets the call through only
 * when the caller holds one of the roles.
 *
 * @remarks
 * `@authorize` on the console's routes decides through the vote, and a vote
 * can be configured open: with `precedence: Allow`, any other authorizer that
 * allows outvotes the console's own voter; without the authorization
 * interceptor, `@authorize` does nothing at all. This check does not depend
 * on the vote nor on any option of the pipeline. A class-level interceptor,
 * it runs after the global authorization interceptor, so a caller the vote
 * denies is denied (and recorded) by the pipeline first.
 *
 * @param roles - The console's roles
 */
export function consoleRoleInterceptor(roles: readonly string[]): Interceptor {
  const allowed = Object.freeze([...roles]);
  return async (invocationCtx, next) => {
    await checkConsoleCaller(invocationCtx, allowed);
    return next();
  };
}

/**
 * Guard a controller of the console's API with the console's role check
 * (see {@link consoleRoleInterceptor}), and mark it so that the access
 * matrix knows the check applies
 * @param roles - The console's roles
 */
export function consoleRoleGuard(roles: readonly string[]): ClassDecorator {
  const frozen = Object.freeze([...roles]);
  const mark = ClassDecoratorFactory.createDecorator(CONSOLE_ROLES_KEY, frozen);
  const guard = intercept(consoleRoleInterceptor(frozen));
  return target => {
    mark(target);
    guard(target);
  };
}

/**
 * The roles the console's role check requires of a controller class;
 * `undefined` for a class it does not guard
 * @param controller - A controller class
 */
export function consoleRolesOf(
  controller: Function,
): readonly string[] | undefined {
  return MetadataInspector.getClassMetadata(CONSOLE_ROLES_KEY, controller);
}

function consoleDenial(caller: AuthorizationCaller): AuthorizationError {
  if (caller.principals.length > 0) {
    return createAuthorizationError('Access denied', 403);
  }
  const error = createAuthorizationError('Authentication required', 401);
  error.headers = {'WWW-Authenticate': 'Bearer'};
  return error;
}
