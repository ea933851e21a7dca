// Copyright The loopback-security-monorepo authors. License: MIT.

import {InvocationContext, ValueOrPromise} from '@loopback/core';
import {Principal, UserProfile} from '@loopback/security';
import {getBoundValue} from '../helpers/bound-value';
import {Deadline, within} from './deadline';
import {createPrincipalFromUserProfile} from '../principal';
import {isPromiseLike, USER_KEY} from '../helpers/hot-path';

/**
 * Stage 1, the caller: the principals of the user of a call, built once for
 * every later stage and the decision record. Only a missing user is
 * anonymous: `''` or `0` bound as a user is a bug, which the principal
 * factory rejects. The principals are frozen, one level deep (the principal
 * is a copy of the profile): a role mapper or a voter cannot change who
 * calls for the stages after it.
 *
 * @param invocationCtx - The invocation
 * @param deadline - The deadline of the decision, if any
 */
export function findPrincipals(
  invocationCtx: InvocationContext,
  deadline?: Deadline,
): ValueOrPromise<Principal[]> {
  const user = within(
    deadline,
    getBoundValue(invocationCtx, USER_KEY),
    'resolving the user',
  );
  if (isPromiseLike(user)) return Promise.resolve(user).then(principalsOf);
  return principalsOf(user);
}

const ANONYMOUS: Principal[] = Object.freeze([]) as unknown as Principal[];

function principalsOf(user: UserProfile | undefined | null): Principal[] {
  if (user == null) return ANONYMOUS;
  const principals = [Object.freeze(createPrincipalFromUserProfile(user))];
  return Object.freeze(principals) as Principal[];
}
