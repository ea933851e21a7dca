// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {AuthorizationDecision} from '../../..';
import {completeAuthorizationOptions} from '../../../options/authorization-options.validator';
import {VoteCount} from '../../../pipeline/vote.stage';
import {ALLOW, DENY, ABSTAIN} from '../../fixtures/decisions';

describe('VoteCount', () => {
  const voter = function policy() {};

  function givenCount(options: object = {}, recordVotes = false): VoteCount {
    return new VoteCount(
      completeAuthorizationOptions(options),
      'C.prototype.m',
      recordVotes,
    );
  }

  // Votes in order, the options, then whether the count has decided and
  // the decision it gives
  const SEQUENCES: [
    string,
    object,
    AuthorizationDecision[],
    boolean,
    AuthorizationDecision,
  ][] = [
    [
      'Allow by default when all abstain',
      {defaultDecision: ALLOW},
      [ABSTAIN],
      false,
      ALLOW,
    ],
    [
      'Deny by default when all abstain',
      {defaultDecision: DENY},
      [ABSTAIN],
      false,
      DENY,
    ],
    [
      'the vote that has precedence, at once',
      {precedence: DENY},
      [ALLOW, DENY],
      true,
      DENY,
    ],
    ['Allow when it has precedence', {precedence: ALLOW}, [ALLOW], true, ALLOW],
    [
      'the decisive vote, whatever comes after it',
      {precedence: DENY},
      [DENY, ALLOW],
      true,
      DENY,
    ],
    [
      'the last vote that is not an abstention, otherwise',
      {precedence: DENY, defaultDecision: DENY},
      [ALLOW, ABSTAIN],
      false,
      ALLOW,
    ],
  ];
  for (const [what, options, votes, decided, decision] of SEQUENCES) {
    it(`decides ${what}`, () => {
      const count = givenCount(options);
      for (const vote of votes) count.add(vote, voter);
      expect(count.decided).to.equal(decided);
      expect(count.ballot().decision).to.equal(decision);
    });
  }

  it('throws on an invalid vote, naming the voter', () => {
    expect(() => givenCount().add('allow', voter)).to.throw(
      /Invalid vote from function policy on C\.prototype\.m/,
    );
  });

  it('keeps the votes, with their reasons, only when asked to', () => {
    const recorded = givenCount({}, true);
    recorded.add({decision: ALLOW, reason: 'rule 7'}, voter);
    expect(recorded.ballot().votes).to.eql([
      {voter: 'function policy', decision: ALLOW, reason: 'rule 7'},
    ]);
    const unrecorded = givenCount();
    unrecorded.add(ALLOW, voter);
    expect(unrecorded.ballot().votes).to.be.empty();
  });

  it('denies a failed vote, whatever was thrown and whatever came before', () => {
    for (const thrown of [new Error('x'), undefined, null, 0, '']) {
      const count = givenCount({defaultDecision: ALLOW});
      count.add(ALLOW, voter);
      const ballot = count.failed(thrown);
      expect(ballot.decision).to.equal(DENY);
      expect(ballot).to.have.property('error', thrown);
    }
  });
});
