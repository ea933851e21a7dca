// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {CONDITION_LIMITS, PolicyEngine} from '../../..';
import {customerRule, ORDER} from '../../fixtures/order-resource';

describe('rule validation', () => {
  let engine: PolicyEngine;
  beforeEach(() => {
    engine = new PolicyEngine([ORDER]);
  });

  function rejects(rule: unknown, message: RegExp) {
    expect(() => engine.upsert(rule)).to.throw(message);
    try {
      engine.upsert(rule);
    } catch (err) {
      expect(err).to.containDeep({
        statusCode: 422,
        code: 'INVALID_POLICY_RULE',
      });
    }
    expect(engine.size).to.equal(0);
  }

  const ERRORS: [string, unknown, RegExp][] = [
    ['a rule that is not an object', 'allow', /rule: expected an object/],
    ['a missing id', customerRule(), /id: expected a non-empty string/],
    ["an id '..'", {id: '..', ...customerRule()}, /id: ".." cannot be a path/],
    ["an id '.'", {id: '.', ...customerRule()}, /id: "." cannot be a path/],
    [
      "an id with '/'",
      {id: 'a/b', ...customerRule()},
      /id: "a\/b" cannot be a path/,
    ],
    [
      'an unknown key',
      {id: 'x', ...customerRule(), condition: {}},
      /"x": condition: unknown key/,
    ],
    [
      'an unknown effect',
      {id: 'x', ...customerRule({effect: 'permit' as 'allow'})},
      /"x": effect: expected "allow" or "deny"/,
    ],
    [
      'an unknown resource',
      {id: 'x', ...customerRule({resource: 'Invoice'})},
      /"x": resource: unknown resource type "Invoice"/,
    ],
    [
      'empty actions',
      {id: 'x', ...customerRule({actions: []})},
      /"x": actions: expected a non-empty array/,
    ],
    [
      'an empty action',
      {id: 'x', ...customerRule({actions: ['read', '']})},
      /"x": actions\[1\]: expected a non-empty string/,
    ],
    [
      'a subject that is not a string',
      {id: 'x', ...customerRule({subjects: [7 as unknown as string]})},
      /"x": subjects\[0\]: expected a non-empty string, got number 7/,
    ],
    [
      'an unknown built-in role',
      {id: 'x', ...customerRule({subjects: ['$owner']})},
      /"x": subjects\[0\]: unknown built-in role "\$owner"/,
    ],
    [
      'a principal without id',
      {id: 'x', ...customerRule({subjects: ['principal:']})},
      /subjects\[0\]: "principal:" needs a principal id/,
    ],
    [
      'an unknown field',
      {id: 'x', ...customerRule({fields: ['secret']})},
      /"x": fields\[0\]: "secret" is not a property of Order/,
    ],
    [
      'an unknown property in where',
      {id: 'x', ...customerRule({where: {owner: 'a'}})},
      /"x": where.owner: "owner" is not a property of Order/,
    ],
    [
      'an unknown operator',
      {id: 'x', ...customerRule({where: {ownerId: {foo: 'a'}}})},
      /"x": where.ownerId.foo: unknown operator "foo"/,
    ],
    [
      'like',
      {id: 'x', ...customerRule({where: {description: {like: 'a%'}}})},
      /where.description.like: "like" is refused/,
    ],
    [
      'regexp',
      {id: 'x', ...customerRule({where: {description: {regexp: '^a'}}})},
      /"regexp" is refused/,
    ],
    [
      'two operators in one',
      {id: 'x', ...customerRule({where: {total: {gt: 1, lt: 5}}})},
      /where.total: expected exactly one operator, got "gt", "lt"/,
    ],
    [
      'an ordering on a string',
      {id: 'x', ...customerRule({where: {ownerId: {gt: 'a'}}})},
      /where.ownerId.gt: "gt" needs a number property/,
    ],
    [
      'a value of the wrong type',
      {id: 'x', ...customerRule({where: {total: '5'}})},
      /where.total: expected a number, got "5"/,
    ],
    [
      'a null value',
      {id: 'x', ...customerRule({where: {ownerId: null}})},
      /where.ownerId: null is not a value/,
    ],
    [
      'NaN',
      {id: 'x', ...customerRule({where: {total: {gt: NaN}}})},
      /where.total.gt: expected a number/,
    ],
    [
      'a malformed reference',
      {id: 'x', ...customerRule({where: {ownerId: '$user.'}})},
      /where.ownerId: "\$user." is not a valid reference/,
    ],
    [
      'an empty inq',
      {id: 'x', ...customerRule({where: {ownerId: {inq: []}}})},
      /where.ownerId.inq: expected a non-empty array/,
    ],
    [
      'between with one bound',
      {id: 'x', ...customerRule({where: {total: {between: [1]}}})},
      /where.total.between: expected two bounds/,
    ],
    [
      'an empty and',
      {id: 'x', ...customerRule({where: {and: []}})},
      /where.and: expected a non-empty array of conditions/,
    ],
    [
      'a nested fault',
      {
        id: 'x',
        ...customerRule({where: {or: [{total: 1}, {total: {near: 1}}]}}),
      },
      /where.or\[1\].total.near: "near" is refused/,
    ],
    [
      'an empty where',
      {id: 'x', ...customerRule({where: {}})},
      /where: an empty condition/,
    ],
    [
      'a property of another kind',
      {id: 'x', ...customerRule({where: {placedAt: 'x'}})},
      /where.placedAt: "placedAt" cannot be compared/,
    ],
    [
      'a prototype key',
      {id: 'x', ...customerRule({where: JSON.parse('{"__proto__": 1}')})},
      /where.__proto__: "__proto__" is not a property/,
    ],
    [
      'a description that is not a string',
      {id: 'x', ...customerRule({description: 5 as unknown as string})},
      /description: expected a string/,
    ],
    [
      'a reference to the prototype of the user',
      {id: 'x', ...customerRule({where: {ownerId: '$user.__proto__'}})},
      /where.ownerId: "\$user.__proto__" is not a valid reference/,
    ],
    [
      'a reference to the constructor of the user',
      {id: 'x', ...customerRule({where: {ownerId: '$user.constructor'}})},
      /where.ownerId: "\$user.constructor" is not a valid reference/,
    ],
    [
      'a NUL character in an id',
      {id: 'x\u0000', ...customerRule()},
      /id: contains a NUL character/,
    ],
    [
      'a NUL character in a value',
      {id: 'x', ...customerRule({where: {description: 'a\u0000'}})},
      /where.description: contains a NUL character/,
    ],
    [
      'a NUL character in a subject',
      {id: 'x', ...customerRule({subjects: ['CUSTOMER\u0000']})},
      /subjects\[0\]: contains a NUL character/,
    ],
    [
      'an unpaired surrogate in a description',
      {id: 'x', ...customerRule({description: 'a\udc00'})},
      /description: is not well-formed Unicode/,
    ],
    [
      'a condition nested deeper than a query can be read',
      {id: 'x', ...customerRule({where: nested(CONDITION_LIMITS.depth + 1)})},
      /where(\.(and|or)\[0\])+\.(and|or): nested too deeply/,
    ],
    [
      'an inq too long',
      {
        id: 'x',
        ...customerRule({
          where: {total: {inq: Array.from({length: 300}, (_, i) => i)}},
        }),
      },
      /where.total.inq: too many values/,
    ],
  ];

  it('accepts a condition nested as deep as the limit', () => {
    engine.upsert({
      id: 'x',
      ...customerRule({where: nested(CONDITION_LIMITS.depth)}),
    });
    expect(engine.size).to.equal(1);
  });

  for (const [title, rule, message] of ERRORS) {
    it(`rejects ${title}, naming the rule and the part`, () =>
      rejects(rule, message));
  }

  it('accepts every supported operator and stores a frozen copy', () => {
    const where = {
      and: [
        {ownerId: '$user.id'},
        {tenantId: {neq: 't9'}},
        {total: {between: [1, 5]}},
        {or: [{paid: true}, {total: {gte: 2}}, {total: {lt: 9}}]},
        {description: {inq: ['a', 'b']}},
        {description: {nin: ['c']}},
        {total: {eq: 3}},
        {total: {lte: 3}},
        {total: {gt: 0}},
      ],
    };
    const stored = engine.upsert({id: 'x', ...customerRule({where})});
    where.and.pop();
    expect(stored.where).to.have.property('and').with.length(9);
    expect(Object.isFrozen(stored)).to.be.true();
    expect(Object.isFrozen(stored.where)).to.be.true();
  });

  it('leaves the rules as they were when one change of a batch is invalid', () => {
    engine.upsert({id: 'keep', ...customerRule()});
    expect(() =>
      engine.apply([
        {kind: 'remove', id: 'keep'},
        {kind: 'upsert', rule: {id: 'bad', ...customerRule({actions: []})}},
      ]),
    ).to.throw(/Invalid policy rule "bad"/);
    expect(engine.rules().map(r => r.id)).to.deepEqual(['keep']);
  });
});

/**
 * A condition with `depth` levels of `and` and `or`
 */
function nested(depth: number): object {
  let where: object = {total: 1};
  for (let i = 0; i < depth; i++) {
    where = i % 2 ? {and: [where]} : {or: [where, {total: i}]};
  }
  return where;
}
