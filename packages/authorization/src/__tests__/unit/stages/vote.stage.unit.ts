// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {completeAuthorizationOptions} from '../../../options/authorization-options.validator';
import {VoteCount} from '../../../stages/vote.stage';
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

  it('gives the default decision when every voter abstains', () => {
    for (const defaultDecision of [ALLOW, DENY]) {
      const count = givenCount({defaultDecision});
      count.add(ABSTAIN, voter);
      expect(count.decided).to.be.false();
      expect(count.ballot().decision).to.equal(defaultDecision);
    }
  });

  it('stops at the vote that has precedence', () => {
    const count = givenCount({precedence: DENY});
    count.add(ALLOW, voter);
    expect(count.decided).to.be.false();
    count.add(DENY, voter);
    expect(count.decided).to.be.true();
    expect(count.ballot().decision).to.equal(DENY);
  });

  it('lets no vote after the decisive one change the decision', () => {
    const count = givenCount({precedence: DENY});
    count.add(DENY, voter);
    count.add(ALLOW, voter);
    expect(count.ballot().decision).to.equal(DENY);
  });

  it('lets the last vote that is not an abstention decide otherwise', () => {
    const count = givenCount({precedence: DENY, defaultDecision: DENY});
    count.add(ALLOW, voter);
    count.add(ABSTAIN, voter);
    expect(count.ballot().decision).to.equal(ALLOW);
  });

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
