// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {PrincipalRevocation, RevokedPrincipals, StoreSnapshot} from '../../..';

function snapshot(...revocations: PrincipalRevocation[]): StoreSnapshot {
  return {revision: 1, rules: [], roleAssignments: [], revocations};
}

function change(revocation: PrincipalRevocation) {
  return {
    revision: 2,
    kind: 'principal' as const,
    op: revocation.revoked ? ('revoke' as const) : ('restore' as const),
    revocation,
  };
}

describe('RevokedPrincipals', () => {
  let revoked: RevokedPrincipals;
  beforeEach(() => {
    revoked = new RevokedPrincipals();
  });

  it('refuses nothing of a principal never revoked', () => {
    expect(revoked.refuses('ann', 0)).to.be.false();
    expect(revoked.revocationOf('ann')).to.be.undefined();
  });

  it('refuses everything of a revoked principal, whenever issued', () => {
    revoked.load(snapshot({principal: 'ann', revoked: true, revokedAt: 1000}));
    expect(revoked.refuses('ann', 5000)).to.be.true();
    expect(revoked.refuses('ann')).to.be.true();
    expect(revoked.refuses('bob', 0)).to.be.false();
  });

  it('refuses what was issued before the revocation of a restored principal', () => {
    revoked.apply(change({principal: 'ann', revoked: true, revokedAt: 1000}));
    revoked.apply(change({principal: 'ann', revoked: false, revokedAt: 1000}));
    expect(revoked.refuses('ann', 999)).to.be.true();
    expect(revoked.refuses('ann')).to.be.true();
    expect(revoked.refuses('ann', 1000)).to.be.false();
  });

  it('ignores the changes of rules and roles', () => {
    revoked.apply({
      revision: 2,
      kind: 'roles',
      op: 'set',
      assignment: {principal: 'ann', tenant: '', roles: []},
    });
    expect(revoked.refuses('ann')).to.be.false();
  });

  it('forgets, on a new snapshot, what the snapshot does not hold', () => {
    revoked.apply(change({principal: 'ann', revoked: true, revokedAt: 1}));
    revoked.load(snapshot());
    expect(revoked.refuses('ann')).to.be.false();
  });
});
