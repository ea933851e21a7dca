// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {callerFromUserProfile, PolicyCaller} from '../../..';
import {securityId} from '@loopback/security';
import {customerRule, givenEngine} from '../../fixtures/order-resource';

describe('the rules remembered per caller', () => {
  const order = {id: 'o1', ownerId: 'alice', total: 3};

  it('sees a rule added or removed on the very next decision', () => {
    const engine = givenEngine(customerRule());
    const alice = callerFromUserProfile({
      [securityId]: 'alice',
      id: 'alice',
      roles: ['CUSTOMER'],
    });
    expect(Object.isFrozen(alice)).to.be.true();
    expect(engine.decide(alice, 'Order', 'read', order).allowed).to.be.true();
    engine.upsert({id: 'no', ...customerRule({effect: 'deny'})});
    expect(engine.decide(alice, 'Order', 'read', order)).to.deepEqual({
      allowed: false,
      ruleId: 'no',
    });
    expect(engine.filter(alice, 'Order', 'read').matchesNothing).to.be.true();
    engine.remove('no');
    expect(engine.decide(alice, 'Order', 'read', order).allowed).to.be.true();
    engine.apply([{kind: 'remove', id: 'r0'}]);
    expect(engine.fields(alice, 'Order', 'read', order)).to.deepEqual([]);
  });

  it('does not remember a caller that can change', () => {
    const engine = givenEngine(customerRule());
    const roles = ['CUSTOMER'];
    const caller: PolicyCaller = {id: 'bob', roles, attributes: {}};
    expect(engine.decide(caller, 'Order', 'read').allowed).to.be.true();
    roles.pop();
    expect(engine.decide(caller, 'Order', 'read').allowed).to.be.false();
  });

  it('hands out frozen decisions', () => {
    const engine = givenEngine(customerRule());
    const caller: PolicyCaller = {
      id: 'bob',
      roles: ['CUSTOMER'],
      attributes: {},
    };
    const decision = engine.decide(caller, 'Order', 'read');
    expect(Object.isFrozen(decision)).to.be.true();
    expect(
      Object.isFrozen(engine.decide(caller, 'Order', 'delete')),
    ).to.be.true();
  });
});
