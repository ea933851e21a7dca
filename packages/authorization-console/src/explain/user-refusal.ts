// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationDecision} from '@loopback/authorization';
import {ProfileFactory, UserCheck} from '../types';
import {ExplainSubject, profileOf} from './explain-context';
import {Explanation} from './explanation';
import {describeError} from './run-decision';

/**
 * What a request of the subject gets from authentication's check of its
 * user, before any authorization: `undefined` when the user may act (or
 * there is no user, or no check), else the refusal as an explanation.
 *
 * @remarks
 * The check is the application's own ({@link UserCheck}), run on the
 * profile the factory builds, as of a token issued now: a deleted,
 * disabled or revoked user is refused whatever the route, and whatever
 * roles a what-if supposes. An error without an HTTP status is a fault of
 * the check: it fails the explanation (500), it is never read as "let in".
 *
 * @param subject - Who asks
 * @param check - The application's check, if bound
 * @param factory - Builds the profile of a user, if bound
 */
export async function refusalOfUser(
  subject: ExplainSubject,
  check: UserCheck | undefined,
  factory: ProfileFactory | undefined,
): Promise<Explanation | undefined> {
  const {user} = subject;
  if (!user || !check) return undefined;
  const profile = await profileOf(user.id, factory);
  try {
    await check(profile);
    return undefined;
  } catch (error) {
    const described = describeError(error);
    if (!hasStatus(error)) throw error;
    const name: unknown = profile.name;
    return {
      decision: AuthorizationDecision.DENY,
      status: described.statusCode,
      decidedBy: {
        kind: 'authentication',
        reason: `authentication refuses this user: ${described.message}`,
      },
      votes: [],
      user: {id: user.id, ...(typeof name === 'string' && {name})},
      roles: [],
      scopes: [],
      error: described,
      notes: [
        'Checked as for a token issued now: a token issued before a ' +
          'revocation is refused even once the user may act again',
      ],
    };
  }
}

function hasStatus(error: unknown): boolean {
  const status = (error as {statusCode?: unknown} | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status <= 599;
}
