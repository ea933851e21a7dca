// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {requiredValues} from '../../../engine/required-values';
import {parseCondition} from '../../../conditions/condition.parser';
import {ORDER} from '../../fixtures/order-resource';

describe('requiredValues', () => {
  const of = (where: object) =>
    requiredValues(parseCondition(where, ORDER, 'rule r0'));

  it('finds the literal an equality requires', () => {
    expect(of({tenantId: 't42'})).to.eql({field: 'tenantId', values: ['t42']});
    expect(of({total: {eq: 3}})).to.eql({field: 'total', values: [3]});
    expect(of({paid: false})).to.eql({field: 'paid', values: [false]});
  });

  it('finds the literals of inq, each once', () => {
    expect(of({ownerId: {inq: ['u1', 'u2', 'u1']}})).to.eql({
      field: 'ownerId',
      values: ['u1', 'u2'],
    });
  });

  it('takes the item of an and with the fewest values', () => {
    expect(
      of({
        and: [
          {ownerId: '$user.id'},
          {tenantId: {inq: ['t1', 't2']}},
          {id: 'o7'},
        ],
      }),
    ).to.eql({field: 'id', values: ['o7']});
    expect(of({tenantId: 't1', total: {gt: 5}})).to.eql({
      field: 'tenantId',
      values: ['t1'],
    });
  });

  it('joins the values of an or whose items all require one property', () => {
    expect(
      of({or: [{tenantId: 't1'}, {and: [{tenantId: 't2'}, {paid: true}]}]}),
    ).to.eql({field: 'tenantId', values: ['t1', 't2']});
  });

  it('finds nothing where the values are not a list of literals', () => {
    expect(of({ownerId: '$user.id'})).to.be.undefined();
    expect(of({ownerId: {inq: ['u1', '$user.id']}})).to.be.undefined();
    expect(of({tenantId: {neq: 't1'}})).to.be.undefined();
    expect(of({total: {gte: 3}})).to.be.undefined();
    expect(of({or: [{tenantId: 't1'}, {ownerId: 'u1'}]})).to.be.undefined();
    expect(of({or: [{tenantId: 't1'}, {total: {gt: 1}}]})).to.be.undefined();
  });
});
