// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {AuthorizationDecision} from '../../..';
import {
  checkVote,
  checkVoter,
  voterName,
} from '../../../pipeline/vote.validator';

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
