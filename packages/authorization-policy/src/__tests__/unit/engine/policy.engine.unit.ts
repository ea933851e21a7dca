// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {subjectsOf} from '../../..';
import {
  ALICE,
  BOB,
  customerRule,
  givenEngine,
  NOBODY,
} from '../../fixtures/order-resource';

describe('PolicyEngine', () => {
  const own = {id: 'o1', ownerId: 'alice', tenantId: 't1', total: 3};
  const other = {id: 'o2', ownerId: 'carol', tenantId: 't1', total: 9};

  it('decides an instance and names the rule that decided', () => {
    const engine = givenEngine(customerRule({where: {ownerId: '$user.id'}}));
    expect(engine.decide(ALICE, 'Order', 'read', own)).to.deepEqual({
      allowed: true,
      ruleId: 'r0',
    });
    expect(engine.decide(ALICE, 'Order', 'read', other)).to.deepEqual({
      allowed: false,
    });
  });

  it('lets a deny rule win over an allow rule', () => {
    const engine = givenEngine(
      customerRule(),
      customerRule({effect: 'deny', where: {total: {gt: 5}}}),
    );
    expect(engine.decide(ALICE, 'Order', 'read', other)).to.deepEqual({
      allowed: false,
      ruleId: 'r1',
    });
    expect(engine.decide(ALICE, 'Order', 'read', own).allowed).to.be.true();
  });

  it('grants nothing by an allow rule whose $user attribute is missing', () => {
    const engine = givenEngine(
      customerRule({where: {tenantId: '$user.tenantId'}}),
    );
    expect(engine.decide(BOB, 'Order', 'read', own).allowed).to.be.false();
    expect(engine.filter(BOB, 'Order', 'read').matchesNothing).to.be.true();
  });

  it('refuses everything by a deny rule whose $user attribute is missing', () => {
    const engine = givenEngine(
      customerRule(),
      customerRule({
        effect: 'deny',
        where: {tenantId: {neq: '$user.tenantId'}},
      }),
    );
    expect(engine.decide(BOB, 'Order', 'read', own)).to.deepEqual({
      allowed: false,
      ruleId: 'r1',
    });
    expect(engine.filter(BOB, 'Order', 'read')).to.containDeep({
      matchesNothing: true,
      ruleIds: ['r1'],
    });
  });

  it('builds a filter that matches nothing when nothing is allowed', () => {
    const engine = givenEngine(customerRule());
    expect(engine.filter(NOBODY, 'Order', 'read')).to.deepEqual({
      where: {and: [{id: null}, {id: {neq: null}}]},
      matchesNothing: true,
      ruleIds: [],
    });
  });

  it('builds an empty filter when every instance is allowed', () => {
    const engine = givenEngine(customerRule());
    expect(engine.filter(ALICE, 'Order', 'read').where).to.deepEqual({});
  });

  it('exposes the fields of the rules that match, less the denied ones', () => {
    const engine = givenEngine(
      customerRule({fields: ['id', 'total']}),
      customerRule({where: {ownerId: '$user.id'}, fields: ['description']}),
      customerRule({
        effect: 'deny',
        fields: ['total'],
        where: {total: {gt: 5}},
      }),
    );
    expect(engine.fields(ALICE, 'Order', 'read', own)).to.deepEqual([
      'id',
      'description',
      'total',
    ]);
    expect(engine.fields(ALICE, 'Order', 'read', other)).to.deepEqual(['id']);
    // In every instance: what every allow rule grants, less any denied;
    // an instance only r1 matches shows no id
    expect(engine.fields(ALICE, 'Order', 'read')).to.deepEqual([]);
  });

  it('applies incremental changes: upsert replaces, remove deletes', () => {
    const engine = givenEngine(customerRule());
    expect(engine.decide(ALICE, 'Order', 'read').allowed).to.be.true();
    engine.upsert({id: 'r0', ...customerRule({subjects: ['ADMIN']})});
    expect(engine.decide(ALICE, 'Order', 'read').allowed).to.be.false();
    engine.apply([
      {kind: 'upsert', rule: {id: 'r1', ...customerRule()}},
      {kind: 'remove', id: 'r0'},
    ]);
    expect(engine.rules().map(r => r.id)).to.deepEqual(['r1']);
    expect(engine.decide(ALICE, 'Order', 'read').allowed).to.be.true();
    expect(engine.remove('r1')).to.be.true();
    expect(engine.decide(ALICE, 'Order', 'read').allowed).to.be.false();
  });

  it('looks only at the rules of the question (index by resource, action, subject)', () => {
    const engine = givenEngine(
      customerRule({actions: ['update']}),
      customerRule({subjects: ['ADMIN']}),
      {...customerRule(), subjects: ['principal:alice'], effect: 'deny'},
    );
    expect(engine.decide(BOB, 'Order', 'read').allowed).to.be.false();
    expect(engine.decide(BOB, 'Order', 'update').allowed).to.be.true();
    expect(engine.decide(ALICE, 'Order', 'update').allowed).to.be.true();
    expect(engine.decide(ALICE, 'Order', 'read')).to.deepEqual({
      allowed: false,
      ruleId: 'r2',
    });
  });

  it('ignores role names that pose as built-in roles or principals', () => {
    expect(
      subjectsOf({
        id: 'x',
        roles: ['$anonymous', 'principal:admin', 'R'],
        attributes: {},
      }),
    ).to.deepEqual(['$everyone', '$authenticated', 'principal:x', 'R']);
  });
});
