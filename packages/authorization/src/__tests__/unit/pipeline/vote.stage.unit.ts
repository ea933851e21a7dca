// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {AuthorizationDecision} from '../../..';
import {completeAuthorizationOptions} from '../../../options/authorization-options.validator';
import {
  checkVote,
  checkVoter,
  voterName,
  VoteCount,
} from '../../../pipeline/vote.stage';
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

describe('vote checks', () => {
  const named = function policy() {};

  it('names voters by binding key or function name', () => {
    expect(voterName('voters.a')).to.equal('binding "voters.a"');
    expect(voterName(named)).to.equal('function policy');
    expect(voterName(() => {})).to.equal('function (anonymous)');
  });

  it('accepts the three decisions as they are', () => {
    for (const decision of Object.values(AuthorizationDecision)) {
      expect(checkVote(decision, named, 'C.prototype.m')).to.equal(decision);
    }
  });

  it('accepts a verdict as a frozen copy of its two fields', () => {
    const verdict = {decision: 'Deny', reason: 'rule 7', extra: 1};
    const checked = checkVote(verdict, named, 'C.prototype.m');
    expect(checked).to.eql({decision: 'Deny', reason: 'rule 7'});
    expect(Object.isFrozen(checked)).to.be.true();
  });

  for (const vote of [
    'deny',
    undefined,
    {decision: 'Allow'},
    {decision: 'Allow', reason: ''},
    {decision: 'allow', reason: 'r'},
    ['Allow', 'r'],
    Object('Allow'),
  ]) {
    it(`rejects ${JSON.stringify(vote)} naming the voter and the method`, () => {
      expect(() => checkVote(vote, named, 'C.prototype.m')).to.throw(
        /^Invalid vote from function policy on C\.prototype\.m: expected "Allow", "Deny" or "Abstain", got /,
      );
    });
  }

  it('rejects a voter that is not a function', () => {
    expect(() => checkVoter('Allow', 'voters.a', 'C.prototype.m')).to.throw(
      'Invalid voter binding "voters.a" on C.prototype.m: expected an ' +
        'authorizer function, got "Allow"',
    );
  });
});
