// Copyright The loopback-security-monorepo authors. License: MIT.

import {Filter} from '@loopback/repository';
import {expect} from '@loopback/testlab';
import {CALLER_CONDITION_LIMITS as CONDITION_LIMITS, PolicyCaller} from '../..';
import {
  ALICE,
  givenShop,
  OrderRepository,
  SERVICE,
  Shop,
  ShopOrder,
} from '../fixtures/shop';

/**
 * A filter of any shape, as a caller may send it
 */
type AnyFilter = Filter<ShopOrder>;

describe('PolicyRepositoryMixin: a caller filter is checked before any row is read', () => {
  let shop: Shop;
  let orders: OrderRepository;
  let caller: PolicyCaller;

  beforeEach(async () => {
    caller = ALICE;
    shop = await givenShop(() => caller);
    orders = shop.orders;
  });

  describe('refuses with 400 naming the part', () => {
    const deep = nested(CONDITION_LIMITS.depth + 1);
    for (const [title, where, part, why] of [
      [
        'a regexp',
        {description: {regexp: '^(a+)+$'}},
        'where.description.regexp',
        /backtracking/,
      ],
      [
        'a like',
        {description: {like: '%a%'}},
        'where.description.like',
        /backtracking/,
      ],
      [
        'an ilike',
        {description: {ilike: 'a%'}},
        'where.description.ilike',
        /refused/,
      ],
      [
        'a regexp inside an or',
        {or: [{description: {neq: 'x'}}, {total: {regexp: 'x'}}]},
        'where.or[1].total.regexp',
        /refused/,
      ],
      [
        'an unknown operator',
        {total: {near: 1}},
        'where.total.near',
        /refused/,
      ],
      [
        'an operator that is no operator',
        {total: {foo: 1}},
        'where.total.foo',
        /unknown operator/,
      ],
      [
        'an ordering on a string',
        {description: {gt: 'a'}},
        'where.description.gt',
        /needs a number/,
      ],
      [
        'a string for a number',
        {total: 'many'},
        'where.total',
        /must be a number, got "many"/,
      ],
      [
        'a number for a string',
        {description: 5},
        'where.description',
        /must be a string, got number 5/,
      ],
      [
        'an object for a value',
        {total: {eq: {}}},
        'where.total.eq',
        /must be a number/,
      ],
      [
        'between with an object',
        {total: {between: [1, {}]}},
        'where.total.between[1]',
        /must be a number/,
      ],
      [
        'a property that does not exist',
        {colour: 'red'},
        'where.colour',
        /"colour" is not a property of ShopOrder/,
      ],
      [
        'a prototype key',
        {constructor: 'x'},
        'where.constructor',
        /not a property/,
      ],
      [
        'a NUL character',
        {description: 'a\u0000b'},
        'where.description',
        /NUL character/,
      ],
      [
        'an unpaired surrogate',
        {description: 'a\ud800'},
        'where.description',
        /well-formed/,
      ],
      [
        'a string too long',
        {description: 'x'.repeat(CONDITION_LIMITS.textLength + 1)},
        'where.description',
        /too long/,
      ],
      [
        'an inq too long',
        {
          total: {
            inq: Array.from(
              {length: CONDITION_LIMITS.listLength + 1},
              (_, i) => i,
            ),
          },
        },
        'where.total.inq',
        /too many values/,
      ],
      [
        'a condition nested too deeply',
        deep,
        /^where(\.and\[0\])+\.and$/,
        /nested too deeply/,
      ],
      [
        'too many comparisons',
        manyComparisons(CONDITION_LIMITS.comparisons + 1),
        /^where\.and\[\d+\]\.total$/,
        /too many comparisons/,
      ],
      ['a null in an ordering', {total: {gt: null}}, 'where.total.gt', /null/],
    ] as const) {
      it(`${title} in where`, async () => {
        const expected = {
          statusCode: 400,
          code: 'INVALID_POLICY_FILTER',
          message: messageOf(part, why),
        };
        await expect(
          orders.find({where} as unknown as AnyFilter),
        ).to.be.rejectedWith(expected);
        await expect(orders.count(where as object)).to.be.rejectedWith(
          expected,
        );
      });
    }

    for (const [title, filter, part] of [
      ['a negative limit', {limit: -1}, 'limit'],
      ['a limit too large for any database', {limit: 1e20}, 'limit'],
      ['a fractional skip', {skip: 1.5}, 'skip'],
      ['an offset that is no number', {offset: 'x'}, 'offset'],
      ['an unknown part', {sort: 'total'}, 'sort'],
      ['fields that name no property', {fields: ['colour']}, 'fields'],
      [
        'fields with a value that is no flag',
        {fields: {total: 'yes'}},
        'fields.total',
      ],
      ['an order on no property', {order: 'colour ASC'}, 'order'],
      [
        'an order on too many properties',
        {order: Array(17).fill('total')},
        /order\[\d+\]/,
      ],
    ] as const) {
      it(`${title}`, async () => {
        await expect(
          orders.find(filter as unknown as AnyFilter),
        ).to.be.rejectedWith({
          statusCode: 400,
          code: 'INVALID_POLICY_FILTER',
          message: messageOf(part, /./),
        });
      });
    }
  });

  describe('reads what a query string sends', () => {
    it('takes numbers and booleans written as strings', async () => {
      const found = await orders.find({
        where: {total: {gt: '10'}, rush: 'true'},
        limit: '5',
      } as unknown as AnyFilter);
      expect(found.map(o => o.id)).to.deepEqual(['a2']);
    });

    it('tests for null with {p: null} and {p: {neq: null}}', async () => {
      caller = SERVICE;
      const without = await orders.find({
        where: {internalNote: null},
      } as unknown as AnyFilter);
      expect(without.map(o => o.id)).to.deepEqual(['a1', 'a2']);
      const noted = await orders.count({internalNote: {neq: null}} as object);
      expect(noted).to.deepEqual({count: 1});
    });
  });

  describe('gives answers that depend only on what the caller reads', () => {
    it('puts the rules first in the query, the caller after', async () => {
      const guard = await orders.policyGuard();
      const scope = guard.readScope({where: {description: 'tea'}});
      expect(scope.filter.where).to.deepEqual({
        and: [{ownerId: 'alice'}, {description: 'tea'}],
      });
    });

    it('orders the rows by id after the caller order', async () => {
      const guard = await orders.policyGuard();
      expect(
        guard.readScope({order: ['total DESC']}).filter.order,
      ).to.deepEqual(['total DESC', 'id ASC']);
      expect(guard.readScope(undefined).filter.order).to.deepEqual(['id ASC']);
    });

    it('answers a condition on another owner the same whether it matches or not', async () => {
      // The error oracle of a condition evaluated on rows the caller may not
      // read: an or whose second half would fail on a row
      const probe = (guess: string) =>
        orders.count({
          or: [{description: {neq: guess}}, {total: {gt: 1e308}}],
        } as object);
      expect(await probe('pot')).to.deepEqual(await probe('no such'));
    });
  });
});

/**
 * A where with `depth` levels of `and`
 */
function nested(depth: number): object {
  let where: object = {total: 1};
  for (let i = 0; i < depth; i++) where = {and: [where]};
  return where;
}

/**
 * A where with `count` comparisons
 */
function manyComparisons(count: number): object {
  return {and: Array.from({length: count}, (_, i) => ({total: {neq: i}}))};
}

/**
 * The message of an invalid filter naming `part`
 */
function messageOf(part: string | RegExp, why: RegExp): RegExp {
  const name =
    typeof part === 'string'
      ? part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      : part.source.replace(/^\^|\$$/g, '');
  return new RegExp(`^Invalid filter: "${name}" .*${why.source}`);
}
