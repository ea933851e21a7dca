// Copyright The loopback-security-monorepo authors. License: MIT.

import {securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {createDecisionRecord} from '../../../pipeline/record.stage';
import {ALLOW, DENY} from '../../fixtures/decisions';

describe('createDecisionRecord', () => {
  const principals = [{[securityId]: 'u1', name: 'u1', profile: {team: 'a'}}];
  const grants = {roles: ['USER'], scopes: ['read']};

  it('freezes a copy of every part', () => {
    const votes = [{voter: 'binding "v"', decision: ALLOW}];
    const record = createDecisionRecord(
      'C.prototype.m',
      Object.freeze({}),
      principals,
      grants,
      {decision: ALLOW, votes},
      1.5,
    );
    expect(record).to.containDeep({decision: ALLOW, roles: ['USER']});
    for (const part of [
      record,
      record.principals,
      record.principals[0],
      record.principals[0].profile,
      record.roles,
      record.scopes,
      record.votes,
      record.votes[0],
    ]) {
      expect(Object.isFrozen(part)).to.be.true();
    }
    expect(Object.isFrozen(principals[0])).to.be.false();
    expect(record.votes).to.not.equal(votes);
  });

  it('records a failed decision as a denial with its error', () => {
    const error = new Error('boom');
    const record = createDecisionRecord(
      'C.prototype.m',
      {},
      [],
      grants,
      {decision: ALLOW, votes: [], error},
      0,
    );
    expect(record.decision).to.equal(DENY);
    expect(record.error).to.equal(error);
  });
});
