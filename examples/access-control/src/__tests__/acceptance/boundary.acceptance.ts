// Copyright The loopback-security-monorepo authors. License: MIT.

// What an attacker found at the API boundary, each tried again over HTTP:
// an error that told apart other customers' orders, a pattern that held the
// server, a cancel that ignored its rule's condition, and inputs the rules'
// store or a query could not take.

import {expect} from '@loopback/testlab';
import {AccessControlBindings} from '../../keys';
import {Order} from '../../models';
import {authHeader, CallerName} from '../fixtures/callers';
import {givenRunningShop} from '../fixtures/running-app';

describe('The API boundary: nothing a request sends learns or changes what the rules deny it', () => {
  const shop = givenRunningShop();
  let bobOrder: Order;

  before(async () => {
    const orders = await shop.app.get(AccessControlBindings.ORDER_REPOSITORY);
    bobOrder = await orders.create({
      ownerId: shop.callers.bob.id,
      description: 'A secret present',
      total: 30,
      status: 'placed',
    });
  });

  const get = (name: CallerName, path: string) =>
    shop.client.get(path).set(authHeader(shop.callers[name]));
  const query = (value: object) => encodeURIComponent(JSON.stringify(value));
  const count = (name: CallerName, where: object) =>
    get(name, `/orders/count?where=${query(where)}`);
  const list = (name: CallerName, filter: object) =>
    get(name, `/orders?filter=${query(filter)}`);

  describe('a condition on orders the caller may not read', () => {
    it('answers the same whether another customer has an order or not', async () => {
      const probe = (guess: string) =>
        count('alice', {
          or: [{description: {neq: guess}}, {total: {regexp: 'x'}}],
        });
      const hit = await probe(bobOrder.description);
      const miss = await probe('nothing anyone ordered');
      expect(hit.status).to.equal(400);
      expect({status: hit.status, body: hit.body}).to.deepEqual({
        status: miss.status,
        body: miss.body,
      });
    });

    it('answers the same whether an order id exists or not', async () => {
      const probe = (id: string) =>
        count('alice', {or: [{id: {neq: id}}, {total: {gt: 1}}]});
      const hit = await probe(bobOrder.id);
      const miss = await probe('00000000-0000-4000-8000-000000000000');
      expect(hit.status).to.equal(200);
      expect(hit.body).to.deepEqual(miss.body);
    });

    it('refuses a regular expression before it runs on any row', async () => {
      const res = await list('alice', {
        where: {description: {regexp: '^(a+)+$'}},
      }).expect(400);
      expect(res.body.error).to.containDeep({
        code: 'INVALID_POLICY_FILTER',
        message:
          'Invalid filter: "where.description.regexp" "regexp" is refused: regular expressions run in a backtracking engine, where one pattern can hold the server for seconds, and differ between databases',
      });
    });
  });

  describe('a value no database could take', () => {
    for (const [what, filter, part] of [
      [
        'a NUL character',
        {where: {description: 'a\u0000'}},
        'where.description',
      ],
      [
        'between with an object',
        {where: {total: {between: ['a', {}]}}},
        'where.total.between[0]',
      ],
      ['a limit beyond any database', {limit: 1e20}, 'limit'],
    ] as const) {
      it(`answers 400 naming the part to ${what}`, async () => {
        const res = await list('service', filter).expect(400);
        expect(res.body.error.message).to.startWith(
          `Invalid filter: "${part}"`,
        );
      });
    }
  });

  describe('a path that cannot be decoded', () => {
    for (const [verb, path] of [
      ['get', '/orders/%ED%A0%80'],
      ['patch', '/orders/%ED%A0%80'],
      ['patch', '/users/%ED%A0%80/email'],
    ] as const) {
      it(`answers 400 to ${verb.toUpperCase()} ${path}, not 500`, async () => {
        const res = await shop.client[verb](path)
          .set(authHeader(shop.callers.service))
          .send({});
        expect(res.status).to.equal(400);
        expect(res.body.error).to.containDeep({code: 'MALFORMED_PATH'});
      });
    }
  });

  describe('an action of its own: cancel', () => {
    it("follows the cancel rules' condition, not the update rules", async () => {
      const orders = await shop.app.get(AccessControlBindings.ORDER_REPOSITORY);
      const small = await orders.create({
        ownerId: shop.callers.alice.id,
        description: 'A small order',
        total: 10,
        status: 'placed',
      });
      const created = await shop.client
        .post('/policies')
        .set(authHeader(shop.callers.admin))
        .send({
          id: 'no-cancel-from-20',
          effect: 'deny',
          resource: 'Order',
          actions: ['cancel'],
          subjects: ['CUSTOMER_SERVICE'],
          where: {total: {gte: 20}},
        })
        .expect(201);
      try {
        const refused = await shop.client
          .delete(`/orders/${bobOrder.id}`)
          .set(authHeader(shop.callers.service))
          .expect(403);
        expect(refused.body.error.message).to.equal(
          'Forbidden: may not cancel this Order',
        );
        expect((await orders.findById(bobOrder.id)).status).to.equal('placed');
        // Nor through the update rules: the status is no field of theirs
        const patched = await shop.client
          .patch(`/orders/${bobOrder.id}`)
          .set(authHeader(shop.callers.service))
          .send({status: 'cancelled'})
          .expect(403);
        expect(patched.body.error.message).to.match(/"status"/);
        expect((await orders.findById(bobOrder.id)).status).to.equal('placed');
        await shop.client
          .delete(`/orders/${small.id}`)
          .set(authHeader(shop.callers.service))
          .expect(200);
        expect((await orders.findById(small.id)).status).to.equal('cancelled');
      } finally {
        await shop.client
          .delete(`/policies/${created.body.id}`)
          .set(authHeader(shop.callers.admin))
          .expect(204);
      }
    });
  });

  describe('a rule the store could keep but no read could use', () => {
    const rule = (where: object) => ({
      effect: 'allow',
      resource: 'Order',
      actions: ['read'],
      subjects: ['CUSTOMER'],
      where,
    });
    let deep: object = {total: 1};
    for (let i = 0; i < 40; i++) deep = {and: [deep]};

    for (const [what, where, part] of [
      [
        'nested 40 levels deep',
        deep,
        /where(\.and\[0\])+\.and: nested too deeply/,
      ],
      [
        'reading the prototype of the user',
        {ownerId: '$user.__proto__'},
        /where\.ownerId: "\$user\.__proto__" is not a valid reference/,
      ],
      [
        'reading the constructor of the user',
        {ownerId: '$user.constructor'},
        /where\.ownerId: "\$user\.constructor" is not a valid reference/,
      ],
      [
        'with a NUL character',
        {description: 'x\u0000'},
        /where\.description: contains a NUL character/,
      ],
    ] as const) {
      it(`refuses a rule ${what} with 422`, async () => {
        const res = await shop.client
          .post('/policies')
          .set(authHeader(shop.callers.admin))
          .send(rule(where))
          .expect(422);
        expect(res.body.error.message).to.match(part);
      });
    }
  });
});
