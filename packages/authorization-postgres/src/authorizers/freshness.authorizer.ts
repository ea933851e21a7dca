// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationDecision,
  AuthorizationMetadata,
  AuthorizationVerdict,
  Authorizer,
  AuthorizerResult,
  asAuthorizer,
} from '@loopback/authorization';
import {inject, injectable, Provider} from '@loopback/core';
import {PostgresChangeFeed} from '../feeds/postgres-change-feed';
import {PostgresAuthorizationBindings} from '../keys';
import {singletonUnder} from '../providers/singleton-binding';

/**
 * A voter that explains its vote
 */
export type FreshnessAuthorizer = Authorizer<
  AuthorizationMetadata,
  AuthorizerResult
>;

/**
 * A voter that decides nothing and says how fresh the data of the decision
 * is: it abstains with the reason
 * `store:revision=<n>,lagMs=<ms>,boundMs=<ms>`, so that every decision
 * record carries the revision this instance has applied, its current lag
 * and the staleness bound. Past the bound it throws the 503 of the change
 * feed: the decision fails closed, as with the role mapper.
 *
 * @param feed - The change feed
 */
export function createFreshnessAuthorizer(
  feed: Pick<PostgresChangeFeed, 'checkFresh' | 'status'>,
): FreshnessAuthorizer {
  return async () => {
    feed.checkFresh();
    const {revision, lagMs, stalenessBoundMs} = feed.status();
    const verdict: AuthorizationVerdict = {
      decision: AuthorizationDecision.ABSTAIN,
      reason:
        `store:revision=${revision},lagMs=${Math.round(lagMs)},` +
        `boundMs=${stalenessBoundMs}`,
    };
    return verdict;
  };
}

/**
 * Provides {@link createFreshnessAuthorizer}'s voter, tagged as an
 * authorizer
 */
@injectable(
  asAuthorizer,
  singletonUnder(PostgresAuthorizationBindings.FRESHNESS_AUTHORIZER),
)
export class FreshnessAuthorizerProvider implements Provider<FreshnessAuthorizer> {
  /**
   * @param feed - The change feed
   */
  constructor(
    @inject(PostgresAuthorizationBindings.FEED)
    private readonly feed: PostgresChangeFeed,
  ) {}

  /**
   * The voter
   */
  value(): FreshnessAuthorizer {
    return createFreshnessAuthorizer(this.feed);
  }
}
