// Copyright The loopback-security-monorepo authors. License: MIT.

import {benchmarkVoters, countingVoters, denyVoter} from './fixtures';
import {
  ContenderName,
  createInvocationVariant,
  DECIDES,
  VARIANT_NAMES,
} from './invocation-variants';

/**
 * What one call of a variant did
 */
export interface CallOutcome {
  /**
   * `allowed` when the method ran, `denied` when authorization stopped it
   * with a 403, `failed` for anything else
   */
  outcome: 'allowed' | 'denied' | 'failed';
  /**
   * How many times each voter was asked
   */
  votes: number[];
  /**
   * The error, when the call did not go through
   */
  error?: unknown;
}

/**
 * Call a contender once with counting voters, to see whether it allows or
 * denies and which voters it asks
 *
 * @param name - The contender
 * @param voterCount - How many voters; the last one decides
 * @param withUser - Whether the call has a user
 * @param deny - Whether the last voter denies instead of allowing
 * @param decorated - Whether the method has authorization metadata
 */
export async function callOnce(
  name: ContenderName,
  voterCount: number,
  withUser: boolean,
  deny: boolean,
  decorated = true,
): Promise<CallOutcome> {
  const {voters, counts} = countingVoters(
    benchmarkVoters(voterCount, deny ? denyVoter : undefined),
  );
  const variant = createInvocationVariant(name, {voters, withUser, decorated});
  try {
    const result = await variant.call();
    return {
      outcome: result === 'Hello, world' ? 'allowed' : 'failed',
      votes: counts,
    };
  } catch (error) {
    const status = (error as {statusCode?: unknown}).statusCode;
    return {
      outcome: status === 403 ? 'denied' : 'failed',
      votes: counts,
      error,
    };
  }
}

/**
 * Check that the contenders of a scenario do what they are meant to, so that
 * their figures compare the same work: the baseline and the floor ask no
 * voter and allow; the published package, ours and the lookups contender
 * ask every voter, allow when the last one allows and deny when it denies.
 * For an undecorated method the variants ask nobody and allow.
 *
 * @param voterCount - How many voters
 * @param withUser - Whether the calls have a user
 * @param decorated - Whether the method has authorization metadata
 * @param contenders - Which contenders, the three variants by default
 * @returns The problems found, empty when there is none
 */
export async function checkVariants(
  voterCount: number,
  withUser: boolean,
  decorated = true,
  contenders: readonly ContenderName[] = VARIANT_NAMES,
): Promise<string[]> {
  const problems: string[] = [];
  for (const name of contenders) {
    const authorizes = DECIDES[name] && decorated;
    for (const deny of [false, true]) {
      const {outcome, votes, error} = await callOnce(
        name,
        voterCount,
        withUser,
        deny,
        decorated,
      );
      const expected = authorizes && deny ? 'denied' : 'allowed';
      const where =
        `${name}, ${voterCount} voter(s), ${withUser ? 'with' : 'without'} ` +
        `a user, ${decorated ? 'decorated' : 'undecorated'}, last voter ` +
        (deny ? 'denies' : 'allows');
      if (outcome !== expected) {
        problems.push(
          `${where}: expected ${expected}, got ${outcome}` +
            (error ? ` (${String(error)})` : ''),
        );
      }
      const asked = authorizes ? 1 : 0;
      if (votes.some(count => count !== asked)) {
        problems.push(
          `${where}: expected each voter to be asked ${asked} time(s), got ` +
            `[${votes.join(', ')}]`,
        );
      }
    }
  }
  return problems;
}
