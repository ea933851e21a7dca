// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {conditionToWhere} from '../../../conditions/condition.compiler';
import {parseCondition} from '../../../conditions/condition.parser';
import {ORDER} from '../../fixtures/order-resource';

describe('negation push-down', () => {
  const user = {id: 'alice'};
  function negated(where: object) {
    return conditionToWhere(parseCondition(where, ORDER, 'r'), user, true);
  }
  function positive(where: object) {
    return conditionToWhere(parseCondition(where, ORDER, 'r'), user);
  }

  it('keeps rows with a missing value when negating eq', () => {
    expect(negated({ownerId: '$user.id'})).to.deepEqual({
      or: [{ownerId: null}, {ownerId: {neq: 'alice'}}],
    });
  });

  it('turns a negated and into an or of negations (De Morgan)', () => {
    // The or of each negated comparison joins the outer or: one level less
    expect(negated({and: [{total: {gt: 5}}, {paid: true}]})).to.deepEqual({
      or: [{total: null}, {total: {lte: 5}}, {paid: null}, {paid: {neq: true}}],
    });
  });

  it('turns a negated or into an and of negations', () => {
    expect(negated({or: [{total: {lt: 1}}, {total: {gte: 9}}]})).to.deepEqual({
      and: [
        {or: [{total: null}, {total: {gte: 1}}]},
        {or: [{total: null}, {total: {lt: 9}}]},
      ],
    });
  });

  it('negates between into the two outer ranges and null', () => {
    expect(negated({total: {between: [1, 5]}})).to.deepEqual({
      or: [{total: null}, {total: {lt: 1}}, {total: {gt: 5}}],
    });
  });

  it('negates inq into nin and nin into inq, with null', () => {
    expect(negated({ownerId: {inq: ['a']}})).to.deepEqual({
      or: [{ownerId: null}, {ownerId: {nin: ['a']}}],
    });
    expect(negated({ownerId: {nin: ['a']}})).to.deepEqual({
      or: [{ownerId: null}, {ownerId: {inq: ['a']}}],
    });
  });

  it('excludes missing values from a positive neq and nin, as SQL does', () => {
    expect(positive({ownerId: {neq: 'a'}})).to.deepEqual({
      and: [{ownerId: {neq: 'a'}}, {ownerId: {neq: null}}],
    });
    expect(positive({ownerId: {nin: ['a']}})).to.deepEqual({
      and: [{ownerId: {nin: ['a']}}, {ownerId: {neq: null}}],
    });
  });

  it('writes eq as the shorthand every connector reads', () => {
    expect(positive({ownerId: {eq: '$user.id'}})).to.deepEqual({
      ownerId: 'alice',
    });
  });
});
